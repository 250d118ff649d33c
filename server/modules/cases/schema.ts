import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { orgUnit } from '../../core/db/schema.ts';

/**
 * 接诉即办 and 信访. A `case_record` is one 12345 work order (kind 'hotline') or one petition (kind
 * 'petition'); `org_id` is the handling unit (承办单位, who leads), so scope filters work as for every
 * row. The complainant's name, phone and ID number are sealed, hashed and masked like a person's.
 * (`case` is an SQL keyword, hence `case_record`.)
 */
export const caseRecord = pgTable(
  'case_record',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The handling unit (承办单位): the commission until it dispatches, then a 学区 or school. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    kind: text('kind').notNull(),
    /** 12345 工单编号, or the petition's registration number; unique per district and kind. */
    externalNo: text('external_no').notNull(),
    /** hotline: phone / app / web / wechat; petition: letter / visit / call / online. */
    channel: text('channel').notNull(),
    catalogueId: integer('catalogue_id').references(() => caseCatalogue.id),
    categoryCode: text('category_code'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** jieba words of title and content, for duplicate suggestions and monthly topics. */
    words: text('words').array().notNull().default(sql`'{}'::text[]`),
    /** The school the matter is about (may differ from the handling unit, e.g. a zone handles it). */
    subjectOrgId: integer('subject_org_id').references(() => orgUnit.id),
    complainantName: text('complainant_name_masked'),
    complainantNameEnc: text('complainant_name_enc'),
    complainantPhoneEnc: text('complainant_phone_enc'),
    complainantPhoneHash: text('complainant_phone_hash'),
    complainantPhoneMasked: text('complainant_phone_masked'),
    complainantIdEnc: text('complainant_id_enc'),
    complainantIdHash: text('complainant_id_hash'),
    complainantIdMasked: text('complainant_id_masked'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** 检举: never visible to the accused unit (filtered in SQL). */
    accusation: boolean('accusation').notNull().default(false),
    accusedOrgId: integer('accused_org_id').references(() => orgUnit.id),
    state: text('state').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    signedForAt: timestamp('signed_for_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    opinionAt: timestamp('opinion_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The running clock that matters now: its kind, due instant and when it turns at-risk. */
    dueKind: text('due_kind'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    riskAt: timestamp('risk_at', { withTimezone: true }),
    signForDueAt: timestamp('sign_for_due_at', { withTimezone: true }),
    contactDueAt: timestamp('contact_due_at', { withTimezone: true }),
    replyDueAt: timestamp('reply_due_at', { withTimezone: true }),
    /** Replied on or before the reply deadline (null until replied). */
    onTime: boolean('on_time'),
    returnCount: integer('return_count').notNull().default(0),
    /** 回访: valid callback, solved, satisfaction (satisfied / basically_satisfied / unsatisfied). */
    callbackAt: timestamp('callback_at', { withTimezone: true }),
    callbackValid: boolean('callback_valid'),
    callbackSolved: boolean('callback_solved'),
    callbackSatisfaction: text('callback_satisfaction'),
    callbackNote: text('callback_note'),
    /** The month (YYYY-MM) the case counts in for rankings: the callback's month. */
    rankMonth: text('rank_month'),
    /** Petition stages' data: decision letter, review, diversion, transfer … (see contracts). */
    detail: jsonb('detail').notNull().default({}),
    /** A merged duplicate points at the case it was merged into (reversible). */
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    stateBeforeMerge: text('state_before_merge'),
    /** An order and a petition on the same matter share a group; rankings count the group once. */
    linkGroupId: bigint('link_group_id', { mode: 'number' }),
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_record_external_no_uq').on(t.districtId, t.kind, t.externalNo),
    // NULLS FIRST: scanned backwards they give the lists' `received_at DESC NULLS LAST` (newest first).
    index('case_record_org_received_idx').on(t.orgId, t.receivedAt.asc().nullsFirst()),
    index('case_record_received_idx').on(t.districtId, t.receivedAt.asc().nullsFirst()),
    index('case_record_state_due_idx').on(t.state, t.dueAt),
    index('case_record_category_idx').on(t.categoryCode, t.receivedAt),
    index('case_record_subject_idx').on(t.subjectOrgId, t.receivedAt),
    index('case_record_rank_month_idx').on(t.rankMonth, t.orgId),
    index('case_record_phone_hash_idx').on(t.complainantPhoneHash),
    index('case_record_link_group_idx').on(t.linkGroupId),
    index('case_record_merged_idx').on(t.mergedIntoId),
    index('case_record_words_idx').using('gin', t.words),
    // Narrow: list totals count through it (index-only) instead of reading every wide case row.
    index('case_record_scope_idx').on(
      t.districtId,
      t.orgId,
      t.mergedIntoId,
      t.accusation,
      t.accusedOrgId,
      t.state,
    ),
    index('case_record_closed_idx').on(t.districtId, t.closedAt),
    index('case_record_due_idx').on(t.districtId, t.dueAt),
    index('case_record_callback_idx').on(t.districtId, t.callbackAt),
    check('case_record_kind_ck', sql`${t.kind} IN ('hotline','petition')`),
    check(
      'case_record_satisfaction_ck',
      sql`${t.callbackSatisfaction} IS NULL OR ${t.callbackSatisfaction} IN ('satisfied','basically_satisfied','unsatisfied')`,
    ),
    check('case_record_accused_ck', sql`${t.accusedOrgId} IS NULL OR ${t.accusation}`),
  ],
);

/** Every transition of a case: who, from which state to which, why, and what it carried. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => caseRecord.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    reason: text('reason'),
    payload: jsonb('payload').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_event_case_idx').on(t.caseId, t.at),
    index('case_event_action_at_idx').on(t.action, t.at),
  ],
);

/**
 * One legal clock of a case (签收, 首次联系, 办结答复, 信访受理, 信访办理, 复查 …) on the clock
 * engine: its rule, start, pauses, extensions, and the engine's due instant and explanation.
 */
export const caseClock = pgTable(
  'case_clock',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => caseRecord.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    kind: text('kind').notNull(),
    /** The engine's rule: {hours} | {days} | {workingDays}. */
    rule: jsonb('rule').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Closed pauses [{from, to, reason}]; an open one is `pausedSince`. */
    pauses: jsonb('pauses').notNull().default([]),
    pausedSince: timestamp('paused_since', { withTimezone: true }),
    pauseReason: text('pause_reason'),
    extensions: jsonb('extensions').notNull().default([]),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('running'),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    explanation: jsonb('explanation').notNull().default([]),
  },
  (t) => [
    index('case_clock_case_idx').on(t.caseId, t.kind),
    index('case_clock_running_due_idx').on(t.status, t.dueAt),
    check('case_clock_status_ck', sql`${t.status} IN ('running','paused','met','missed','cancelled')`),
  ],
);

/**
 * 派单目录: which kind of matter belongs to which kind of unit, and its time limit. Versioned: an
 * edit closes the current row (`valid_to`) and adds the next version, so old cases keep theirs.
 */
export const caseCatalogue = pgTable(
  'case_catalogue',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    /** district / zone / school: who normally handles it. */
    unitKind: text('unit_kind').notNull(),
    /** emergency / utilities / general / complex. */
    limitKind: text('limit_kind').notNull(),
    replyRule: jsonb('reply_rule').notNull(),
    signForHours: numeric('sign_for_hours', { mode: 'number' }).notNull(),
    firstContactHours: numeric('first_contact_hours', { mode: 'number' }).notNull(),
    description: text('description'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    updatedBy: integer('updated_by'),
  },
  (t) => [
    uniqueIndex('case_catalogue_version_uq').on(t.districtId, t.code, t.version),
    index('case_catalogue_current_idx').on(t.districtId, t.code).where(sql`${t.validTo} IS NULL`),
  ],
);

/** Ranking weights, effective from a month (YYYY-MM) until the next row. */
export const caseRankWeights = pgTable(
  'case_rank_weights',
  {
    districtId: integer('district_id').notNull(),
    fromMonth: text('from_month').notNull(),
    response: numeric('response', { mode: 'number' }).notNull(),
    resolution: numeric('resolution', { mode: 'number' }).notNull(),
    satisfaction: numeric('satisfaction', { mode: 'number' }).notNull(),
    basicFactor: numeric('basic_factor', { mode: 'number' }).notNull(),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_rank_weights_uq').on(t.districtId, t.fromMonth)],
);

/** Open311 API keys (POST requests): only a keyed hash is stored; the key is shown once. */
export const caseApiKey = pgTable('case_api_key', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  districtId: integer('district_id').notNull(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
