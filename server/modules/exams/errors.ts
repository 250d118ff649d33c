import { registerErrors } from '../../core/errors.ts';

/** The exams module's coded errors (registered once, when the module is loaded). */
registerErrors({
  'exams.exam_not_found': {
    status: 404,
    zh: '考试不存在或不在您的权限范围内',
    en: 'No such exam in your scope',
  },
  'exams.code_taken': { status: 409, zh: '考试代码已被使用', en: 'This exam code is already used' },
  'exams.site_not_found': { status: 404, zh: '考点不存在', en: 'No such exam site' },
  'exams.site_code_taken': {
    status: 409,
    zh: '本场考试中已有该考点代码',
    en: 'This exam already has a site with this code',
  },
  'exams.candidate_not_found': { status: 404, zh: '考生不存在', en: 'No such candidate' },
  'exams.registration_taken': {
    status: 409,
    zh: '本场考试中已有该报名号',
    en: 'This exam already has a candidate with this registration number',
  },
  'exams.id_number_taken': {
    status: 409,
    zh: '该身份证号已在本场考试中报名',
    en: 'A candidate with this ID number is already registered for this exam',
  },
  'exams.staff_no_taken': {
    status: 409,
    zh: '本场考试中已有该监考员编号',
    en: 'This exam already has an invigilator with this staff number',
  },
  'exams.not_a_school': {
    status: 400,
    zh: '所选单位不是学校',
    en: 'The chosen unit is not a school',
  },
  'exams.in_plan': {
    status: 409,
    zh: '这些记录已被编排版本使用，不能删除或回滚',
    en: 'These records are used by an arrangement version: they cannot be removed or rolled back',
  },
  'exams.nothing_to_arrange': {
    status: 422,
    zh: '没有可编排的考生或考点',
    en: 'There are no candidates or sites to arrange',
  },
  'exams.run_in_progress': {
    status: 409,
    zh: '已有一次编排正在运行，请等待其完成',
    en: 'An arrangement is already running: wait for it to finish',
  },
  'exams.plan_not_found': { status: 404, zh: '编排版本不存在', en: 'No such plan version' },
  'exams.plan_wrong_status': {
    status: 409,
    zh: '该编排版本的状态不允许此操作',
    en: 'The plan version is not in a state that allows this',
  },
  'exams.plan_unsound': {
    status: 409,
    zh: '复核未通过（存在同校相邻或监考冲突），不能锁定',
    en: 'The review found broken rules (same-school neighbours or invigilator conflicts): it cannot be locked',
  },
  'exams.no_locked_plan': {
    status: 409,
    zh: '尚无锁定的编排，不能登记考试当天情况',
    en: 'There is no locked arrangement yet: exam-day records need one',
  },
  'exams.session_in_use': {
    status: 409,
    zh: '该场次已有考试当天的记录，不能删除',
    en: 'This session has exam-day records: it cannot be removed',
  },
  'exams.session_not_found': { status: 404, zh: '场次不存在', en: 'No such exam session' },
  'exams.room_not_allowed': {
    status: 400,
    zh: '只能调入同一考点的备用考场或特殊考场',
    en: 'A candidate can only move to a backup or special room of the same site',
  },
  'exams.record_not_found': { status: 404, zh: '要撤销的记录不存在', en: 'No such record to withdraw' },
  'exams.too_many_rooms': {
    status: 400,
    zh: '一次最多打印一个考点的考场，请先选择考点',
    en: 'Print one site at a time: choose a site first',
  },
});
