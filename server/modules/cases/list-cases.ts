import { and, eq, gte, inArray, isNull, like, lt, not, or, type SQL, sql } from 'drizzle-orm';
import type { TCaseList, TCaseListQuery } from '../../../contracts/cases.ts';
import { type Actor, intArray, subtreeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { containsPattern, mapInOrder, offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';
import { caseVisible } from './policy.ts';
import { selectCases, toCase } from './queries.ts';
import { caseRecord } from './schema.ts';
import { terminalStates } from './transitions.ts';

const sortable = {
  receivedAt: caseRecord.receivedAt,
  dueAt: caseRecord.dueAt,
  externalNo: caseRecord.externalNo,
  state: caseRecord.state,
  id: caseRecord.id,
};

/** `received_to` is a date: the whole day counts (Beijing time). */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/**
 * Cases in the actor's scope (accusations against the actor's own unit left out), filtered, sorted
 * and paged in SQL. Merged duplicates are hidden unless asked for by state. `q` matches the order
 * number (prefix) or the title.
 */
export async function listCases({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TCaseListQuery;
}): Promise<TCaseList> {
  const conditions: (SQL | undefined)[] = [await caseVisible(tx, actor, caseRecord)];
  if (input.kind) conditions.push(eq(caseRecord.kind, input.kind));
  if (input.state) conditions.push(eq(caseRecord.state, input.state));
  else conditions.push(isNull(caseRecord.mergedIntoId));
  if (input.open === 'true') conditions.push(not(inArray(caseRecord.state, [...terminalStates])));
  if (input.open === 'false') conditions.push(inArray(caseRecord.state, [...terminalStates]));
  if (input.orgId) {
    const units = await subtreeUnitIds(tx, [input.orgId]);
    conditions.push(sql`${caseRecord.orgId} = ANY(${intArray(units)})`);
  }
  if (input.subjectOrgId) conditions.push(eq(caseRecord.subjectOrgId, input.subjectOrgId));
  if (input.categoryCode) conditions.push(eq(caseRecord.categoryCode, input.categoryCode));
  if (input.channel) conditions.push(eq(caseRecord.channel, input.channel));
  if (input.receivedFrom) conditions.push(gte(caseRecord.receivedAt, dayStart(input.receivedFrom)));
  if (input.receivedTo)
    conditions.push(lt(caseRecord.receivedAt, new Date(dayStart(input.receivedTo).getTime() + 86_400_000)));
  // Written as ranges on due_at, so that (district_id, due_at) finds the few open cases concerned.
  if (input.atRisk === 'true')
    conditions.push(sql`${caseRecord.dueAt} > now() AND ${caseRecord.riskAt} <= now()`);
  if (input.overdue === 'true') conditions.push(sql`${caseRecord.dueAt} <= now()`);
  if (input.overdue === 'false')
    conditions.push(sql`(${caseRecord.dueAt} IS NULL OR ${caseRecord.dueAt} > now())`);
  if (input.q) {
    conditions.push(
      or(
        like(caseRecord.externalNo, prefixPattern(input.q)),
        like(caseRecord.title, containsPattern(input.q)),
      ),
    );
  }
  const where = and(...conditions);
  const rows = await selectCases(tx)
    .where(where)
    .orderBy(...sortBy(input.sort ?? '-receivedAt', sortable, 'receivedAt', caseRecord.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(caseRecord).where(where);
  return {
    items: await mapInOrder(rows, (row) => toCase(tx, actor, row)),
    total: Number(count!.n),
  };
}
