import { useCallback } from 'react';
import { useLang } from '../../app/i18n.tsx';

/** The enrollment module's strings (zh-CN / en). */
const text = {
  portal: { zh: '义务教育入学服务', en: 'School enrollment for families' },
  register: { zh: '注册', en: 'Register' },
  login: { zh: '登录', en: 'Log in' },
  logout: { zh: '退出', en: 'Log out' },
  phone: { zh: '手机号', en: 'Mobile number' },
  phoneInvalid: { zh: '请输入11位手机号', en: 'Enter an 11-digit mobile number' },
  noOpenYear: {
    zh: '目前没有开放报名的招生年度，开放后即可注册',
    en: 'No enrollment year is open now; registration opens with it',
  },
  password: { zh: '密码', en: 'Password' },
  name: { zh: '姓名', en: 'Name' },
  apply: { zh: '填写入学申请', en: 'Apply' },
  submit: { zh: '提交申请', en: 'Submit' },
  myApplications: { zh: '我的申请', en: 'My applications' },
  year: { zh: '招生年度', en: 'Year' },
  zone: { zh: '学区', en: 'School zone' },
  stage: { zh: '学段', en: 'Stage' },
  route: { zh: '入学途径', en: 'Route' },
  category: { zh: '类别', en: 'Category' },
  childName: { zh: '儿童姓名', en: "Child's name" },
  childId: { zh: '儿童身份证号', en: "Child's ID number" },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  hukou: { zh: '户籍', en: 'Hukou' },
  residence: { zh: '居住情况', en: 'Residence' },
  address: { zh: '居住地址', en: 'Address' },
  certificate: { zh: '房产证号 / 租房备案号', en: 'Property certificate / rental filing no.' },
  guardianName: { zh: '监护人姓名', en: "Guardian's name" },
  relation: { zh: '关系', en: 'Relation' },
  guardianPhone: { zh: '监护人手机号', en: "Guardian's phone" },
  choices: { zh: '志愿学校（按顺序）', en: 'Schools, most wanted first' },
  status: { zh: '状态', en: 'Status' },
  reasons: { zh: '未通过原因', en: 'Reasons' },
  resubmit: { zh: '修改后重新提交（仅一次）', en: 'Correct and resubmit (once)' },
  upload: { zh: '上传材料', en: 'Upload a document' },
  missing: { zh: '待上传材料', en: 'Documents still missing' },
  offers: { zh: '录取结果', en: 'Offers' },
  confirm: { zh: '确认录取', en: 'Confirm' },
  decline: { zh: '放弃', en: 'Decline' },
  deadline: { zh: '确认截止', en: 'Confirm by' },
  printNotice: { zh: '打印录取通知书', en: 'Print the admission notice' },
  lotteryId: { zh: '摇号编号', en: 'Lottery id' },
  verifyDraw: { zh: '核验摇号结果', en: 'Verify a draw' },
  verified: {
    zh: '已验证 / verified：结果包在本机重算完全一致',
    en: 'Verified / 已验证: the bundle re-runs to exactly the published result',
  },
  notVerified: { zh: '验证未通过，第一处不一致：', en: 'Not verified — first difference: ' },
  verify: { zh: '在浏览器中重算并核验', en: 'Re-run and verify in this browser' },
  poolRoot: { zh: '申请人池根哈希', en: 'Pool root' },
  commitments: { zh: '承诺值', en: 'Commitments' },
  resultHash: { zh: '结果哈希', en: 'Result hash' },
  myPlace: { zh: '查询我的摇号回执与解释', en: 'My receipt and explanation' },
  receiptOk: {
    zh: '回执有效：您的条目在公布的申请人池中',
    en: 'Receipt valid: your entry is in the published pool',
  },
  receiptBad: { zh: '回执无效', en: 'Receipt invalid' },
  lotteryNumber: { zh: '随机号', en: 'Lottery number' },
  assigned: { zh: '录取学校', en: 'Placed at' },
  none: { zh: '未录取', en: 'None' },
  cutoff: { zh: '录取线（类别 / 随机号）', en: 'Cut-off (class / number)' },
  priorityClass: { zh: '优先级类别', en: 'Priority class' },
  enrollment: { zh: '招生入学', en: 'Enrollment' },
  applications: { zh: '入学申请', en: 'Applications' },
  ledger: { zh: '六年一学位台账', en: 'Address ledger' },
  draws: { zh: '摇号派位', en: 'Draws' },
  supply: { zh: '学位供需', en: 'Seat supply' },
  years: { zh: '招生年度', en: 'Years' },
  open: { zh: '开放报名', en: 'Open' },
  close: { zh: '关闭报名', en: 'Close' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  flaggedOnly: { zh: '仅看地址被标记', en: 'Flagged addresses only' },
  review: { zh: '审核', en: 'Review' },
  pass: { zh: '通过', en: 'Pass' },
  fail: { zh: '不通过', en: 'Fail' },
  approve: { zh: '学区批准', en: 'Approve' },
  reject: { zh: '学区驳回', en: 'Reject' },
  reason: { zh: '原因', en: 'Reason' },
  exception: { zh: '登记例外（审批）', en: 'Record an approved exception' },
  flagged: { zh: '地址已被使用', en: 'Address already used' },
  newDraw: { zh: '新建摇号', en: 'New draw' },
  freeze: { zh: '冻结申请人池', en: 'Freeze the pool' },
  commit: { zh: '提交承诺', en: 'Commit' },
  reveal: { zh: '揭示', en: 'Reveal' },
  run: { zh: '开始摇号', en: 'Run the draw' },
  publish: { zh: '发布结果', en: 'Publish' },
  party: { zh: '参与方', en: 'Party' },
  secret: { zh: '秘密值（十六进制，≥32位）', en: 'Secret (hex, ≥ 32 digits)' },
  forecast: { zh: '预测入学人数', en: 'Forecast entrants' },
  seats: { zh: '学位', en: 'Seats' },
  gap: { zh: '缺口', en: 'Gap' },
  notice: { zh: '录取通知书', en: 'Admission notice' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type EnrollmentTextKey = keyof typeof text;

export function useEnrollmentText() {
  const { lang } = useLang();
  return useCallback((key: EnrollmentTextKey) => text[key][lang], [lang]);
}

export const statusLabels = {
  submitted: { zh: '已提交，审核中', en: 'Submitted, in review' },
  resubmitted: { zh: '已重新提交，审核中', en: 'Resubmitted, in review' },
  approved: { zh: '审核通过', en: 'Approved' },
  rejected: { zh: '未通过', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} as const;
/** An enrollment year's state, as the officers' header shows it. */
export const yearStatusLabels = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '报名中', en: 'Open' },
  closed: { zh: '已关闭', en: 'Closed' },
} as const;
/** A draw's stage, as the public page and the officers' screens name it. */
export const drawStatusLabels = {
  created: { zh: '已创建', en: 'Created' },
  frozen: { zh: '名单已冻结', en: 'Pool frozen' },
  running: { zh: '摇号中', en: 'Drawing' },
  drawn: { zh: '已摇号，待公布', en: 'Drawn, not yet published' },
  published: { zh: '已公布', en: 'Published' },
  failed: { zh: '失败', en: 'Failed' },
} as const;
export const routeLabels = {
  throughTrain: { zh: '九年一贯直升', en: 'Through-train' },
  feederQuota: { zh: '对口直升', en: 'Feeder quota' },
  registrationEntry: { zh: '登记入学', en: 'Registration' },
  publicBoarding: { zh: '公办寄宿', en: 'Public boarding' },
  private: { zh: '民办', en: 'Private' },
  area: { zh: '派位', en: 'Area allocation' },
} as const;
export const agencyLabels = {
  education: { zh: '教育', en: 'Education' },
  police: { zh: '公安', en: 'Police' },
  housing: { zh: '住建', en: 'Housing' },
  socialSecurity: { zh: '人社', en: 'Social security' },
} as const;
export const hukouLabels = {
  district: { zh: '本区户籍', en: 'This district' },
  otherDistrict: { zh: '外区户籍', en: 'Another district' },
  nonBeijing: { zh: '非京籍', en: 'Non-Beijing' },
} as const;
export const documentLabels = {
  residencePermit: { zh: '居住证', en: 'Residence permit' },
  residenceProof: { zh: '居住证明', en: 'Proof of residence' },
  employmentProof: { zh: '就业证明', en: 'Proof of employment' },
  noGuardianProof: { zh: '户籍地无监护条件证明', en: 'No guardian at home proof' },
  householdRegister: { zh: '全家户口簿', en: 'Household register' },
  propertyOrRental: { zh: '房产证或租房备案', en: 'Property or rental filing' },
} as const;

/** 预约现场审核: the strings of the family's booking, the slip and the officers' slots tab. */
const reviewText = {
  tab: { zh: '现场审核预约', en: 'In-person reviews' },
  needed: { zh: '需预约现场审核', en: 'In-person review needed' },
  neededHint: {
    zh: '请选择一个时段，携带材料原件到学区现场审核。',
    en: 'Choose a time and bring the original documents to the school zone.',
  },
  done: { zh: '已完成现场审核', en: 'Reviewed in person' },
  booked: { zh: '已预约', en: 'Booked' },
  book: { zh: '预约', en: 'Book' },
  move: { zh: '改约', en: 'Change the time' },
  cancel: { zh: '取消预约', en: 'Cancel the booking' },
  cancelConfirm: { zh: '确定取消这次预约？', en: 'Cancel this booking?' },
  printSlip: { zh: '打印预约单', en: 'Print the slip' },
  remaining: { zh: '剩余', en: 'left' },
  full: { zh: '已约满', en: 'Full' },
  noSlots: { zh: '暂无可预约的时段，请稍后再看', en: 'No times open yet: check again later' },
  cutoff: {
    zh: '时段开始前 {h} 小时截止预约、改约和取消',
    en: 'Booking, moving and cancelling close {h} hours before',
  },
  bookingNo: { zh: '预约号', en: 'Booking no.' },
  time: { zh: '时间', en: 'Time' },
  place: { zh: '地点', en: 'Place' },
  reason: { zh: '审核原因', en: 'Why' },
  capacity: { zh: '容量', en: 'Capacity' },
  bookedCount: { zh: '已约/容量', en: 'Booked / capacity' },
  status: { zh: '状态', en: 'Status' },
  date: { zh: '日期', en: 'Date' },
  newSlots: { zh: '新建时段', en: 'New slots' },
  zone: { zh: '学区', en: 'School zone' },
  dates: { zh: '日期（可多选）', en: 'Dates' },
  from: { zh: '开始', en: 'From' },
  to: { zh: '结束', en: 'Until' },
  every: { zh: '每段分钟数（空：每天一个时段）', en: 'Minutes per slot (empty: one slot a day)' },
  stages: { zh: '学段（空：全部）', en: 'Stages (empty: all)' },
  categories: { zh: '类别（空：全部）', en: 'Categories (empty: all)' },
  skip: { zh: '跳过节假日和周末', en: 'Skip holidays and weekends' },
  created: { zh: '已创建 {n} 个时段', en: '{n} slots created' },
  skipped: { zh: '跳过非工作日：', en: 'Skipped non-working days: ' },
  editCapacity: { zh: '修改容量', en: 'Change capacity' },
  cancelSlot: { zh: '取消时段', en: 'Cancel the slot' },
  cancelReason: { zh: '取消原因（将通知已预约家庭）', en: 'Reason (the families booked are told)' },
  bookings: { zh: '预约名单', en: 'Bookings' },
  attended: { zh: '到场', en: 'Attended' },
  noShow: { zh: '未到', en: 'No-show' },
  exportSlots: { zh: '导出时段', en: 'Export slots' },
  exportBookings: { zh: '导出预约', en: 'Export bookings' },
  searchBooking: { zh: '预约号 / 摇号编号 / 儿童姓名', en: 'Booking no. / lottery id / child' },
  slipTitle: { zh: '现场审核预约单', en: 'In-person review booking slip' },
  slipNotice: {
    zh: '请按预约时间携带本预约单、儿童户口簿及申请所需材料原件到上述地点参加现场审核。未按时到场的，可重新预约。',
    en: 'Bring this slip, the household register and the originals of the documents of the application to the place above at the time booked. A family that misses it may book again.',
  },
  // The officers' application drawer: the review's state, the 学区's request, the decision's wait.
  inPerson: { zh: '现场审核', en: 'In-person review' },
  notNeeded: { zh: '无需现场审核', en: 'No in-person review needed' },
  notBooked: { zh: '家长尚未预约', en: 'Not booked yet' },
  earlier: { zh: '此前预约', en: 'Earlier bookings' },
  askReason: { zh: '要求现场审核的原因（家长可见）', en: 'Why (the family sees it)' },
  ask: { zh: '要求现场审核', en: 'Ask for an in-person review' },
  asked: { zh: '已通知家长预约现场审核', en: 'The family was asked to book an in-person review' },
  approveWaits: {
    zh: '须先现场审核：学区登记“已到场”后才能批准（驳回不受限制）',
    en: 'Reviewed in person: approval waits until the family is marked attended (rejecting does not)',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export function useReviewText() {
  const { lang } = useLang();
  return useCallback(
    (key: keyof typeof reviewText, params: Record<string, string | number> = {}) =>
      reviewText[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')),
    [lang],
  );
}

export const bookingStatusLabels = {
  booked: { zh: '已预约', en: 'Booked' },
  attended: { zh: '已到场', en: 'Attended' },
  noShow: { zh: '未到场', en: 'No-show' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
} as const;

/** The officers' year form, offers and waitlists tab and the hand-over to the student registry. */
const officerText = {
  newYear: { zh: '新建招生年度', en: 'New enrollment year' },
  editConfig: { zh: '修改配置', en: 'Edit the configuration' },
  yearName: { zh: '名称', en: 'Name' },
  yearNumber: { zh: '年度', en: 'Year' },
  organiser: { zh: '组织单位', en: 'Organising unit' },
  routes: { zh: '入学途径', en: 'Routes' },
  maxChoices: { zh: '可填志愿数', en: 'Choices' },
  quota: { zh: '直升比例（%）', en: 'Quota (%)' },
  lottery: { zh: '超额时摇号', en: 'Lottery if oversubscribed' },
  addRoute: { zh: '添加途径', en: 'Add a route' },
  phases: { zh: '阶段与日期', en: 'Phases and dates' },
  phase: { zh: '阶段', en: 'Phase' },
  dates: { zh: '起止日期', en: 'From – to' },
  addPhase: { zh: '添加阶段', en: 'Add a phase' },
  categories: { zh: '入学类别', en: 'Categories' },
  categoryId: { zh: '编码', en: 'Id' },
  categoryZh: { zh: '中文名称', en: 'Chinese name' },
  categoryEn: { zh: '英文名称', en: 'English name' },
  priorityClass: { zh: '优先级类别（小者优先）', en: 'Priority class (smaller first)' },
  addCategory: { zh: '添加类别', en: 'Add a category' },
  confirmDays: { zh: '确认期限（工作日）', en: 'Working days to confirm' },
  birthCutoff: { zh: '入学年龄截止日（满6周岁）', en: 'Six years old by' },
  inPersonReview: { zh: '需现场审核', en: 'Reviewed in person' },
  reviewCutoffHours: { zh: '现场审核预约截止（小时）', en: 'In-person booking cutoff (hours)' },
  reviewCutoffHint: {
    zh: '时段开始前多少小时停止预约、改约和取消（0–168，留空为 24）',
    en: 'Booking, moving and cancelling close this many hours before a slot (0–168; empty: 24)',
  },
  copyFrom: { zh: '沿用往年配置', en: 'Start from last year’s configuration' },
  copyHint: {
    zh: '选择一个年度：年度加一，各阶段日期顺延一年',
    en: 'Pick a year: the year number goes up by one, every date moves on a year',
  },
  advanced: { zh: '高级：以 JSON 编辑配置', en: 'Advanced: edit the configuration as JSON' },
  applyJson: { zh: '将 JSON 载入表单', en: 'Load the JSON into the form' },
  jsonInvalid: { zh: 'JSON 不符合配置格式：', en: 'The JSON is not a configuration: ' },
  create: { zh: '创建', en: 'Create' },
  saveVersion: { zh: '保存为新版本', en: 'Save as a new version' },
  cancel: { zh: '取消', en: 'Cancel' },
  remove: { zh: '删除', en: 'Remove' },
  required: { zh: '必填', en: 'Required' },
  between: { zh: '应为 {min}–{max} 之间的整数', en: 'A whole number from {min} to {max}' },
  maxLength: { zh: '最多 {n} 个字', en: 'At most {n} characters' },
  atLeastOne: { zh: '至少需要一项', en: 'At least one is needed' },
  atMost: { zh: '最多 {n} 项', en: 'At most {n}' },
  offersTab: { zh: '录取与候补', en: 'Offers and waitlists' },
  draw: { zh: '摇号', en: 'Draw' },
  school: { zh: '学校', en: 'School' },
  source: { zh: '来源', en: 'Source' },
  noticeNo: { zh: '通知书编号', en: 'Notice no.' },
  timeLeft: { zh: '剩余时间', en: 'Time left' },
  overdue: { zh: '已过期限', en: 'Past the deadline' },
  daysHours: { zh: '{d}天{h}小时', en: '{d} d {h} h' },
  respondedAt: { zh: '答复时间', en: 'Answered' },
  chooseDraw: { zh: '选择摇号查看候补名单和逾期处理', en: 'Choose a draw for its waitlists and expiry' },
  expireNow: { zh: '立即处理逾期未确认的录取', en: 'Expire overdue offers now' },
  expireConfirm: {
    zh: '超过确认期限仍未确认的录取将标为逾期，其学位按候补顺序递补。继续？',
    en: 'Offers past their deadline expire and their seats go down the waitlists. Go on?',
  },
  expireResult: {
    zh: '逾期 {expired} 份，候补递补 {filled} 份',
    en: '{expired} expired, {filled} filled from the waitlists',
  },
  expiredHere: { zh: '本次逾期', en: 'Expired now' },
  filledHere: { zh: '本次递补', en: 'Filled now' },
  waitlists: { zh: '候补名单', en: 'Waitlists' },
  perSchool: { zh: '各校候补', en: 'Per school' },
  position: { zh: '候补序号', en: 'Position' },
  waiting: { zh: '候补中', en: 'Waiting' },
  offeredFromList: { zh: '已递补', en: 'Offered' },
  lapsed: { zh: '已失效', en: 'Lapsed' },
  handOver: { zh: '录取名单转学籍', en: 'Hand over to the student registry' },
  handOverHint: {
    zh: '本年度该学段已确认录取的儿童登记为录取学校的学生（小学一年级 / 初中七年级，当年9月入学）。可重复执行：已转入的不会重复，只增加新确认的儿童；已在学籍库中的儿童（同一身份证号）转入录取学校而不新建。',
    en: 'The confirmed children of the stage become students of their school (grade 1 / grade 7, the September intake). Safe to run again: nobody is added twice, only the newly confirmed; a child already in the registry (same ID number) is moved to the school, not duplicated.',
  },
  handOverConfirm: {
    zh: '将已确认录取的儿童转入学籍？',
    en: 'Hand the confirmed children over to the registry?',
  },
  handOverResult: {
    zh: '已确认 {confirmed} 人：新增 {added}，转入（已在学籍库）{updated}，此前已转 {unchanged}，冲突 {conflicts}',
    en: '{confirmed} confirmed: {added} added, {updated} moved (already in the registry), {unchanged} handed over before, {conflicts} conflicts',
  },
  fromOrg: { zh: '原单位', en: 'From' },
  grade: { zh: '年级', en: 'Grade' },
  entryDate: { zh: '入学日期', en: 'Entry date' },
  moved: { zh: '已转入', en: 'Moved' },
  conflict: {
    zh: '冲突：身份证号属于非学生记录，请人工处理',
    en: 'Conflict: the ID belongs to a non-student record',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

/** The officers' strings, with `{name}` placeholders filled from `params`. */
export function useOfficerText() {
  const { lang } = useLang();
  return useCallback(
    (key: keyof typeof officerText, params: Record<string, string | number> = {}) =>
      officerText[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')),
    [lang],
  );
}

export const stageLabels = {
  primary: { zh: '小学', en: 'Primary' },
  junior: { zh: '初中', en: 'Junior high' },
} as const;
export const phaseLabels = {
  platformOpen: { zh: '平台开放', en: 'Platform opens' },
  dataCollection: { zh: '信息采集', en: 'Data collection' },
  privateRegistration: { zh: '民办报名', en: 'Private registration' },
  schoolReview: { zh: '学校审核', en: 'School review' },
  areaDraw: { zh: '派位', en: 'Area draw' },
  notices: { zh: '发放通知书', en: 'Notices' },
} as const;
/** A draw's matching mechanism. */
export const mechanismLabels = {
  da: { zh: '延迟接受（DA）', en: 'Deferred acceptance (DA)' },
  ia: { zh: '立即接受（IA）', en: 'Immediate acceptance (IA)' },
} as const;
export const offerStatusLabels = {
  offered: { zh: '待确认', en: 'Awaiting confirmation' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  declined: { zh: '已放弃', en: 'Declined' },
  expired: { zh: '逾期未确认', en: 'Expired' },
  superseded: { zh: '已递补其他学校', en: 'Superseded' },
} as const;
export const offerSourceLabels: Record<string, { zh: string; en: string }> = {
  draw: { zh: '派位', en: 'Draw' },
  waitlist: { zh: '候补递补', en: 'Waitlist' },
  direct: { zh: '直升', en: 'Direct' },
};

/** The junior-entry routes' strings: current school, feeder pairs, direct admission, the return to 派位. */
const routeText = {
  currentSchool: { zh: '现就读小学', en: 'Current primary school' },
  feeders: { zh: '对口直升小学', en: 'Feeder schools' },
  middleSchool: { zh: '对口中学', en: 'Middle school' },
  feederSchool: { zh: '对口小学', en: 'Feeder primary school' },
  leavers: { zh: '六年级人数', en: 'Grade-6 leavers' },
  leaversHint: {
    zh: '留空则取学籍中该校六年级在籍人数',
    en: 'Leave empty to take the grade-6 count from the student registry',
  },
  quotaSeats: { zh: '直升名额', en: 'Quota seats' },
  quotaRule: {
    zh: '直升名额 = ⌈六年级人数 × {percent}% ⌉，保存时计算',
    en: 'Quota seats = ⌈leavers × {percent}%⌉, computed when saved',
  },
  addPair: { zh: '添加对口关系', en: 'Add a pair' },
  savePairs: { zh: '保存对口关系', en: 'Save the pairs' },
  remove: { zh: '删除', en: 'Remove' },
  admitDirectly: { zh: '直升录取', en: 'Admit directly' },
  admitted: { zh: '已向 {offers} 名儿童发出直升录取', en: '{offers} children offered a seat directly' },
  feedsInto: { zh: '您孩子所在小学对口的中学：', en: 'Your child’s school feeds: ' },
  feedsNone: {
    zh: '您孩子所在小学本年度没有对口直升的中学',
    en: 'Your child’s school feeds no middle school this year',
  },
  returnToArea: { zh: '转入派位', en: 'Return to the area lottery' },
  returnConfirm: {
    zh: '转入派位后不再参加原途径的候补，摇号编号不变。确定？',
    en: 'The child leaves this route’s waitlists and keeps its lottery id. Continue?',
  },
  returnedFrom: { zh: '由{route}转入派位', en: 'Returned from {route}' },
  rankArea: { zh: '填报派位志愿', en: 'Rank area schools' },
  saveChoices: { zh: '保存志愿', en: 'Save choices' },
  returnUnplaced: { zh: '未录取转入派位', en: 'Return the unplaced to 派位' },
  returnUnplacedConfirm: {
    zh: '把本次{route}摇号中所有未录取（或录取已放弃、过期）的儿童转入同学段的派位？摇号编号和审核结果保留，志愿清空由家长重新填报；已转入的不会重复。',
    en: 'Move every child this {route} draw did not place (or whose offer was declined or expired) to 派位 of the same stage? Lottery ids and reviews stay, choices are cleared for the families to rank area schools; children moved before are not moved again.',
  },
  returnedUnplaced: { zh: '已转入派位 {moved} 人', en: '{moved} children returned to 派位' },
  cancel: { zh: '取消', en: 'Cancel' },
} as const satisfies Record<string, { zh: string; en: string }>;

export function useRouteText() {
  const { lang } = useLang();
  return useCallback(
    (key: keyof typeof routeText, params: Record<string, string | number> = {}) =>
      routeText[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')),
    [lang],
  );
}

/** What each route asks of a family, shown on the application form. */
export const routeHelp = {
  throughTrain: {
    zh: '九年一贯直升：孩子现就读本区九年一贯制学校的小学部，直升本校初中部，志愿即本校；人数不超过学位时直接录取，超过时摇号。',
    en: 'Through-train: a child of a nine-year school’s primary section moves up to its junior section; the choice is the school itself. Admitted directly when the seats suffice, else by a draw.',
  },
  feederQuota: {
    zh: '按比例对口直升：填写现就读小学，只能选择一所与之对口的中学；名额按该小学六年级人数的比例计算，超额时按对口关系分别摇号。',
    en: 'Feeder quota: name the current primary school and one middle school it feeds; the quota is a share of the school’s grade-6 leavers, drawn per pair when oversubscribed.',
  },
  registrationEntry: {
    zh: '登记入学：只能登记一所本学区的学校，超额时摇号。',
    en: 'Registration entry: one school of your own school zone; a draw if oversubscribed.',
  },
  publicBoarding: {
    zh: '公办寄宿：未被录取的可转入派位。',
    en: 'Public boarding: a child not admitted may return to the area lottery.',
  },
  private: {
    zh: '民办：只能填报一所民办学校，超额摇号；未被录取的可转入派位，摇号编号不变。',
    en: 'Private: one private school, a draw if oversubscribed; a child not admitted may return to the area lottery with the same lottery id.',
  },
  area: {
    zh: '派位：按志愿顺序填报学校，按优先级类别和随机号派位。',
    en: 'Area lottery: rank schools; places go by priority class, then lottery number.',
  },
} as const;
