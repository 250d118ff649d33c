import { useCallback } from 'react';
import type { TCaseAction, TCaseState } from '../../../../contracts/cases.ts';
import { useLang } from '../../app/i18n.tsx';

/** The case screens' strings in both languages (接诉即办与信访), kept beside the screens. */
const text = {
  cases: { zh: '案件', en: 'Cases' },
  ranking: { zh: '月度排名', en: 'Ranking' },
  weekly: { zh: '周调度', en: 'Weekly report' },
  clusters: { zh: '每月一题', en: 'Monthly topics' },
  hotline: { zh: '12345工单', en: '12345 order' },
  petition: { zh: '信访件', en: 'Petition' },
  no: { zh: '编号', en: 'No.' },
  kind: { zh: '类型', en: 'Kind' },
  category: { zh: '类别', en: 'Category' },
  title: { zh: '标题', en: 'Title' },
  content: { zh: '诉求内容', en: 'Content' },
  handler: { zh: '承办单位', en: 'Handling unit' },
  subject: { zh: '涉及单位', en: 'Unit concerned' },
  state: { zh: '状态', en: 'State' },
  received: { zh: '受理时间', en: 'Received' },
  due: { zh: '当前期限', en: 'Due' },
  left: { zh: '剩余', en: 'Left' },
  overdue: { zh: '超期', en: 'Overdue' },
  atRisk: { zh: '临期', en: 'At risk' },
  open: { zh: '在办', en: 'Open' },
  complainant: { zh: '诉求人', en: 'Complainant' },
  phone: { zh: '联系电话', en: 'Phone' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  accusation: { zh: '检举', en: 'Accusation' },
  search: { zh: '搜索编号或标题', en: 'Search number or title' },
  view: { zh: '查看', en: 'View' },
  clocks: { zh: '期限', en: 'Clocks' },
  history: { zh: '办理记录', en: 'History' },
  reveal: { zh: '查看明文', en: 'Reveal' },
  reason: { zh: '理由', en: 'Reason' },
  revealReason: { zh: '查看原因（记入审计日志）', en: 'Why (kept in the audit trail)' },
  month: { zh: '月份', en: 'Month' },
  byZone: { zh: '按学区汇总', en: 'By zone' },
  rank: { zh: '名次', en: 'Rank' },
  valid: { zh: '有效回访', en: 'Valid callbacks' },
  responseRate: { zh: '响应率', en: 'Response' },
  resolutionRate: { zh: '解决率', en: 'Resolution' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction' },
  composite: { zh: '综合得分', en: 'Composite' },
  onTimeRate: { zh: '按时答复率', en: 'On time' },
  returnRate: { zh: '退单率', en: 'Returns' },
  forecast: { zh: '本月预警：可能影响排名的临期、超期案件', en: 'This month: open cases at risk' },
  weekStart: { zh: '周（周一）', en: 'Week (Monday)' },
  receivedN: { zh: '新收', en: 'Received' },
  closedN: { zh: '办结', en: 'Closed' },
  topCategories: { zh: '高频类别', en: 'Top categories' },
  topSchools: { zh: '高频学校', en: 'Top schools' },
  trend: { zh: '近8周趋势', en: 'Eight weeks' },
  topic: { zh: '话题', en: 'Topic' },
  count: { zh: '件数', en: 'Cases' },
  total: { zh: '共 {n} 件', en: '{n} cases' },
  done: { zh: '已办理', en: 'Done' },
  unit: { zh: '单位', en: 'Unit' },
  reply: { zh: '答复内容', en: 'Reply' },
  solved: { zh: '是否解决', en: 'Solved' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  days: { zh: '天数', en: 'Days' },
  catalogueCode: { zh: '依据的派单目录类别', en: 'Catalogue category cited' },
  whereToGo: { zh: '应向何处反映', en: 'Where to turn instead' },
  request: { zh: '信访请求', en: 'Request' },
  factsAndReasons: { zh: '事实和理由', en: 'Facts and reasons' },
  decision: { zh: '处理意见', en: 'Decision' },
  legalBasis: { zh: '法律依据', en: 'Legal basis' },
  channel: { zh: '途径', en: 'Channel' },
  yes: { zh: '是', en: 'Yes' },
  no_: { zh: '否', en: 'No' },
} as const satisfies Record<string, { zh: string; en: string }>;

const states: Record<TCaseState, { zh: string; en: string }> = {
  dispatched: { zh: '待签收', en: 'Dispatched' },
  signed_for: { zh: '已签收', en: 'Signed for' },
  return_requested: { zh: '申请退单', en: 'Return requested' },
  returned: { zh: '已退单', en: 'Returned' },
  contacted: { zh: '已联系', en: 'Contacted' },
  in_progress: { zh: '办理中', en: 'In progress' },
  coordinating: { zh: '协调中', en: 'Coordinating' },
  extension_requested: { zh: '申请延期', en: 'Extension requested' },
  replied: { zh: '已答复', en: 'Replied' },
  callback: { zh: '已回访', en: 'Called back' },
  closed: { zh: '已办结', en: 'Closed' },
  reopened: { zh: '重新办理', en: 'Reopened' },
  registered: { zh: '已登记', en: 'Registered' },
  accepted: { zh: '已受理', en: 'Accepted' },
  not_ours: { zh: '不予受理', en: 'Not ours' },
  transferred: { zh: '已转送', en: 'Transferred' },
  diverted: { zh: '引导法定途径', en: 'Diverted' },
  opinion_issued: { zh: '已出具意见', en: 'Opinion issued' },
  review_requested: { zh: '申请复查', en: 'Review requested' },
  reviewed: { zh: '已复查', en: 'Reviewed' },
  rereview_requested: { zh: '申请复核', en: 'Re-review requested' },
  final: { zh: '终结', en: 'Final' },
  merged: { zh: '已合并', en: 'Merged' },
};

const actions: Record<TCaseAction, { zh: string; en: string }> = {
  sign_for: { zh: '签收', en: 'Sign for' },
  request_return: { zh: '申请退单', en: 'Request return' },
  approve_return: { zh: '同意退单', en: 'Approve return' },
  reject_return: { zh: '驳回退单', en: 'Reject return' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  contact: { zh: '已联系诉求人', en: 'Contacted' },
  start: { zh: '开始办理', en: 'Start' },
  coordinate: { zh: '协调', en: 'Coordinate' },
  resume: { zh: '继续办理', en: 'Resume' },
  pause: { zh: '暂停计时', en: 'Pause clock' },
  unpause: { zh: '恢复计时', en: 'Resume clock' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  grant_extension: { zh: '同意延期', en: 'Grant extension' },
  refuse_extension: { zh: '不同意延期', en: 'Refuse extension' },
  reply: { zh: '答复', en: 'Reply' },
  record_callback: { zh: '登记回访', en: 'Record callback' },
  close: { zh: '办结', en: 'Close' },
  reopen: { zh: '重新办理', en: 'Reopen' },
  accept: { zh: '受理', en: 'Accept' },
  decline: { zh: '不予受理', en: 'Decline' },
  transfer: { zh: '转送', en: 'Transfer' },
  object_transfer: { zh: '对转送提出异议', en: 'Object to transfer' },
  divert: { zh: '引导法定途径', en: 'Divert' },
  extend: { zh: '延长办理期限', en: 'Extend' },
  issue_opinion: { zh: '出具处理意见', en: 'Issue opinion' },
  request_review: { zh: '登记复查申请', en: 'Review requested' },
  decide_review: { zh: '复查意见', en: 'Decide review' },
  request_rereview: { zh: '登记复核申请', en: 'Re-review requested' },
  decide_rereview: { zh: '复核意见', en: 'Decide re-review' },
  finalize: { zh: '终结', en: 'Finalize' },
};

const clockKinds: Record<string, { zh: string; en: string }> = {
  sign_for: { zh: '签收', en: 'Sign for' },
  first_contact: { zh: '首次联系', en: 'First contact' },
  reply: { zh: '办结答复', en: 'Reply' },
  petition_accept: { zh: '信访受理', en: 'Acceptance' },
  transfer_objection: { zh: '转送异议期', en: 'Objection window' },
  petition_handle: { zh: '信访办理', en: 'Handling' },
  review_request: { zh: '复查申请期', en: 'Review window' },
  review_decide: { zh: '复查办理', en: 'Review' },
  rereview_request: { zh: '复核申请期', en: 'Re-review window' },
  rereview_decide: { zh: '复核办理', en: 'Re-review' },
  running: { zh: '计时中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  met: { zh: '按时', en: 'Met' },
  missed: { zh: '超时', en: 'Missed' },
  cancelled: { zh: '不再适用', en: 'Cancelled' },
  intake: { zh: '接收工单', en: 'Received' },
  register: { zh: '登记', en: 'Registered' },
  escalate: { zh: '超期督办', en: 'Escalated' },
  link: { zh: '关联', en: 'Linked' },
  unlink: { zh: '取消关联', en: 'Unlinked' },
  merge: { zh: '合并', en: 'Merged' },
  unmerge: { zh: '撤销合并', en: 'Unmerged' },
};

export type CaseTextKey = keyof typeof text;

/** `t('total', { n: 3 })` over this module's strings; `state(s)` and `action(a)` name the machine's parts. */
export function useCaseText() {
  const { lang } = useLang();
  const t = useCallback(
    (key: CaseTextKey, vars?: Record<string, string | number>) => {
      let out: string = text[key][lang];
      if (vars)
        for (const [name, value] of Object.entries(vars)) out = out.replace(`{${name}}`, String(value));
      return out;
    },
    [lang],
  );
  const state = useCallback((s: TCaseState) => states[s][lang], [lang]);
  /** A transition, a clock kind or status, or another history entry, by its identifier. */
  const action = useCallback(
    (a: TCaseAction | string) => (actions[a as TCaseAction] ?? clockKinds[a])?.[lang] ?? a,
    [lang],
  );
  return { t, state, action, lang };
}

/** "3天5小时" / "3 d 5 h" from minutes; negative means overdue by that much. */
export function formatLeft(minutes: number, lang: 'zh' | 'en'): string {
  const m = Math.abs(minutes);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const parts =
    lang === 'zh'
      ? [d && `${d}天`, h && `${h}小时`, !d && `${min}分`]
      : [d && `${d} d`, h && `${h} h`, !d && `${min} min`];
  return parts.filter(Boolean).join(lang === 'zh' ? '' : ' ');
}
