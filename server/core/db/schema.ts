import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Platform tables every module stands on: the effective-dated org tree, accounts with scoped
 * grants, sessions, the hash-chained audit trail, and settings. Modules keep their own tables in
 * `server/modules/<m>/schema.ts` and reference these by id.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** 组织机构: any node of the org tree. Placement in the tree lives in `org_link`, by date. */
export const orgUnit = pgTable(
  'org_unit',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The root district unit; equal to `id` for a district. */
    districtId: integer('district_id').notNull(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    stage: text('stage'),
    ownership: text('ownership'),
    subsidised: boolean('subsidised').notNull().default(false),
    address: text('address'),
    capacity: integer('capacity'),
    phone: text('phone'),
    /** The unit exists from `opened_on` until (excluding) `closed_on`. */
    openedOn: date('opened_on').notNull().default(sql`DATE '2000-01-01'`),
    closedOn: date('closed_on'),
    /** The import batch that created this unit (rolled back as a whole). */
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('org_unit_district_code_uq').on(t.districtId, t.code),
    index('org_unit_kind_idx').on(t.districtId, t.kind, t.name),
    check(
      'org_unit_kind_ck',
      sql`${t.kind} IN ('district','department','zone','school','kindergarten','communitySite','trainingInstitution','supplier')`,
    ),
    check(
      'org_unit_stage_ck',
      sql`${t.stage} IS NULL OR ${t.stage} IN ('primary','junior','senior','nineYear','complete','twelveYear','vocational','special','preschool')`,
    ),
    check('org_unit_ownership_ck', sql`${t.ownership} IS NULL OR ${t.ownership} IN ('public','private')`),
    check('org_unit_capacity_ck', sql`${t.capacity} IS NULL OR ${t.capacity} >= 0`),
  ],
);

/** A unit's parent over a period [valid_from, valid_to). History is never overwritten. */
export const orgLink = pgTable(
  'org_link',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnit.id),
    parentId: integer('parent_id')
      .notNull()
      .references(() => orgUnit.id),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('org_link_parent_idx').on(t.parentId, t.validFrom),
    index('org_link_unit_idx').on(t.unitId, t.validFrom),
    check('org_link_period_ck', sql`${t.validTo} IS NULL OR ${t.validTo} > ${t.validFrom}`),
    check('org_link_not_self_ck', sql`${t.unitId} <> ${t.parentId}`),
  ],
);

/** 账号. Passwords are argon2id hashes; the account's home unit is `org_id`. */
export const account = pgTable(
  'account',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status').notNull().default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('account_username_uq').on(sql`lower(${t.username})`),
    index('account_org_idx').on(t.orgId),
    check('account_status_ck', sql`${t.status} IN ('active','disabled')`),
  ],
);

/** 授权: a role at an org unit, covering the unit's subtree. */
export const grant = pgTable(
  'grant',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    accountId: integer('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    createdAt: createdAt(),
    createdBy: integer('created_by'),
  },
  (t) => [
    uniqueIndex('grant_account_role_org_uq').on(t.accountId, t.role, t.orgId),
    index('grant_org_idx').on(t.orgId),
  ],
);

/** A login session. The cookie holds a random token; only its SHA-256 is stored. */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);

/** 审计日志: append-only, hash-chained. `seq` has no gaps; a trigger refuses UPDATE and DELETE. */
export const auditEvent = pgTable(
  'audit_event',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    districtId: integer('district_id'),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    orgId: integer('org_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
    hashAlg: text('hash_alg').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_event_at_idx').on(t.at),
    index('audit_event_action_idx').on(t.action, t.seq),
    index('audit_event_entity_idx').on(t.entityType, t.entityId),
    index('audit_event_actor_idx').on(t.actorId, t.seq),
    index('audit_event_org_idx').on(t.orgId, t.seq),
  ],
);

/** Installation-wide settings fixed at first start (crypto mode, demo seed …). */
export const systemSetting = pgTable('system_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});
