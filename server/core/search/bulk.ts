import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, Executor } from '../db/index.ts';
import { documentWords, indexDocument } from './index.ts';

/**
 * The search documents of people and org units: built one at a time by the modules' operations
 * (`indexPerson`, `indexOrgUnit`) and in bulk after the demo or an import (`indexAllPeople`,
 * `indexAllUnits`). Both paths build the same text, and neither ever includes an ID number, a
 * phone or an address.
 */

const personKinds: Record<string, string> = { student: '学生', staff: '教职工', guardian: '监护人' };
const unitKinds: Record<string, string> = {
  district: '区教委',
  department: '科室',
  zone: '学区',
  school: '学校',
  kindergarten: '幼儿园',
  communitySite: '社区办园点',
  trainingInstitution: '校外培训机构',
  supplier: '供应商',
};

type PersonRow = {
  id: number;
  districtId: number;
  orgId: number;
  kind: string;
  name: string;
  studentNumber: string | null;
  unitName: string;
};

type UnitRow = {
  id: number;
  districtId: number;
  kind: string;
  name: string;
  code: string;
  shortName: string | null;
};

function personDocument(p: PersonRow) {
  return {
    entityType: 'person',
    entityId: p.id,
    districtId: p.districtId,
    orgId: p.orgId,
    permission: 'people.read' as const,
    title: p.name,
    subtitle: `${p.unitName} · ${personKinds[p.kind] ?? p.kind}`,
    url: `/people?id=${p.id}`,
    text: [p.name, p.studentNumber, p.unitName].filter(Boolean).join(' '),
    names: [p.name],
  };
}

function unitDocument(u: UnitRow) {
  return {
    entityType: 'orgUnit',
    entityId: u.id,
    districtId: u.districtId,
    orgId: u.id,
    permission: 'org.read' as const,
    title: u.name,
    subtitle: `${unitKinds[u.kind] ?? u.kind} · ${u.code}`,
    url: `/org?id=${u.id}`,
    text: [u.name, u.code, u.shortName].filter(Boolean).join(' '),
  };
}

const personSelect = sql`
  SELECT p.id, p.district_id AS "districtId", p.org_id AS "orgId", p.kind, p.name,
         p.student_number AS "studentNumber", u.name AS "unitName"
  FROM person p JOIN org_unit u ON u.id = p.org_id`;
const unitSelect = sql`
  SELECT id, district_id AS "districtId", kind, name, code, short_name AS "shortName" FROM org_unit`;

/** (Re)index one person, in the transaction that created or changed them. */
export async function indexPerson(tx: Executor, personId: number): Promise<void> {
  const { rows } = await tx.execute<PersonRow>(sql`${personSelect} WHERE p.id = ${personId}`);
  if (rows[0]) await indexDocument(tx, personDocument(rows[0]));
}

/** (Re)index one org unit, in the transaction that created or changed it. */
export async function indexOrgUnit(tx: Executor, unitId: number): Promise<void> {
  const { rows } = await tx.execute<UnitRow>(sql`${unitSelect} WHERE id = ${unitId}`);
  if (rows[0]) await indexDocument(tx, unitDocument(rows[0]));
}

export type BulkProgress = (done: number, total: number) => void;

const BATCH = 20_000;

/**
 * Rebuild the documents of every person of a district: people are read by id ranges of 20k,
 * segmented in Node and copied into a temporary table, then upserted with `to_tsvector`; each
 * batch commits on its own, so memory stays flat and a long run shows progress. Documents of
 * people who no longer exist are removed at the end.
 */
export async function indexAllPeople(db: Db, districtId: number, onProgress?: BulkProgress): Promise<number> {
  const total = await count(
    db,
    sql`SELECT count(*)::bigint AS n FROM person WHERE district_id = ${districtId}`,
  );
  return load(db, total, onProgress, async (after) => {
    const { rows } = await db.execute<PersonRow>(
      sql`${personSelect} WHERE p.district_id = ${districtId} AND p.id > ${after} ORDER BY p.id LIMIT ${BATCH}`,
    );
    return rows.map(personDocument);
  }).then(async (n) => {
    await db.execute(sql`
      DELETE FROM search_document d WHERE d.entity_type = 'person' AND d.district_id = ${districtId}
        AND NOT EXISTS (SELECT 1 FROM person p WHERE p.id = d.entity_id::bigint)`);
    return n;
  });
}

/** Rebuild the documents of every org unit of a district (a few thousand: one or two batches). */
export async function indexAllUnits(db: Db, districtId: number, onProgress?: BulkProgress): Promise<number> {
  const total = await count(
    db,
    sql`SELECT count(*)::bigint AS n FROM org_unit WHERE district_id = ${districtId}`,
  );
  return load(db, total, onProgress, async (after) => {
    const { rows } = await db.execute<UnitRow>(
      sql`${unitSelect} WHERE district_id = ${districtId} AND id > ${after} ORDER BY id LIMIT ${BATCH}`,
    );
    return rows.map(unitDocument);
  });
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(query);
  return Number(rows[0]?.n ?? 0);
}

type Doc = ReturnType<typeof personDocument> | ReturnType<typeof unitDocument>;

async function load(
  db: Db,
  total: number,
  onProgress: BulkProgress | undefined,
  next: (afterId: number) => Promise<Doc[]>,
): Promise<number> {
  const client = await db.$client.connect();
  let done = 0;
  // Write one batch (COPY into the temporary table, upsert with to_tsvector) in its own transaction.
  const write = async (text: string) => {
    await client.query('BEGIN');
    const stream = client.query(copyFrom('COPY search_load FROM STDIN'));
    stream.end(text);
    await once(stream, 'finish');
    await client.query(`
      INSERT INTO search_document AS s
        (entity_type, entity_id, district_id, org_id, permission, title, subtitle, url, tsv, updated_at)
      SELECT entity_type, entity_id, district_id, org_id, permission, title, subtitle, url,
             setweight(to_tsvector('simple', title_words), 'A') || to_tsvector('simple', words), now()
      FROM search_load
      ON CONFLICT (entity_type, entity_id) DO UPDATE SET
        district_id = EXCLUDED.district_id, org_id = EXCLUDED.org_id, permission = EXCLUDED.permission,
        title = EXCLUDED.title, subtitle = EXCLUDED.subtitle, url = EXCLUDED.url, tsv = EXCLUDED.tsv,
        updated_at = EXCLUDED.updated_at`);
    await client.query('COMMIT');
  };
  try {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS search_load (
      entity_type text, entity_id text, district_id int, org_id int, permission text,
      title text, subtitle text, url text, title_words text, words text) ON COMMIT DELETE ROWS`);
    // A larger GIN pending list: new entries are merged into the index in fewer, bigger steps.
    await client.query(`SET gin_pending_list_limit = '32MB'`);
    onProgress?.(0, total);
    // Pipelined: Node reads and segments the next batch while PostgreSQL writes the previous one.
    let writing: Promise<void> | undefined;
    for (let after = 0; ; ) {
      const docs = await next(after);
      if (docs.length === 0) break;
      let text = '';
      for (const d of docs) {
        const { titleWords, textWords } = documentWords({ ...d, names: 'names' in d ? d.names : [] });
        text += copyLine([
          d.entityType,
          String(d.entityId),
          d.districtId,
          d.orgId,
          d.permission,
          d.title,
          d.subtitle,
          d.url,
          titleWords,
          textWords,
        ]);
      }
      await writing;
      writing = write(text);
      writing.catch(() => {}); // awaited on the next turn or below; never an unhandled rejection
      done += docs.length;
      after = Number(docs[docs.length - 1]!.entityId);
      if (docs.length < BATCH) break;
      onProgress?.(done - docs.length, total);
    }
    await writing;
    onProgress?.(done, total);
    await client.query('RESET gin_pending_list_limit');
    // Merge what is still pending now: every search scans the pending list sequentially (400 ms at
    // 32 MB), and a manual ANALYZE does not clean it up (only vacuum and autovacuum do).
    await client.query(`SELECT gin_clean_pending_list('search_document_tsv_idx'::regclass)`);
    await client.query('DROP TABLE IF EXISTS search_load');
    await client.query('ANALYZE search_document');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One line of COPY text format: tab-separated, \N for NULL, backslash escapes. */
function copyLine(fields: (string | number | null)[]): string {
  return `${fields
    .map((v) =>
      v === null ? '\\N' : typeof v === 'number' ? String(v) : v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!),
    )
    .join('\t')}\n`;
}

/**
 * Index many people in the caller's transaction (an import's commit: searchable at once, and a
 * failed commit leaves nothing): 1000 documents per statement.
 */
export async function indexPeople(tx: Executor, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rows } = await tx.execute<PersonRow>(
    sql`${personSelect} WHERE p.id = ANY(${sql.raw(`'{${ids.map(Number).join(',')}}'::bigint[]`)}) ORDER BY p.id`,
  );
  for (let i = 0; i < rows.length; i += 1000) {
    const docs = rows.slice(i, i + 1000).map((p) => {
      const d = personDocument(p);
      const { titleWords, textWords } = documentWords(d);
      return { ...d, entityId: String(d.entityId), titleWords, textWords };
    });
    await tx.execute(sql`
      INSERT INTO search_document AS s
        (entity_type, entity_id, district_id, org_id, permission, title, subtitle, url, tsv, updated_at)
      SELECT "entityType", "entityId", "districtId", "orgId", permission, title, subtitle, url,
             setweight(to_tsvector('simple', "titleWords"), 'A') || to_tsvector('simple', "textWords"), now()
      FROM jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) AS t("entityType" text, "entityId" text,
        "districtId" int, "orgId" int, permission text, title text, subtitle text, url text, "titleWords" text, "textWords" text)
      ON CONFLICT (entity_type, entity_id) DO UPDATE SET
        org_id = EXCLUDED.org_id, title = EXCLUDED.title, subtitle = EXCLUDED.subtitle, tsv = EXCLUDED.tsv, updated_at = now()`);
  }
  return rows.length;
}

/** Drop the documents of an import batch's people (before the rollback deletes them). */
export async function removePeopleOfBatch(tx: Executor, batchId: number): Promise<void> {
  await tx.execute(sql`
    DELETE FROM search_document d USING person p
    WHERE d.entity_type = 'person' AND d.entity_id = p.id::text AND p.import_batch_id = ${batchId}`);
}

/** Re-index the people of one unit (their documents carry the unit's name), after a rename. */
export async function reindexPeopleOfUnit(tx: Executor, unitId: number): Promise<number> {
  const { rows } = await tx.execute<{ id: number }>(sql`SELECT id FROM person WHERE org_id = ${unitId}`);
  return indexPeople(
    tx,
    rows.map((r) => Number(r.id)),
  );
}
