import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, intArray, type Permission, scopeUnitIds } from '../access/index.ts';
import type { Executor, Tx } from '../db/index.ts';
import { searchDocument } from './schema.ts';

/**
 * The global search index (全局搜索). Modules register their entities with `indexDocument` in the
 * transaction that changes them; text is segmented by jieba into a `simple` tsvector, and
 * `searchDocuments` filters by the searcher's scope for each document's permission, in SQL.
 */

let jieba: Jieba | undefined;
const segmenter = () => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

const CJK = /\p{Script=Han}/u;
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 南宫 西门 独孤'.split(' '),
);

/**
 * Split a personal name into the extra tokens that let a surname, a given name or any one of its
 * characters find the person: 张小明 → 张, 小明, 小, 明 (jieba alone keeps 张小明 whole).
 */
function nameTokens(name: string): string[] {
  const chars = [...name.replace(/[^\p{L}]/gu, '')];
  if (chars.length < 2 || !chars.every((c) => CJK.test(c))) return [];
  const surnameLength = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return [chars.slice(0, surnameLength).join(''), chars.slice(surnameLength).join(''), ...chars];
}

/**
 * Segment text for the index and for queries: jieba's search mode, each token split at anything
 * that is not a letter or digit, latin lower-cased, duplicates dropped. `names` are personal names
 * in the text, which also contribute their surname, given name and single characters.
 */
export function segment(text: string, options: { names?: string[] } = {}): string[] {
  const out = new Set<string>();
  const add = (token: string) => {
    for (const part of token.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part) out.add(part);
  };
  for (const token of segmenter().cutForSearch(text, true)) add(token);
  for (const name of options.names ?? []) for (const token of nameTokens(name)) add(token);
  return [...out];
}

export interface SearchDocumentInput {
  entityType: string;
  entityId: string | number;
  districtId: number;
  orgId: number;
  /** The permission a searcher needs at `orgId` to see this document. */
  permission: Permission;
  title: string;
  subtitle?: string | null;
  url: string;
  /** The searchable text. Never ID numbers, phones or addresses. */
  text: string;
  /** Personal names within `text` (see `segment`). */
  names?: string[];
}

/**
 * The words of a document: the title's (weight A in the tsvector, so that a name match outranks a
 * match in the unit name a person's text carries) and the rest of the text's.
 */
export function documentWords(input: { title: string; text: string; names?: string[] }): {
  titleWords: string;
  textWords: string;
} {
  const title = segment(input.title, { names: input.names });
  const inTitle = new Set(title);
  const text = segment(input.text, { names: input.names }).filter((w) => !inTitle.has(w));
  return { titleWords: title.join(' '), textWords: text.join(' ') };
}

/** Add or replace an entity's document, in the caller's transaction. */
export async function indexDocument(tx: Executor, input: SearchDocumentInput): Promise<void> {
  const { titleWords, textWords } = documentWords(input);
  const row = {
    entityType: input.entityType,
    entityId: String(input.entityId),
    districtId: input.districtId,
    orgId: input.orgId,
    permission: input.permission,
    title: input.title,
    subtitle: input.subtitle ?? null,
    url: input.url,
    tsv: sql`setweight(to_tsvector('simple', ${titleWords}), 'A') || to_tsvector('simple', ${textWords})`,
    updatedAt: new Date(),
  };
  await tx
    .insert(searchDocument)
    .values(row)
    // biome-ignore lint/suspicious/noExplicitAny: drizzle types `tsv` as string; an SQL expression is valid here
    .onConflictDoUpdate({ target: [searchDocument.entityType, searchDocument.entityId], set: row as any });
}

/** Drop an entity's document (the entity was deleted). */
export async function removeDocument(tx: Tx, entityType: string, entityId: string | number): Promise<void> {
  await tx
    .delete(searchDocument)
    .where(and(eq(searchDocument.entityType, entityType), eq(searchDocument.entityId, String(entityId))));
}

/** The permissions documents are indexed under; a search checks the actor's scope for each. */
export const searchPermissions: Permission[] = ['people.read', 'org.read'];

/**
 * A tsquery text: every term must match. Terms come from jieba's plain mode (a subset of the
 * search-mode words documents hold, so fewer terms to intersect). Latin and digit terms, and the
 * last term (still being typed: 张小 → 张小明), match as prefixes; other Chinese words match
 * exactly, which keeps a long school name from scanning every word that starts with 海淀.
 */
export function toTsQuery(q: string): string | undefined {
  const terms: string[] = [];
  for (const token of segmenter().cut(q.slice(0, 100), true))
    for (const part of token.toLowerCase().split(/[^\p{L}\p{N}]+/u))
      if (part && !terms.includes(part)) terms.push(part);
  if (terms.length === 0) return undefined;
  return terms
    .slice(0, 12)
    .map((t, i, all) => {
      const prefix = i === all.length - 1 || !CJK.test(t);
      return `'${t.replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
    })
    .join(' & ');
}

export type SearchHit = {
  entityType: string;
  entityId: string;
  title: string;
  subtitle: string | null;
  url: string;
};

/** How many matches are ranked at most: a one-character query may match 100k people. */
const CANDIDATES = 500;

/**
 * Documents matching `q` that the actor may see, best first: exact titles (through the title
 * index), then up to 500 other matches ranked by ts_rank (title words weigh most). Scope is part
 * of the WHERE clause, one branch per permission the actor holds anywhere.
 */
export async function searchDocuments(
  tx: Executor,
  actor: Actor,
  input: { q: string; limit?: number; types?: string[] },
): Promise<SearchHit[]> {
  const query = toTsQuery(input.q);
  if (!query) return [];
  const branches: SQL[] = [];
  for (const permission of searchPermissions) {
    const ids = await scopeUnitIds(tx, actor, permission);
    if (ids.size > 0) branches.push(sql`(d.permission = ${permission} AND d.org_id = ANY(${intArray(ids)}))`);
  }
  if (branches.length === 0) return [];
  const inScope = sql`(${sql.join(branches, sql` OR `)})`;
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const types = input.types?.length ? sql`AND d.entity_type IN ${input.types}` : sql``;
  const title = input.q.trim();
  // With LIMIT 500 and a crude estimate for prefix queries, the planner may pick a sequential scan
  // that reads the whole table when there are fewer matches (王伟: 600 ms at 880k people); the GIN
  // index is always the right path here, so sequential scans are off for this one statement.
  const { rows: setting } = await tx.execute<{ prev: string }>(
    sql`SELECT current_setting('enable_seqscan') AS prev, set_config('enable_seqscan', 'off', true)`,
  );
  const { rows } = await tx.execute<SearchHit>(sql`
    WITH q AS (SELECT to_tsquery('simple', ${query}) AS q),
    exact AS (
      SELECT d.entity_type, d.entity_id, d.title, d.subtitle, d.url, d.tsv FROM search_document d
      WHERE d.title = ${title} AND ${inScope} ${types} LIMIT ${limit}),
    other AS (
      SELECT d.entity_type, d.entity_id, d.title, d.subtitle, d.url, d.tsv FROM search_document d, q
      WHERE d.tsv @@ q.q AND d.title <> ${title} AND ${inScope} ${types} LIMIT ${CANDIDATES})
    SELECT h.entity_type AS "entityType", h.entity_id AS "entityId", h.title, h.subtitle, h.url
    FROM (SELECT *, true AS exact FROM exact UNION ALL SELECT *, false FROM other) h, q
    ORDER BY h.exact DESC, ts_rank(h.tsv, q.q) DESC, h.title, h.entity_id
    LIMIT ${limit}`);
  await tx.execute(sql`SELECT set_config('enable_seqscan', ${setting[0]!.prev}, true)`);
  return rows.map(({ entityType, entityId, title, subtitle, url }) => ({
    entityType,
    entityId,
    title,
    subtitle,
    url,
  }));
}
