import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One long-running job (import, export, draw, arrangement, report) as users see it: who started it,
 * its stage and progress, and its outcome. pg-boss queues and retries it; this row is what the web's
 * progress bar and the CLI's progress line read.
 */
export const jobRun = pgTable(
  'job_run',
  {
    id: uuid('id').primaryKey(),
    districtId: integer('district_id'),
    orgId: integer('org_id'),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'),
    stage: text('stage'),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    input: jsonb('input'),
    result: jsonb('result'),
    error: jsonb('error'),
    attempts: integer('attempts').notNull().default(0),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (t) => [
    index('job_run_org_idx').on(t.orgId, t.createdAt),
    index('job_run_status_idx').on(t.status),
    check('job_run_status_ck', sql`${t.status} IN ('queued','running','succeeded','failed','cancelled')`),
  ],
);
