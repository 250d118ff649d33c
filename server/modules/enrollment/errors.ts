import { registerErrors } from '../../core/errors.ts';

/** The enrollment module's coded errors (registered once, when the module is loaded). */
registerErrors({
  'enrollment.year_not_found': {
    status: 404,
    zh: '招生年度不存在或不在您的权限范围内',
    en: 'No such enrollment year in your scope',
  },
  'enrollment.year_taken': {
    status: 409,
    zh: '该年度的招生已创建',
    en: 'This enrollment year already exists',
  },
  'enrollment.year_not_open': {
    status: 409,
    zh: '该年度招生未开放报名',
    en: 'Applications for this year are not open',
  },
  'enrollment.route_not_offered': {
    status: 400,
    zh: '该年度没有这一学段的入学途径',
    en: 'This year does not offer this route for this stage',
  },
  'enrollment.category_unknown': { status: 400, zh: '未知的入学类别', en: 'Unknown eligibility category' },
  'enrollment.zone_invalid': { status: 400, zh: '所选学区不存在', en: 'No such school zone' },
  'enrollment.choice_invalid': {
    status: 400,
    zh: '志愿学校不在本途径的招生学校中，或志愿重复',
    en: 'A chosen school does not take part in this route, or is chosen twice',
  },
  'enrollment.too_many_choices': {
    status: 400,
    zh: '志愿数超过本途径允许的数量',
    en: 'More choices than this route allows',
  },
  'enrollment.id_number_invalid': {
    status: 400,
    zh: '儿童身份证号不正确',
    en: 'The child’s ID number is not valid',
  },
  'enrollment.child_other_account': {
    status: 409,
    zh: '该儿童已由其他账号申请（每名儿童只能对应一个账号）',
    en: 'This child already has an application from another account (one account per child)',
  },
  'enrollment.child_applied': {
    status: 409,
    zh: '该儿童本年度已提交申请',
    en: 'This child already has an application this year',
  },
  'enrollment.too_many_children': {
    status: 409,
    zh: '同一监护人手机号最多为3名儿童申请',
    en: 'One guardian phone may apply for at most 3 children',
  },
  'enrollment.twin_invalid': {
    status: 400,
    zh: '多胞胎须是本账号同一年度、同一途径、志愿相同的申请',
    en: 'A twin must be an application of this account in the same year and route, ranking the same schools',
  },
  'enrollment.phone_taken': {
    status: 409,
    zh: '该手机号已注册，请直接登录',
    en: 'This phone number is already registered: log in',
  },
  'enrollment.application_not_found': {
    status: 404,
    zh: '申请不存在或不在您的权限范围内',
    en: 'No such application in your scope',
  },
  'enrollment.wrong_status': {
    status: 409,
    zh: '申请当前的状态不允许此操作',
    en: 'The application is not in a state that allows this',
  },
  'enrollment.resubmit_used': {
    status: 409,
    zh: '已重新提交过一次，不能再次提交',
    en: 'The application was already resubmitted once',
  },
  'enrollment.reviews_incomplete': {
    status: 409,
    zh: '各部门联审尚未全部通过，不能批准',
    en: 'Not every agency has passed this application: it cannot be approved',
  },
  'enrollment.reason_required': {
    status: 400,
    zh: '不通过时必须填写原因',
    en: 'A failed review or a rejection needs a reason',
  },
  'enrollment.address_locked': {
    status: 409,
    zh: '该地址在六年一学位期限内已被使用，须先登记例外（审批人）才能通过',
    en: 'This address was used within its lock period: record an approved exception before approving',
  },
  'enrollment.not_flagged': {
    status: 409,
    zh: '该申请的地址没有被标记，无需例外',
    en: 'The application’s address is not flagged: no exception is needed',
  },
  'enrollment.draw_not_found': { status: 404, zh: '摇号不存在', en: 'No such draw' },
  'enrollment.draw_wrong_status': {
    status: 409,
    zh: '摇号当前的状态不允许此操作',
    en: 'The draw is not in a state that allows this',
  },
  'enrollment.empty_pool': {
    status: 422,
    zh: '没有可参加摇号的已通过申请或招生学校',
    en: 'There are no approved applications or no schools for this draw',
  },
  'enrollment.twins_differ': {
    status: 422,
    zh: '多胞胎的志愿不一致，不能冻结申请人池',
    en: 'Twins rank different schools: the pool cannot be frozen',
  },
  'enrollment.party_unknown': {
    status: 400,
    zh: '该方不是本次摇号的参与方',
    en: 'This party is not one of the draw’s parties',
  },
  'enrollment.party_committed': {
    status: 409,
    zh: '该方已提交承诺值',
    en: 'This party has already committed',
  },
  'enrollment.reveal_mismatch': {
    status: 400,
    zh: '揭示值与承诺值不符',
    en: 'The reveal does not match the commitment',
  },
  'enrollment.reveals_missing': {
    status: 409,
    zh: '尚有参与方未提交承诺或揭示值',
    en: 'Some parties have not committed or revealed yet',
  },
  'enrollment.offer_not_found': { status: 404, zh: '录取通知不存在', en: 'No such offer' },
  'enrollment.offer_closed': {
    status: 409,
    zh: '该录取已确认、放弃或过期',
    en: 'This offer is already confirmed, declined or expired',
  },
  'enrollment.deadline_passed': {
    status: 409,
    zh: '已超过确认期限',
    en: 'The confirmation deadline has passed',
  },
});
