import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnit } from '../../core/db/schema.ts';

/**
 * 考务编排. An exam (中考, 高考 …) owns its sessions, sites, candidates and invigilators as data;
 * every arrangement run is a numbered plan version holding the engine's exact input and output, so
 * that a locked plan can be re-run and verified by anyone, and a change is a new version with a diff.
 */
export const exam = pgTable(
  'exam',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The organising unit (the district's exam office): its managers manage the exam. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** zhongkao | gaokao | huikao | other */
    kind: text('kind').notNull(),
    year: smallint('year').notNull(),
    /** The arrangement rules (rows, cols, adjacency, invigilators per room, backups, ticket pattern). */
    rules: jsonb('rules').notNull(),
    /** draft → arranged (a ready plan exists) → locked → published */
    status: text('status').notNull().default('draft'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exam_district_code_idx').on(t.districtId, t.code)],
);

/** 场次: one subject at one time. Absences and incidents are recorded per session. */
export const examSession = pgTable(
  'exam_session',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('exam_session_exam_idx').on(t.examId, t.startsAt)],
);

/** 考点: a school's building offering a number of rooms. `code` is the site's part of the ticket. */
export const examSite = pgTable(
  'exam_site',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    /** The host school. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    rooms: integer('rooms').notNull(),
    accessibleRooms: integer('accessible_rooms').notNull().default(0),
    address: text('address'),
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
  },
  (t) => [uniqueIndex('exam_site_code_idx').on(t.examId, t.code), index('exam_site_org_idx').on(t.orgId)],
);

/**
 * 考生. The candidate's school decides the spreading and the invigilators' conflicts; `group` is the
 * 四同 key (paper, foreign language, track). The ID number is sealed like a person's.
 */
export const examCandidate = pgTable(
  'exam_candidate',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    /** The candidate's school. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    siteId: bigint('site_id', { mode: 'number' })
      .notNull()
      .references(() => examSite.id),
    personId: bigint('person_id', { mode: 'number' }),
    /** 报名号: the registration number, unique within the exam. */
    registrationNo: text('registration_no').notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    groupCode: text('group_code').notNull(),
    /** Accommodation (braille, large print, extra time …): such candidates sit in special rooms. */
    accommodation: text('accommodation'),
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('exam_candidate_registration_idx').on(t.examId, t.registrationNo),
    index('exam_candidate_org_idx').on(t.examId, t.orgId),
    index('exam_candidate_site_idx').on(t.siteId),
    index('exam_candidate_name_idx').on(t.examId, t.name),
  ],
);

/** 监考员. Never in a room with their own school's candidates, never at a site where a relative sits. */
export const examInvigilator = pgTable(
  'exam_invigilator',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    /** The invigilator's own school. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    personId: bigint('person_id', { mode: 'number' }),
    staffNo: text('staff_no').notNull(),
    name: text('name').notNull(),
    /** Sites where a close relative sits the exam. */
    relativeSiteIds: bigint('relative_site_ids', { mode: 'number' }).array().notNull().default(sql`'{}'`),
    experienceYears: smallint('experience_years').notNull().default(0),
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('exam_invigilator_staff_idx').on(t.examId, t.staffNo),
    index('exam_invigilator_org_idx').on(t.examId, t.orgId),
  ],
);

/**
 * One run of the arrangement: the engine's exact input (`instance`) and output (`plan`) with their
 * hashes and the seed. ready → locked (sealed: never changed again) → published; a newer locked
 * version supersedes the previous one. `diff` summarises what changed against the previous version.
 */
export const examPlan = pgTable(
  'exam_plan',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** running | ready | failed | locked | published | superseded */
    status: text('status').notNull(),
    seed: text('seed').notNull(),
    inputHash: text('input_hash'),
    resultHash: text('result_hash'),
    engineVersion: text('engine_version').notNull(),
    /** `json`, not `jsonb`: the exact bytes (key order) the hashes were computed over. */
    instance: json('instance'),
    plan: json('plan'),
    stats: jsonb('stats'),
    /** The rules that could not be met, when the run failed. */
    reasons: jsonb('reasons'),
    diff: jsonb('diff'),
    jobId: text('job_id'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: bigint('locked_by', { mode: 'number' }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('exam_plan_version_idx').on(t.examId, t.version)],
);

/** The rooms of a plan version (materialised from `plan` for lists, documents and exam-day work). */
export const examRoom = pgTable(
  'exam_room',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: bigint('plan_id', { mode: 'number' })
      .notNull()
      .references(() => examPlan.id, { onDelete: 'cascade' }),
    siteId: bigint('site_id', { mode: 'number' })
      .notNull()
      .references(() => examSite.id),
    roomNo: integer('room_no').notNull(),
    /** normal | backup | special */
    kind: text('kind').notNull(),
    groupCode: text('group_code'),
    seats: integer('seats').notNull(),
    invigilatorIds: bigint('invigilator_ids', { mode: 'number' }).array().notNull(),
  },
  (t) => [uniqueIndex('exam_room_no_idx').on(t.planId, t.siteId, t.roomNo)],
);

/** 流动监考: the rovers of a site in a plan version (invigilators who walk all its rooms). */
export const examRover = pgTable(
  'exam_rover',
  {
    planId: bigint('plan_id', { mode: 'number' })
      .notNull()
      .references(() => examPlan.id, { onDelete: 'cascade' }),
    siteId: bigint('site_id', { mode: 'number' })
      .notNull()
      .references(() => examSite.id),
    invigilatorId: bigint('invigilator_id', { mode: 'number' })
      .notNull()
      .references(() => examInvigilator.id),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.invigilatorId] }),
    index('exam_rover_site_idx').on(t.planId, t.siteId),
  ],
);

export const examSeat = pgTable(
  'exam_seat',
  {
    planId: bigint('plan_id', { mode: 'number' })
      .notNull()
      .references(() => examPlan.id, { onDelete: 'cascade' }),
    roomId: bigint('room_id', { mode: 'number' })
      .notNull()
      .references(() => examRoom.id, { onDelete: 'cascade' }),
    candidateId: bigint('candidate_id', { mode: 'number' })
      .notNull()
      .references(() => examCandidate.id),
    seatNo: smallint('seat_no').notNull(),
    row: smallint('row').notNull(),
    col: smallint('col').notNull(),
    ticket: text('ticket').notNull(),
  },
  (t) => [
    uniqueIndex('exam_seat_candidate_idx').on(t.planId, t.candidateId),
    uniqueIndex('exam_seat_ticket_idx').on(t.planId, t.ticket),
    index('exam_seat_room_idx').on(t.roomId, t.seatNo),
  ],
);

/**
 * Exam-day records: absence, a move to a backup or isolation room, an incident (违纪) with evidence.
 * Records are appended, never edited: a mistaken record is revoked by a later one (`revokes`).
 */
export const examDayRecord = pgTable(
  'exam_day_record',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    examId: bigint('exam_id', { mode: 'number' })
      .notNull()
      .references(() => exam.id, { onDelete: 'cascade' }),
    sessionId: bigint('session_id', { mode: 'number' })
      .notNull()
      .references(() => examSession.id),
    candidateId: bigint('candidate_id', { mode: 'number' })
      .notNull()
      .references(() => examCandidate.id),
    siteId: bigint('site_id', { mode: 'number' })
      .notNull()
      .references(() => examSite.id),
    /** absent | moved | incident | revoke */
    kind: text('kind').notNull(),
    toRoomId: bigint('to_room_id', { mode: 'number' }).references(() => examRoom.id),
    note: text('note'),
    evidenceFileId: text('evidence_file_id'),
    revokes: bigint('revokes', { mode: 'number' }),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exam_day_record_session_idx').on(t.sessionId, t.siteId),
    index('exam_day_record_candidate_idx').on(t.candidateId),
  ],
);
