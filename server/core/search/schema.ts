import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The global search index: one document per entity that a module registers (a person, a unit, a
 * case …), its text segmented by jieba into a `simple` tsvector. Results are filtered by the
 * searcher's scope through `org_id`, like every list.
 */
export const searchDocument = pgTable(
  'search_document',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id').notNull(),
    /** The permission needed to see this document (e.g. people.read). */
    permission: text('permission').notNull(),
    title: text('title').notNull(),
    subtitle: text('subtitle'),
    url: text('url').notNull(),
    tsv: tsvector('tsv').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId] }),
    index('search_document_tsv_idx').using('gin', t.tsv),
    index('search_document_org_idx').on(t.orgId),
    index('search_document_title_idx').on(sql`${t.title}`),
  ],
);
