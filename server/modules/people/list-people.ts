import { and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import type { TPersonList, TPersonListQuery } from '../../../contracts/people.ts';
import { type Actor, intArray, scopeFilter, subtreeUnitIds } from '../../core/access/index.ts';
import { isValidIdNumber, normaliseIdNumber, normalisePhone } from '../../core/crypto/pii.ts';
import type { Executor } from '../../core/db/index.ts';
import { mapInOrder, offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';
import { services } from '../../core/services.ts';
import { selectPeople, toPerson } from './queries.ts';
import { person, personCount } from './schema.ts';

const sortable = {
  name: person.name,
  grade: person.grade,
  studentNumber: person.studentNumber,
  id: person.id,
};

/**
 * People in the actor's scope. `q` is an exact ID number or phone (matched through the keyed hash,
 * never by decrypting), an exact 学籍号, or the start of a name.
 */
export async function listPeople({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TPersonListQuery;
}): Promise<TPersonList> {
  const where = await personConditions(tx, actor, input);
  const total = await countPeople(tx, actor, input, where);
  const rows =
    total === 0
      ? []
      : await selectPeople(tx)
          .where(where)
          .orderBy(...sortBy(input.sort, sortable, 'name', person.id))
          .limit(input.pageSize)
          .offset(offsetOf(input));
  return { items: await mapInOrder(rows, (row) => toPerson(tx, actor, row)), total };
}

export async function personConditions(tx: Executor, actor: Actor, input: TPersonListQuery): Promise<SQL> {
  const conditions: SQL[] = [await scopeFilter(tx, actor, 'people.read', person.orgId)];
  if (input.kind) conditions.push(eq(person.kind, input.kind));
  if (input.grade !== undefined) conditions.push(eq(person.grade, input.grade));
  if (input.status) conditions.push(eq(person.status, input.status));
  if (input.orgId) {
    const ids = await subtreeUnitIds(tx, [input.orgId]);
    conditions.push(sql`${person.orgId} = ANY(${intArray(ids)})`);
  }
  if (input.q) conditions.push(textCondition(input.q));
  return and(...conditions)!;
}

function textCondition(q: string): SQL {
  const { cipher } = services();
  if (isValidIdNumber(q)) return eq(person.idNumberHash, cipher.lookupHash(normaliseIdNumber(q)));
  if (/^\+?[\d -]{11,16}$/.test(q)) return eq(person.phoneHash, cipher.lookupHash(normalisePhone(q)));
  return or(eq(person.studentNumber, q), like(person.name, prefixPattern(q)))!;
}

/**
 * The list total. Without free text it is summed from the per-unit rollup `person_count` (a few
 * thousand rows for a whole district) instead of counting the people themselves.
 */
async function countPeople(tx: Executor, actor: Actor, input: TPersonListQuery, where: SQL): Promise<number> {
  if (input.q) {
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(person).where(where);
    return n;
  }
  const conditions: SQL[] = [await scopeFilter(tx, actor, 'people.read', personCount.orgId)];
  if (input.kind) conditions.push(eq(personCount.kind, input.kind));
  if (input.grade !== undefined) conditions.push(eq(personCount.grade, input.grade));
  if (input.status) conditions.push(eq(personCount.status, input.status));
  if (input.orgId) {
    conditions.push(sql`${personCount.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`);
  }
  const [{ n }] = await tx
    .select({ n: sql<number>`coalesce(sum(${personCount.n}), 0)::int` })
    .from(personCount)
    .where(and(...conditions));
  return n;
}
