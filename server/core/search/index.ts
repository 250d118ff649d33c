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

/** Add or replace an entity's document, in the caller's transaction. */
export async function indexDocument(tx: Executor, input: SearchDocumentInput): Promise<void> {
  const words = segment(`${input.title} ${input.text}`, { names: input.names }).join(' ');
  const row = {
    entityType: input.entityType,
    entityId: String(input.entityId),
    districtId: input.districtId,
    orgId: input.orgId,
    permission: input.permission,
    title: input.title,
    subtitle: input.subtitle ?? null,
    url: input.url,
    tsv: sql`to_tsvector('simple', ${words})`,
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

/** A tsquery text: every term must match, each as a prefix (王 finds 王伟, 2015 finds 20150901…). */
export function toTsQuery(q: string): string | undefined {
  const terms = segment(q.slice(0, 100)).slice(0, 12);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `'${t.replace(/'/g, "''")}':*`).join(' & ');
}

export type SearchHit = {
  entityType: string;
  entityId: string;
  title: string;
  subtitle: string | null;
  url: string;
};

/**
 * Documents matching `q` that the actor may see, best first: an exact title first, then by
 * ts_rank. Scope is part of the WHERE clause, one branch per permission the actor holds anywhere.
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
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 50);
  const types = input.types?.length ? sql`AND d.entity_type IN ${input.types}` : sql``;
  const title = input.q.trim();
  const { rows } = await tx.execute<SearchHit>(sql`
    SELECT d.entity_type AS "entityType", d.entity_id AS "entityId", d.title, d.subtitle, d.url
    FROM search_document d, to_tsquery('simple', ${query}) q
    WHERE d.tsv @@ q AND (${sql.join(branches, sql` OR `)}) ${types}
    ORDER BY (d.title = ${title}) DESC, ts_rank(d.tsv, q) DESC, d.title, d.entity_id
    LIMIT ${limit}`);
  return rows.map(({ entityType, entityId, title, subtitle, url }) => ({
    entityType,
    entityId,
    title,
    subtitle,
    url,
  }));
}
