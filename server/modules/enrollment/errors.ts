import { yearConfigRules } from '../../../contracts/enrollment.ts';
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
  // The year form's rules (contracts/enrollment.ts yearConfigRules: one text for the form and the API).
  ...Object.fromEntries(Object.entries(yearConfigRules).map(([code, m]) => [code, { status: 400, ...m }])),
  'enrollment.status_transition': {
    status: 409,
    zh: '招生年度只能按 草稿 → 开放报名 → 关闭 的顺序变更',
    en: 'A year goes draft → open → closed, never back',
  },
  'enrollment.route_in_use': {
    status: 409,
    zh: '该入学途径已有学校配置了学位，请先在学位表中移除',
    en: 'Schools have seats on this route: remove them from the seats first',
  },
  'enrollment.category_in_use': {
    status: 409,
    zh: '已有申请使用该入学类别，不能删除',
    en: 'Applications use this category: it cannot be removed',
  },
});

/** 预约现场审核: the in-person review slots and bookings. */
registerErrors({
  'enrollment.slot_not_found': {
    status: 404,
    zh: '现场审核时段不存在或不在您的权限范围内',
    en: 'No such in-person review slot in your scope',
  },
  'enrollment.slot_time_invalid': {
    status: 400,
    zh: '时段的结束时间必须晚于开始时间，且间隔内至少能排出一个时段',
    en: 'A slot must end after it starts, and the series must fit at least one slot',
  },
  'enrollment.slot_in_past': {
    status: 400,
    zh: '不能创建已经开始的时段',
    en: 'A slot cannot start in the past',
  },
  'enrollment.slot_not_working_day': {
    status: 422,
    zh: '该日期不是工作日（节假日或周末），请改期或选择跳过非工作日',
    en: 'This date is not a working day (a holiday or weekend): choose another, or skip non-working days',
  },
  'enrollment.slot_overlaps': {
    status: 409,
    zh: '同一地点已有与之重叠的时段',
    en: 'A slot at the same place overlaps this one',
  },
  'enrollment.too_many_slots': {
    status: 400,
    zh: '一次最多创建 2000 个时段',
    en: 'At most 2,000 slots at once',
  },
  'enrollment.slot_cancelled': {
    status: 409,
    zh: '该时段已取消',
    en: 'This slot is cancelled',
  },
  'enrollment.slot_full': {
    status: 409,
    zh: '该时段已约满，请选择其他时段',
    en: 'This slot is fully booked: choose another',
  },
  'enrollment.capacity_below_booked': {
    status: 409,
    zh: '容量不能少于已预约人数',
    en: 'The capacity cannot be less than the places already booked',
  },
  'enrollment.slot_not_for_application': {
    status: 409,
    zh: '该时段不接待本申请（其他学区、学段或类别）',
    en: 'This slot does not serve this application (another zone, stage or category)',
  },
  'enrollment.slot_not_started': {
    status: 409,
    zh: '时段尚未开始，不能登记到场或未到',
    en: 'The slot has not started: attendance cannot be recorded yet',
  },
  'enrollment.in_person_not_required': {
    status: 409,
    zh: '该申请无需预约现场审核',
    en: 'This application does not need an in-person review',
  },
  'enrollment.in_person_done': {
    status: 409,
    zh: '该申请已完成现场审核',
    en: 'This application has already been reviewed in person',
  },
  'enrollment.in_person_requested': {
    status: 409,
    zh: '已要求该申请现场审核',
    en: 'An in-person review was already asked of this application',
  },
  'enrollment.booking_not_found': {
    status: 404,
    zh: '预约不存在',
    en: 'No such booking',
  },
  'enrollment.booking_closed': {
    status: 409,
    zh: '该预约已取消或已登记到场情况',
    en: 'This booking is already cancelled or its attendance recorded',
  },
  'enrollment.booking_cutoff': {
    status: 409,
    zh: '距时段开始已不足规定时间，不能再预约、改约或取消',
    en: 'Too close to the slot’s start: it can no longer be booked, moved or cancelled',
  },
});

/** The junior-entry routes' own rules (九年一贯直升, 对口直升, 登记入学) and the return to 派位. */
registerErrors({
  'enrollment.current_school_required': {
    status: 400,
    zh: '九年一贯直升和对口直升须填写孩子现就读的小学',
    en: 'The through-train and feeder-quota routes need the primary school the child attends',
  },
  'enrollment.current_school_invalid': {
    status: 400,
    zh: '现就读小学须是本区的学校，且只在小升初时填写',
    en: 'The current school must be a school of the district, and only for junior-high entry',
  },
  'enrollment.through_train_school_invalid': {
    status: 400,
    zh: '现就读学校不是本年度参加九年一贯直升的九年一贯制学校',
    en: 'The current school is not a nine-year school taking part in the through-train route this year',
  },
  'enrollment.through_train_choice': {
    status: 400,
    zh: '九年一贯直升只能直升本校初中部，不能选择其他学校',
    en: 'Through-train entry is to the child’s own nine-year school only',
  },
  'enrollment.one_choice': {
    status: 400,
    zh: '本途径须填报且只能填报一所学校',
    en: 'This route takes exactly one school',
  },
  'enrollment.not_a_feeder': {
    status: 400,
    zh: '孩子就读的小学不是所选中学的对口小学',
    en: 'The child’s primary school does not feed the chosen middle school',
  },
  'enrollment.school_outside_zone': {
    status: 400,
    zh: '登记入学只能选择所在学区的学校',
    en: 'Registration entry is only to a school of the applicant’s own zone',
  },
  'enrollment.school_not_in_route': {
    status: 400,
    zh: '该学校未参加本年度的这一入学途径',
    en: 'This school does not take part in this route this year',
  },
  'enrollment.oversubscribed': {
    status: 409,
    zh: '已通过的直升人数超过该校本途径的学位，请为九年一贯直升组织摇号',
    en: 'More approved through-train children than seats: run a draw for this route',
  },
  'enrollment.draw_in_progress': {
    status: 409,
    zh: '该途径有已冻结但未公布的摇号，不能直接录取',
    en: 'A draw of this route is frozen and not yet published: no direct admission now',
  },
  'enrollment.feeder_middle_invalid': {
    status: 400,
    zh: '对口中学须是本年度参加对口直升的学校',
    en: 'The middle school must take part in the feeder-quota route this year',
  },
  'enrollment.feeder_school_invalid': {
    status: 400,
    zh: '对口小学须是本区有小学学段的学校',
    en: 'The feeder must be a school of the district with a primary stage',
  },
  'enrollment.feeder_duplicate': {
    status: 400,
    zh: '同一对中学与小学只能配置一次',
    en: 'A middle school and feeder pair can be listed once',
  },
  'enrollment.feeder_quota_over_seats': {
    status: 409,
    zh: '该中学各对口小学的直升名额合计超过其对口直升途径的学位数：请先增加该校对口直升学位，或减少对口关系',
    en: 'The quota seats of this middle school’s feeder pairs add up to more than its feeder-quota seats: raise its seats first, or remove pairs',
  },
  'enrollment.not_unplaced': {
    status: 409,
    zh: '该申请在原途径的结果尚未确定（摇号公布后未被录取，或录取已放弃、过期，才可转入派位）',
    en: 'The route has not finished with this child yet: only an unplaced child (draw published, or offer declined or expired) returns to 派位',
  },
  'enrollment.holds_offer': {
    status: 409,
    zh: '该儿童持有待确认或已确认的录取，不能转入派位',
    en: 'The child holds an open or confirmed offer: it cannot return to 派位',
  },
  'enrollment.return_not_applicable': {
    status: 409,
    zh: '派位摇号本身没有"转入派位"',
    en: 'An area draw has nothing to return to 派位',
  },
  'enrollment.pool_frozen': {
    status: 409,
    zh: '该儿童已在冻结的派位申请人池中，志愿不能再修改',
    en: 'The child is already in a frozen area pool: its choices can no longer change',
  },
});

/** The 学区's decision on an application reviewed in person (its category, or the 学区 asked). */
registerErrors({
  'enrollment.in_person_pending': {
    status: 409,
    zh: '该申请须现场审核：家长预约并经学区登记“已到场”后才能批准（驳回不受限制）',
    en: 'This application is reviewed in person: it can be approved only once its booking is marked attended (rejecting is always possible)',
  },
});
