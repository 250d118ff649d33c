import { z } from 'zod';
import { ZId, ZIsoDate, ZListQuery, ZListResponse } from './common.ts';

/**
 * 接诉即办 (12345 work orders) and 信访 (petitions): intake, the state machine's transitions, legal
 * clocks, rankings, the weekly dispatch report, monthly clusters, notices and the Open311 API.
 */

export const ZCaseKind = z.enum(['hotline', 'petition']);
export type TCaseKind = z.infer<typeof ZCaseKind>;

export const hotlineStates = [
  'dispatched',
  'signed_for',
  'return_requested',
  'returned',
  'contacted',
  'in_progress',
  'coordinating',
  'extension_requested',
  'replied',
  'callback',
  'closed',
  'reopened',
] as const;
export const petitionStates = [
  'registered',
  'accepted',
  'not_ours',
  'transferred',
  'diverted',
  'opinion_issued',
  'review_requested',
  'reviewed',
  'rereview_requested',
  'final',
] as const;
export const ZCaseState = z.enum([...hotlineStates, ...petitionStates, 'merged']);
export type TCaseState = z.infer<typeof ZCaseState>;

export const ZHotlineChannel = z.enum(['phone', 'app', 'web', 'wechat']);
export const ZPetitionChannel = z.enum(['letter', 'visit', 'call', 'online']);
export const ZCaseChannel = z.union([ZHotlineChannel, ZPetitionChannel]);
export const ZSatisfaction = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']);
export const ZClockKind = z.enum([
  'sign_for',
  'first_contact',
  'reply',
  'petition_accept',
  'transfer_objection',
  'petition_handle',
  'review_request',
  'review_decide',
  'rereview_request',
  'rereview_decide',
]);
export type TClockKind = z.infer<typeof ZClockKind>;

const text = (max: number) => z.string().trim().min(1).max(max);
const ZReason = z.string().trim().min(2).max(1000);
const ZInstant = z.iso.datetime({ offset: true });
const ZPhone = z
  .string()
  .trim()
  .regex(/^\+?[\d -]{5,20}$/);

/** The complainant as given at intake; sealed at rest, masked in every response. */
const complainant = {
  complainantName: z.string().trim().max(50).nullable().optional(),
  complainantPhone: ZPhone.nullable().optional(),
  complainantIdNumber: z.string().trim().max(18).nullable().optional(),
  anonymous: z.boolean().default(false),
  /** 检举: the accused unit never sees the case. */
  accusation: z.boolean().default(false),
  accusedOrgId: ZId.nullable().optional(),
  /** The school (or other unit) the matter is about. */
  subjectOrgId: ZId.nullable().optional(),
};

/** One 12345 work order as the centre sends it. Idempotent by `externalNo`. */
export const ZHotlineIntake = z.object({
  externalNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/),
  channel: ZHotlineChannel.default('phone'),
  categoryCode: text(40),
  title: text(200),
  content: text(5000),
  receivedAt: ZInstant.optional(),
  ...complainant,
});
export type THotlineIntake = z.output<typeof ZHotlineIntake>;
export const ZHotlineBatch = z.object({ orders: z.array(ZHotlineIntake).min(1).max(500) });
export type THotlineBatch = z.output<typeof ZHotlineBatch>;
export const ZHotlineBatchResult = z.object({
  created: z.array(z.object({ externalNo: z.string(), id: z.number().int() })),
  existing: z.array(z.object({ externalNo: z.string(), id: z.number().int() })),
});
export type THotlineBatchResult = z.infer<typeof ZHotlineBatchResult>;

/** A petition registered from a letter, visit, call or online form (oral ones recorded in full). */
export const ZPetitionIntake = z.object({
  channel: ZPetitionChannel,
  categoryCode: text(40).optional(),
  title: text(200),
  content: text(20000),
  receivedAt: ZInstant.optional(),
  /** Visitors in the group (集体访), for the statistics. */
  visitors: z.number().int().min(1).max(500).default(1),
  ...complainant,
});
export type TPetitionIntake = z.output<typeof ZPetitionIntake>;

/** The written opinion's required fields (处理意见书: 请求、事实和理由、处理意见、法律依据). */
export const ZOpinion = z.object({
  request: text(2000),
  factsAndReasons: text(5000),
  decision: text(5000),
  legalBasis: text(2000),
});
export type TOpinion = z.infer<typeof ZOpinion>;

const act = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.object({ action: z.literal(action), ...shape });

/** One transition of the state machine; each action carries what the rules require. */
export const ZTransitionRequest = z.discriminatedUnion('action', [
  act('sign_for', { note: z.string().trim().max(500).optional() }),
  act('request_return', {
    reason: ZReason,
    /** The catalogue entry that says the matter is not ours. */
    catalogueCode: text(40),
    suggestedOrgId: ZId.nullable().optional(),
    suggestedUnit: z.string().trim().max(100).optional(),
  }),
  act('approve_return', { reason: ZReason.optional() }),
  act('reject_return', { reason: ZReason }),
  act('dispatch', { orgId: ZId, note: z.string().trim().max(500).optional() }),
  act('contact', { note: z.string().trim().max(1000).optional() }),
  act('start', {}),
  act('coordinate', { reason: ZReason }),
  act('resume', {}),
  act('pause', { reason: ZReason }),
  act('unpause', {}),
  act('request_extension', {
    reason: ZReason,
    days: z.number().int().min(1).max(30).optional(),
    hours: z.number().int().min(1).max(720).optional(),
  }),
  act('grant_extension', { reason: ZReason }),
  act('refuse_extension', { reason: ZReason }),
  act('reply', { reply: z.string().trim().min(2).max(5000) }),
  act('record_callback', {
    valid: z.boolean().default(true),
    solved: z.boolean(),
    satisfaction: ZSatisfaction,
    note: z.string().trim().max(1000).optional(),
  }),
  act('close', {}),
  act('reopen', { reason: ZReason }),
  act('accept', { note: z.string().trim().max(1000).optional() }),
  act('decline', { reason: ZReason, whereToGo: text(500) }),
  act('transfer', { orgId: ZId, reason: ZReason }),
  act('object_transfer', { reason: ZReason }),
  act('divert', { channel: z.enum(['litigation', 'arbitration', 'administrative_review']), reason: ZReason }),
  act('extend', { days: z.number().int().min(1).max(30), reason: ZReason }),
  act('issue_opinion', ZOpinion.shape),
  act('request_review', { reason: ZReason }),
  act('decide_review', ZOpinion.shape),
  act('request_rereview', { reason: ZReason }),
  act('decide_rereview', ZOpinion.shape),
  act('finalize', {}),
]);
export type TTransitionRequest = z.output<typeof ZTransitionRequest>;
export type TCaseAction = TTransitionRequest['action'];
export const caseActions = ZTransitionRequest.options.map((o) => o.shape.action.value) as TCaseAction[];

export const ZCaseRowAction = z.enum([
  ...(ZTransitionRequest.options.map((o) => o.shape.action.value) as [TCaseAction, ...TCaseAction[]]),
  'reveal',
  'merge',
  'unmerge',
  'link',
]);

/** A case as lists show it: complainant masked, the running clock's time left and risk. */
export const ZCase = z.object({
  id: z.number().int(),
  kind: ZCaseKind,
  externalNo: z.string(),
  channel: z.string(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  subjectOrgId: z.number().int().nullable(),
  subjectOrgName: z.string().nullable(),
  complainantName: z.string().nullable(),
  complainantPhone: z.string().nullable(),
  anonymous: z.boolean(),
  accusation: z.boolean(),
  state: ZCaseState,
  receivedAt: z.string(),
  dueKind: ZClockKind.nullable(),
  dueAt: z.string().nullable(),
  /** Minutes until the running clock is due (negative: overdue); null when no clock runs. */
  minutesLeft: z.number().int().nullable(),
  atRisk: z.boolean(),
  overdue: z.boolean(),
  replyDueAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  callbackSolved: z.boolean().nullable(),
  callbackSatisfaction: ZSatisfaction.nullable(),
  mergedIntoId: z.number().int().nullable(),
  linkGroupId: z.number().int().nullable(),
  actions: z.array(ZCaseRowAction),
});
export type TCase = z.infer<typeof ZCase>;

export const ZCaseListQuery = ZListQuery.extend({
  kind: ZCaseKind.optional(),
  state: ZCaseState.optional(),
  /** open: not closed/final/merged/terminal. */
  open: z.enum(['true', 'false']).optional(),
  orgId: ZId.optional(),
  subjectOrgId: ZId.optional(),
  categoryCode: z.string().trim().max(40).optional(),
  channel: z.string().trim().max(20).optional(),
  receivedFrom: ZIsoDate.optional(),
  receivedTo: ZIsoDate.optional(),
  atRisk: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;
export const ZCaseList = ZListResponse(ZCase);
export type TCaseList = z.infer<typeof ZCaseList>;

export const ZClockStepOut = z.object({
  kind: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  zh: z.string(),
  en: z.string(),
});
export const ZCaseClock = z.object({
  id: z.number().int(),
  kind: ZClockKind,
  rule: z.record(z.string(), z.number()),
  startedAt: z.string(),
  dueAt: z.string(),
  status: z.enum(['running', 'paused', 'met', 'missed', 'cancelled']),
  stoppedAt: z.string().nullable(),
  pausedSince: z.string().nullable(),
  pauses: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })),
  extensions: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  explanation: z.array(ZClockStepOut),
});
export const ZCaseEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  orgId: z.number().int(),
  reason: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const ZCaseDetail = ZCase.extend({
  content: z.string(),
  complainantIdNumber: z.string().nullable(),
  accusedOrgId: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
  events: z.array(ZCaseEvent),
  clocks: z.array(ZCaseClock),
  linked: z.array(
    z.object({ id: z.number().int(), kind: ZCaseKind, externalNo: z.string(), state: z.string() }),
  ),
  mergedFrom: z.array(z.object({ id: z.number().int(), externalNo: z.string() })),
  notices: z.array(z.enum(['acceptance', 'rejection', 'extension', 'decision'])),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZCaseRevealRequest = z.object({
  field: z.enum(['name', 'phone', 'idNumber']),
  reason: z.string().trim().min(2).max(200),
});
export type TCaseRevealRequest = z.infer<typeof ZCaseRevealRequest>;
export const ZCaseRevealResponse = z.object({ field: z.string(), value: z.string().nullable() });

export const ZLinkRequest = z.object({ otherId: ZId });
export const ZMergeRequest = z.object({ intoId: ZId, reason: ZReason });
export const ZUnmergeRequest = z.object({ reason: ZReason });
export const ZSimilarCases = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: ZCaseKind,
      externalNo: z.string(),
      title: z.string(),
      state: z.string(),
      receivedAt: z.string(),
      similarity: z.number(),
    }),
  ),
});
export type TSimilarCases = z.infer<typeof ZSimilarCases>;

// ── Dispatch catalogue and ranking weights ────────────────────────────────────────────────────

export const ZLimitKind = z.enum(['emergency', 'utilities', 'general', 'complex']);
export const ZReplyRule = z.union([
  z.object({ hours: z.number().positive().max(720) }).strict(),
  z.object({ days: z.number().int().min(1).max(90) }).strict(),
  z.object({ workingDays: z.number().int().min(1).max(90) }).strict(),
]);
export const ZCatalogueEntry = z.object({
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  unitKind: z.enum(['district', 'zone', 'school']),
  limitKind: ZLimitKind,
  replyRule: ZReplyRule,
  signForHours: z.number(),
  firstContactHours: z.number(),
  description: z.string().nullable(),
  validFrom: z.string(),
});
export type TCatalogueEntry = z.infer<typeof ZCatalogueEntry>;
export const ZCatalogue = z.object({ items: z.array(ZCatalogueEntry) });
export const ZPutCatalogueEntry = z.object({
  name: text(60),
  nameEn: text(100),
  unitKind: z.enum(['district', 'zone', 'school']),
  limitKind: ZLimitKind,
  replyRule: ZReplyRule.optional(),
  signForHours: z.number().positive().max(72),
  firstContactHours: z.number().positive().max(240),
  description: z.string().trim().max(500).nullable().optional(),
});
export type TPutCatalogueEntry = z.infer<typeof ZPutCatalogueEntry>;
export const ZCatalogueCodeParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const ZRankWeights = z.object({
  fromMonth: ZMonth,
  response: z.number().min(0).max(1),
  resolution: z.number().min(0).max(1),
  satisfaction: z.number().min(0).max(1),
  basicFactor: z.number().min(0).max(1),
});
export type TRankWeights = z.infer<typeof ZRankWeights>;
export const ZRankWeightsList = z.object({ items: z.array(ZRankWeights) });

// ── Rankings, weekly report, clusters ─────────────────────────────────────────────────────────

export const ZRankingQuery = z.object({
  month: ZMonth,
  /** Rank schools, zones (a zone's subtree counted together) or the handling units as they are. */
  level: z.enum(['unit', 'zone']).default('unit'),
});
export const ZRankingRow = z.object({
  rank: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  /** Valid callbacks V. */
  valid: z.number().int(),
  contacted: z.number().int(),
  solved: z.number().int(),
  satisfied: z.number().int(),
  basicallySatisfied: z.number().int(),
  responseRate: z.number(),
  resolutionRate: z.number(),
  satisfactionRate: z.number(),
  composite: z.number(),
  replied: z.number().int(),
  onTimeRate: z.number().nullable(),
  dispatched: z.number().int(),
  returnRate: z.number().nullable(),
});
export type TRankingRow = z.infer<typeof ZRankingRow>;
export const ZRanking = z.object({
  month: ZMonth,
  weights: ZRankWeights,
  items: z.array(ZRankingRow),
  /** The current month only: open cases that will count against a unit if nothing is done. */
  forecast: z
    .object({
      atRisk: z.array(ZCase),
      openCases: z.number().int(),
    })
    .nullable(),
});
export type TRanking = z.infer<typeof ZRanking>;

export const ZWeeklyReportQuery = z.object({ weekStart: ZIsoDate });
const ZCount = z.object({ key: z.string(), name: z.string(), count: z.number().int() });
export const ZWeeklyReport = z.object({
  weekStart: z.string(),
  weekEnd: z.string(),
  received: z.number().int(),
  receivedHotline: z.number().int(),
  receivedPetition: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  open: z.number().int(),
  topCategories: z.array(ZCount),
  topSchools: z.array(ZCount),
  trend: z.array(
    z.object({
      weekStart: z.string(),
      received: z.number().int(),
      closed: z.number().int(),
      responseRate: z.number().nullable(),
      resolutionRate: z.number().nullable(),
      satisfactionRate: z.number().nullable(),
    }),
  ),
});
export type TWeeklyReport = z.infer<typeof ZWeeklyReport>;

export const ZClusterQuery = z.object({
  month: ZMonth,
  minCases: z.coerce.number().int().min(2).max(100).default(3),
});
export const ZClusters = z.object({
  month: ZMonth,
  items: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      topic: z.string(),
      categoryCode: z.string().nullable(),
      count: z.number().int(),
      caseIds: z.array(z.number().int()),
    }),
  ),
});
export type TClusters = z.infer<typeof ZClusters>;

// ── Notices (受理告知书、不予受理告知书、延期告知书、处理意见书) ──────────────────────────────

export const ZNoticeType = z.enum(['acceptance', 'rejection', 'extension', 'decision']);
export const ZNotice = z.object({
  type: ZNoticeType,
  title: z.string(),
  documentNo: z.string(),
  issuer: z.string(),
  issuedAt: z.string(),
  addressee: z.string(),
  caseNo: z.string(),
  receivedAt: z.string(),
  matter: z.string(),
  /** The notice's body fields, in the order printed. */
  fields: z.array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), value: z.string() })),
  /** Rights the petitioner must be told (复查/复核 windows, where to go). */
  rights: z.string(),
});
export type TNotice = z.infer<typeof ZNotice>;

export const ZApiKeyRequest = z.object({ name: text(60) });
export const ZApiKeyResponse = z.object({ id: z.number().int(), name: z.string(), key: z.string() });

// ── Open311 GeoReport v2 ─────────────────────────────────────────────────────────────────────

export const ZOpen311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const ZOpen311Services = z.array(ZOpen311Service);
export const ZOpen311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string().nullable(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string().nullable(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type TOpen311Request = z.infer<typeof ZOpen311Request>;
export const ZOpen311Requests = z.array(ZOpen311Request);
export const ZOpen311RequestsQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(40).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['open', 'closed']).optional(),
  jurisdiction_id: z.string().max(60).optional(),
});
export type TOpen311RequestsQuery = z.infer<typeof ZOpen311RequestsQuery>;
export const ZOpen311Post = z.object({
  api_key: z.string().min(10).max(200),
  service_code: z.string().max(40),
  description: z.string().trim().min(1).max(5000),
  jurisdiction_id: z.string().max(60).optional(),
  first_name: z.string().trim().max(30).optional(),
  last_name: z.string().trim().max(30).optional(),
  phone: ZPhone.optional(),
  email: z.string().max(200).optional(),
  address_string: z.string().max(300).optional(),
  lat: z.number().optional(),
  long: z.number().optional(),
  device_id: z.string().max(100).optional(),
  account_id: z.string().max(100).optional(),
});
export const ZOpen311PostResponse = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string().nullable(),
    account_id: z.string().nullable(),
  }),
);

/** 批量派单: sign for (where still needed) and dispatch up to 500 orders to one unit. */
export const ZBulkDispatchRequest = z.object({
  ids: z.array(ZId).min(1).max(500),
  orgId: ZId,
  note: z.string().trim().max(500).optional(),
});
export type TBulkDispatchRequest = z.output<typeof ZBulkDispatchRequest>;
export const ZBulkDispatchResult = z.object({ dispatched: z.array(z.number().int()) });
