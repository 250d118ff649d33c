import { registerErrors } from '../../core/errors.ts';

/** The cases module's coded errors (registered once, when the module is loaded). */
registerErrors({
  'cases.case_not_found': {
    status: 404,
    zh: '案件不存在或不在您的权限范围内',
    en: 'No such case in your scope',
  },
  'cases.illegal_transition': {
    status: 409,
    zh: '案件当前状态不允许此操作',
    en: 'This action is not allowed in the case’s current state',
  },
  'cases.window_closed': {
    status: 409,
    zh: '已超过法定期限，不能再提出此申请',
    en: 'The statutory window for this request has closed',
  },
  'cases.category_unknown': {
    status: 400,
    zh: '派单目录中没有此类别',
    en: 'The dispatch catalogue has no such category',
  },
  'cases.unit_invalid': {
    status: 400,
    zh: '承办单位须为本区的学区、学校或区教委',
    en: 'The handling unit must be a zone, a school or the commission of this district',
  },
  'cases.dispatch_to_accused': {
    status: 409,
    zh: '检举件不得交由被检举单位办理',
    en: 'An accusation cannot be handled by the accused unit',
  },
  'cases.extension_missing': {
    status: 400,
    zh: '延期申请须写明延长的天数或小时数',
    en: 'An extension request must say how many days or hours',
  },
  'cases.extension_limit': {
    status: 409,
    zh: '信访事项办理期限最多延长30日',
    en: 'A petition’s handling period can be extended by 30 days at most',
  },
  'cases.id_number_invalid': { status: 400, zh: '身份证号码不合法', en: 'The ID number is not valid' },
  'cases.merge_invalid': {
    status: 409,
    zh: '不能合并：须为同类、未合并且未办结的两件不同案件',
    en: 'Cannot merge: two different open cases of the same kind, neither merged, are needed',
  },
  'cases.not_merged': { status: 409, zh: '该案件未被合并', en: 'This case is not merged' },
  'cases.link_invalid': {
    status: 409,
    zh: '不能关联同一案件',
    en: 'A case cannot be linked with itself',
  },
  'cases.api_key_invalid': {
    status: 403,
    zh: 'API 密钥无效',
    en: 'The API key is not valid',
  },
  'cases.notice_unavailable': {
    status: 409,
    zh: '该案件尚无此类告知书（相应环节未发生）',
    en: 'This case has no such notice (the step has not happened)',
  },
  'cases.weights_invalid': {
    status: 400,
    zh: '三项权重之和须为1',
    en: 'The three weights must add up to 1',
  },
  'cases.catalogue_not_found': {
    status: 404,
    zh: '派单目录中没有此类别',
    en: 'No such catalogue entry',
  },
});

registerErrors({
  'cases.import_rollback_blocked': {
    status: 409,
    zh: '该批次的部分工单已开始办理，不能整批撤销',
    en: 'Some orders of this batch are already being handled: the batch cannot be rolled back',
  },
});
