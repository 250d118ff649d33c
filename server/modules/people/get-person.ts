import { eq } from 'drizzle-orm';
import type { TPersonDetail } from '../../../contracts/people.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { selectPeople, toPerson } from './queries.ts';
import { guardianship, person } from './schema.ts';

/** One person with their guardians (for a student) or children (for a guardian), masked. */
export async function getPerson({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TPersonDetail> {
  const [row] = await selectPeople(tx).where(eq(person.id, input.id));
  if (!row || !(await canAt(tx, actor, 'people.read', row.orgId)))
    throw new DomainError('people.person_not_found');
  const guardians = await tx
    .select({ id: person.id, name: person.name, relation: guardianship.relation, phone: person.phoneMasked })
    .from(guardianship)
    .innerJoin(person, eq(person.id, guardianship.guardianId))
    .where(eq(guardianship.studentId, input.id));
  const children = await tx
    .select({ id: person.id, name: person.name, relation: guardianship.relation, orgName: orgUnit.name })
    .from(guardianship)
    .innerJoin(person, eq(person.id, guardianship.studentId))
    .innerJoin(orgUnit, eq(orgUnit.id, person.orgId))
    .where(eq(guardianship.guardianId, input.id));
  return { ...(await toPerson(tx, actor, row)), guardians, children };
}
