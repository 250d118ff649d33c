import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * An uploaded file: content under DATA_DIR/files by SHA-256, type checked from the content, owned by
 * an org unit (downloads are authorised by scope and audited).
 */
export const fileObject = pgTable(
  'file_object',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id').notNull(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    originalName: text('original_name').notNull(),
    purpose: text('purpose').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('file_object_org_idx').on(t.orgId),
    index('file_object_entity_idx').on(t.entityType, t.entityId),
  ],
);
