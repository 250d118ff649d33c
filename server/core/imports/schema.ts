import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Staged Excel imports: a batch is uploaded, every row parsed and validated into `import_row` (nothing
 * is written to business tables), previewed with row-level errors, committed in one transaction
 * (rows it creates carry `import_batch_id`), and can later be rolled back as a whole.
 */
export const importBatch = pgTable(
  'import_batch',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('uploaded'),
    fileId: bigint('file_id', { mode: 'number' }),
    fileName: text('file_name').notNull(),
    /** The record the batch imports into, for kinds that need one (e.g. the exam of a candidate list). */
    targetId: bigint('target_id', { mode: 'number' }),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    committedRows: integer('committed_rows').notNull().default(0),
    jobId: uuid('job_id'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batch_org_idx').on(t.orgId, t.createdAt),
    check(
      'import_batch_status_ck',
      sql`${t.status} IN ('uploaded','validating','validated','committing','committed','rolledBack','failed')`,
    ),
  ],
);

export const importRow = pgTable(
  'import_row',
  {
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => importBatch.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    data: jsonb('data').notNull(),
    /** [{ column, code, zh, en }]; empty when the row is valid. */
    errors: jsonb('errors').notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.rowNumber] })],
);
