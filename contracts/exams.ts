import { z } from 'zod';
import { ZId, ZListQuery, ZListResponse } from './common.ts';

/**
 * 考务编排: exams, their sessions, sites, candidates and invigilators; arrangement plans (versions),
 * their rooms and seats; documents; exam-day records and live counts.
 */

export const ZExamKind = z.enum(['zhongkao', 'gaokao', 'huikao', 'other']);
export type TExamKind = z.infer<typeof ZExamKind>;
export const ZExamStatus = z.enum(['draft', 'arranged', 'locked', 'published']);
export type TExamStatus = z.infer<typeof ZExamStatus>;
export const ZPlanStatus = z.enum(['running', 'ready', 'failed', 'locked', 'published', 'superseded']);
export type TPlanStatus = z.infer<typeof ZPlanStatus>;

/** The arrangement rules of an exam (the engine's `rules`). */
export const ZExamRules = z.object({
  rows: z.number().int().min(1).max(20),
  cols: z.number().int().min(1).max(20),
  adjacency: z.enum(['orthogonal', 'king']),
  invigilatorsPerRoom: z.number().int().min(0).max(6),
  /** 流动监考 per site (walking all its rooms); 0 = none. */
  roversPerSite: z.number().int().min(0).max(10).default(0),
  backupRoomsPerSite: z.number().int().min(0).max(50),
  /** e.g. `1108{site}{room:2}{seat:2}`: county(4) + site(2) + room(2) + seat(2). */
  ticketPattern: z
    .string()
    .trim()
    .max(60)
    .regex(/\{seat(:\d+)?\}/, 'must contain {seat}')
    .regex(/\{room(:\d+)?\}/, 'must contain {room}'),
});
export type TExamRules = z.infer<typeof ZExamRules>;

export const ZExamSessionInput = z
  .object({
    subject: z.string().trim().min(1).max(30),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] });
export const ZExamSession = z.object({
  id: z.number().int(),
  subject: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type TExamSession = z.infer<typeof ZExamSession>;

export const ZExamAction = z.enum(['edit', 'arrange', 'record']);
export const ZExam = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  code: z.string(),
  name: z.string(),
  kind: ZExamKind,
  year: z.number().int(),
  status: ZExamStatus,
  sites: z.number().int(),
  candidates: z.number().int(),
  invigilators: z.number().int(),
  /** The newest plan version, if any. */
  latestPlan: z.object({ version: z.number().int(), status: ZPlanStatus }).nullable(),
  actions: z.array(ZExamAction),
});
export type TExam = z.infer<typeof ZExam>;

export const ZExamListQuery = ZListQuery.extend({
  kind: ZExamKind.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: ZExamStatus.optional(),
});
export type TExamListQuery = z.infer<typeof ZExamListQuery>;
export const ZExamList = ZListResponse(ZExam);
export type TExamList = z.infer<typeof ZExamList>;

export const ZPlanSummary = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: ZPlanStatus,
  seed: z.string(),
  inputHash: z.string().nullable(),
  resultHash: z.string().nullable(),
  engineVersion: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  lockedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

export const ZExamDetail = ZExam.extend({
  rules: ZExamRules,
  sessions: z.array(ZExamSession),
  plans: z.array(ZPlanSummary),
});
export type TExamDetail = z.infer<typeof ZExamDetail>;

export const ZCreateExamRequest = z.object({
  orgId: ZId,
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,30}$/, 'letters, digits, - or _'),
  name: z.string().trim().min(2).max(60),
  kind: ZExamKind,
  year: z.number().int().min(2000).max(2100),
  rules: ZExamRules,
  sessions: z.array(ZExamSessionInput).max(30).default([]),
});
export type TCreateExamRequest = z.infer<typeof ZCreateExamRequest>;
export const ZUpdateExamRequest = z.object({
  name: z.string().trim().min(2).max(60).optional(),
  rules: ZExamRules.optional(),
  sessions: z.array(ZExamSessionInput).max(30).optional(),
});
export type TUpdateExamRequest = z.infer<typeof ZUpdateExamRequest>;

// ── sites ──
export const ZExamSite = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  code: z.string(),
  name: z.string(),
  rooms: z.number().int(),
  accessibleRooms: z.number().int(),
  address: z.string().nullable(),
  candidates: z.number().int(),
});
export type TExamSite = z.infer<typeof ZExamSite>;
export const ZExamSiteListQuery = ZListQuery;
export type TExamSiteListQuery = z.infer<typeof ZExamSiteListQuery>;
export const ZExamSiteList = ZListResponse(ZExamSite);
export const ZCreateExamSiteRequest = z.object({
  orgId: ZId,
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{1,6}$/, 'letters or digits, up to 6'),
  name: z.string().trim().min(1).max(60),
  rooms: z.number().int().min(1).max(500),
  accessibleRooms: z.number().int().min(0).max(500).default(0),
  address: z.string().trim().max(200).nullable().optional(),
});
export type TCreateExamSiteRequest = z.infer<typeof ZCreateExamSiteRequest>;

// ── candidates ──
export const ZExamCandidate = z.object({
  id: z.number().int(),
  registrationNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  idNumber: z.string().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  siteId: z.number().int(),
  siteName: z.string(),
  groupCode: z.string(),
  accommodation: z.string().nullable(),
  /** Where the current plan (locked, else the newest ready one) seats the candidate. */
  room: z.number().int().nullable(),
  seat: z.number().int().nullable(),
  ticket: z.string().nullable(),
});
export type TExamCandidate = z.infer<typeof ZExamCandidate>;
export const ZExamCandidateListQuery = ZListQuery.extend({
  /** Candidates of this school's subtree. */
  orgId: ZId.optional(),
  siteId: ZId.optional(),
  groupCode: z.string().trim().max(30).optional(),
});
export type TExamCandidateListQuery = z.infer<typeof ZExamCandidateListQuery>;
export const ZExamCandidateList = ZListResponse(ZExamCandidate);
export type TExamCandidateList = z.infer<typeof ZExamCandidateList>;
export const ZCreateExamCandidateRequest = z.object({
  registrationNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4,20}$/, '4–20 letters or digits'),
  name: z.string().trim().min(1).max(50),
  gender: z.enum(['M', 'F']).nullable().optional(),
  idNumber: z.string().trim().max(18).nullable().optional(),
  orgId: ZId,
  siteId: ZId,
  groupCode: z.string().trim().min(1).max(30),
  accommodation: z.string().trim().max(60).nullable().optional(),
});
export type TCreateExamCandidateRequest = z.infer<typeof ZCreateExamCandidateRequest>;

// ── invigilators ──
export const ZExamInvigilator = z.object({
  id: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  relativeSiteIds: z.array(z.number().int()),
  experienceYears: z.number().int(),
  /** Rooms the current plan gives them ("site-room", chief first). */
  assignments: z.array(
    z.object({
      siteName: z.string(),
      /** null for a rover (流动监考), who walks all rooms of the site. */
      room: z.number().int().nullable(),
      role: z.enum(['chief', 'second', 'rover']),
    }),
  ),
});
export type TExamInvigilator = z.infer<typeof ZExamInvigilator>;
export const ZExamInvigilatorListQuery = ZListQuery.extend({ orgId: ZId.optional() });
export type TExamInvigilatorListQuery = z.infer<typeof ZExamInvigilatorListQuery>;
export const ZExamInvigilatorList = ZListResponse(ZExamInvigilator);
export const ZCreateExamInvigilatorRequest = z.object({
  staffNo: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{2,20}$/, '2–20 letters or digits'),
  name: z.string().trim().min(1).max(50),
  orgId: ZId,
  relativeSiteIds: z.array(ZId).max(20).default([]),
  experienceYears: z.number().int().min(0).max(60).default(0),
});
export type TCreateExamInvigilatorRequest = z.infer<typeof ZCreateExamInvigilatorRequest>;

// ── plans ──
export const ZRunPlanRequest = z.object({
  /** A seed drawn in front of the supervisors (hex, ≥ 32 digits); omitted = 128 random bits. */
  seed: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{32,128}$/, '32–128 hex digits')
    .optional(),
});
export const ZRunPlanResponse = z.object({ plan: ZPlanSummary, jobId: z.string() });

export const ZSchoolSpread = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  groupCode: z.string(),
  candidates: z.number().int(),
  rooms: z.number().int(),
  /** The largest number of this school's candidates in one room, and the proportional share. */
  maxPerRoom: z.number().int(),
  share: z.number(),
  /** Every room of the group holds ⌊share⌋ or ⌈share⌉ of this school. */
  even: z.boolean(),
});
export const ZPlanStats = z.object({
  rooms: z.object({ normal: z.number().int(), backup: z.number().int(), special: z.number().int() }),
  seated: z.number().int(),
  candidates: z.number().int(),
  invigilatorsUsed: z.number().int(),
  /** Must be 0: two candidates of one school side by side. */
  adjacencies: z.number().int(),
  /** Must be 0: an invigilator with their own school's candidates, at a relative's site, or a pair of one school. */
  invigilatorConflicts: z.number().int(),
  /** Every other rule the independent check found broken (empty for a sound plan). */
  problems: z.array(z.string()),
  schoolsEven: z.number().int(),
  schools: z.number().int(),
  spread: z.array(ZSchoolSpread),
  perSite: z.array(
    z.object({
      siteId: z.number().int(),
      siteName: z.string(),
      candidates: z.number().int(),
      rooms: z.number().int(),
      backup: z.number().int(),
      special: z.number().int(),
    }),
  ),
});
export type TPlanStats = z.infer<typeof ZPlanStats>;
export const ZPlanDiff = z.object({
  fromVersion: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  moved: z.number().int(),
  unchanged: z.number().int(),
  /** A sample of the candidates whose room or seat changed. */
  samples: z.array(
    z.object({
      registrationNo: z.string(),
      name: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
    }),
  ),
});
export type TPlanDiff = z.infer<typeof ZPlanDiff>;
export const ZPlanDetail = ZPlanSummary.extend({
  examId: z.number().int(),
  stats: ZPlanStats.nullable(),
  reasons: z.array(z.string()).nullable(),
  diff: ZPlanDiff.nullable(),
  actions: z.array(z.enum(['lock', 'publish'])),
});
export type TPlanDetail = z.infer<typeof ZPlanDetail>;
export const ZPlanParams = z.object({ id: ZId, version: z.coerce.number().int().min(1).max(10_000) });

export const ZExamRoom = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  siteCode: z.string(),
  siteName: z.string(),
  roomNo: z.number().int(),
  kind: z.enum(['normal', 'backup', 'special']),
  groupCode: z.string().nullable(),
  seats: z.number().int(),
  invigilators: z.array(z.object({ id: z.number().int(), name: z.string(), orgName: z.string() })),
});
export type TExamRoom = z.infer<typeof ZExamRoom>;
/** The rovers of each site in a version. */
export const ZSiteRovers = z.object({
  siteId: z.number().int(),
  siteCode: z.string(),
  siteName: z.string(),
  invigilators: z.array(z.object({ id: z.number().int(), name: z.string(), orgName: z.string() })),
});
export type TSiteRovers = z.infer<typeof ZSiteRovers>;
export const ZSiteRoversList = z.object({ sites: z.array(ZSiteRovers) });
export const ZSiteRoversQuery = z.object({ siteId: ZId.optional() });

export const ZExamRoomListQuery = ZListQuery.extend({
  siteId: ZId.optional(),
  kind: z.enum(['normal', 'backup', 'special']).optional(),
});
export type TExamRoomListQuery = z.infer<typeof ZExamRoomListQuery>;
export const ZExamRoomList = ZListResponse(ZExamRoom);

/** One seat of a room, as the door list, the seating chart and the ticket show it. */
export const ZSeatEntry = z.object({
  seat: z.number().int(),
  row: z.number().int(),
  col: z.number().int(),
  ticket: z.string(),
  candidateId: z.number().int(),
  registrationNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  orgName: z.string(),
  groupCode: z.string(),
  accommodation: z.string().nullable(),
});
export type TSeatEntry = z.infer<typeof ZSeatEntry>;
/** A room with its grid: what the door list and the seating chart print. */
export const ZRoomSheet = ZExamRoom.extend({
  examName: z.string(),
  version: z.number().int(),
  resultHash: z.string().nullable(),
  rows: z.number().int(),
  cols: z.number().int(),
  entries: z.array(ZSeatEntry),
});
export type TRoomSheet = z.infer<typeof ZRoomSheet>;
export const ZRoomSheets = z.object({ rooms: z.array(ZRoomSheet) });
export const ZRoomSheetQuery = z.object({
  siteId: ZId.optional(),
  roomId: ZId.optional(),
});

/** 准考证: what one admission ticket prints. */
export const ZTicket = z.object({
  examName: z.string(),
  ticket: z.string(),
  registrationNo: z.string(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  idNumber: z.string().nullable(),
  orgName: z.string(),
  siteName: z.string(),
  siteAddress: z.string().nullable(),
  room: z.number().int(),
  seat: z.number().int(),
  sessions: z.array(ZExamSession),
});
export type TTicket = z.infer<typeof ZTicket>;
export const ZTicketQuery = z.object({
  orgId: ZId.optional(),
  siteId: ZId.optional(),
  candidateId: ZId.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const ZTicketList = ZListResponse(ZTicket);

// ── exam day ──
export const ZDayRecordKind = z.enum(['absent', 'moved', 'incident', 'revoke']);
export const ZCreateDayRecordRequest = z
  .object({
    sessionId: ZId,
    candidateId: ZId,
    kind: ZDayRecordKind,
    /** For `moved`: a backup or special room of the same site in the locked plan. */
    toRoomId: ZId.optional(),
    note: z.string().trim().max(500).optional(),
    /** A file uploaded with purpose `exams.evidence` (POST /api/files). */
    evidenceFileId: ZId.optional(),
    /** For `revoke`: the record being withdrawn. */
    revokes: ZId.optional(),
  })
  .refine((r) => r.kind !== 'moved' || r.toRoomId !== undefined, {
    message: 'toRoomId is required for a move',
    path: ['toRoomId'],
  })
  .refine((r) => r.kind !== 'incident' || (r.note?.length ?? 0) >= 2, {
    message: 'an incident needs a description',
    path: ['note'],
  })
  .refine((r) => r.kind !== 'revoke' || r.revokes !== undefined, {
    message: 'revokes is required to withdraw a record',
    path: ['revokes'],
  });
export type TCreateDayRecordRequest = z.infer<typeof ZCreateDayRecordRequest>;
export const ZDayRecord = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  subject: z.string(),
  candidateId: z.number().int(),
  registrationNo: z.string(),
  candidateName: z.string(),
  siteName: z.string(),
  kind: ZDayRecordKind,
  toRoom: z.number().int().nullable(),
  note: z.string().nullable(),
  evidenceFileId: z.string().nullable(),
  revokes: z.number().int().nullable(),
  revoked: z.boolean(),
  recordedAt: z.string(),
});
export type TDayRecord = z.infer<typeof ZDayRecord>;
export const ZDayRecordListQuery = ZListQuery.extend({
  sessionId: ZId.optional(),
  siteId: ZId.optional(),
  kind: ZDayRecordKind.optional(),
});
export type TDayRecordListQuery = z.infer<typeof ZDayRecordListQuery>;
export const ZDayRecordList = ZListResponse(ZDayRecord);

export const ZLiveCounts = z.object({
  sessionId: z.number().int(),
  subject: z.string(),
  sites: z.array(
    z.object({
      siteId: z.number().int(),
      siteName: z.string(),
      expected: z.number().int(),
      absent: z.number().int(),
      present: z.number().int(),
      moved: z.number().int(),
      incidents: z.number().int(),
    }),
  ),
  total: z.object({
    expected: z.number().int(),
    absent: z.number().int(),
    present: z.number().int(),
    moved: z.number().int(),
    incidents: z.number().int(),
  }),
});
export type TLiveCounts = z.infer<typeof ZLiveCounts>;
export const ZLiveCountsQuery = z.object({ sessionId: ZId });
