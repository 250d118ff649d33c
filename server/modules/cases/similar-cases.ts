import { sql } from 'drizzle-orm';
import type { TSimilarCases } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { canSeeCase, caseVisible } from './policy.ts';
import { caseRecord } from './schema.ts';
import { terminalStates } from './transitions.ts';

/** Below this share of common words a case is not suggested. */
const MIN_SIMILARITY = 0.2;

/**
 * Open cases that look like the same matter: about the same school (or, without one, handled by the
 * same unit), sharing jieba words (GIN on `words`), ranked by the Jaccard share of common words.
 * Orders and petitions both come up: the first are merge candidates, the second link candidates.
 */
export async function similarCases({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TSimilarCases> {
  const [c] = await tx.select().from(caseRecord).where(sql`${caseRecord.id} = ${input.id}`);
  if (!c || !(await canSeeCase(tx, actor, c))) throw new DomainError('cases.case_not_found');
  if (c.words.length === 0) return { items: [] };
  const visible = await caseVisible(tx, actor, caseRecord);
  const words = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(c.words)}::jsonb))`;
  const place =
    c.subjectOrgId !== null
      ? sql`${caseRecord.subjectOrgId} = ${c.subjectOrgId}`
      : sql`${caseRecord.orgId} = ${c.orgId}`;
  const { rows } = await tx.execute<{
    id: number;
    kind: 'hotline' | 'petition';
    external_no: string;
    title: string;
    state: string;
    received_at: Date;
    similarity: number;
  }>(sql`
    WITH q AS (SELECT ${words} AS w)
    SELECT case_record.id, kind, external_no, title, state, received_at,
      round((s.common / (cardinality(case_record.words) + cardinality(q.w) - s.common))::numeric, 3)::float AS similarity
    FROM case_record CROSS JOIN q
    CROSS JOIN LATERAL (SELECT count(*)::float AS common FROM unnest(case_record.words) x WHERE x = ANY(q.w)) s
    WHERE case_record.words && q.w AND case_record.id <> ${c.id} AND merged_into_id IS NULL
      AND state <> ALL(${sql.raw(`'{${terminalStates.join(',')}}'::text[]`)})
      AND ${place} AND ${visible}
    ORDER BY similarity DESC, case_record.id
    LIMIT 10`);
  return {
    items: rows
      .filter((r) => Number(r.similarity) >= MIN_SIMILARITY)
      .map((r) => ({
        id: Number(r.id),
        kind: r.kind,
        externalNo: r.external_no,
        title: r.title,
        state: r.state,
        receivedAt: new Date(r.received_at).toISOString(),
        similarity: Number(r.similarity),
      })),
  };
}
