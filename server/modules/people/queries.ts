import { eq } from 'drizzle-orm';
import type { TPerson } from '../../../contracts/people.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { person } from './schema.ts';

/** The list shape of a person: masked values only; sealed columns are never selected here. */
export const personColumns = {
  id: person.id,
  orgId: person.orgId,
  orgName: orgUnit.name,
  kind: person.kind,
  name: person.name,
  gender: person.gender,
  birthDate: person.birthDate,
  idNumber: person.idNumberMasked,
  phone: person.phoneMasked,
  address: person.addressMasked,
  studentNumber: person.studentNumber,
  grade: person.grade,
  className: person.className,
  entryDate: person.entryDate,
  position: person.position,
  subject: person.subject,
  status: person.status,
};

export function selectPeople(tx: Executor) {
  return tx.select(personColumns).from(person).innerJoin(orgUnit, eq(orgUnit.id, person.orgId));
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPeople>['execute']>>[number];

/** What the actor may do with this person: reveal sealed fields, edit. */
export async function personActions(tx: Executor, actor: Actor, orgId: number): Promise<TPerson['actions']> {
  const actions: TPerson['actions'] = [];
  if (await canAt(tx, actor, 'people.reveal', orgId)) actions.push('reveal');
  if (await canAt(tx, actor, 'people.manage', orgId)) actions.push('edit');
  return actions;
}

export async function toPerson(tx: Executor, actor: Actor, row: PersonRow): Promise<TPerson> {
  return {
    ...row,
    kind: row.kind as TPerson['kind'],
    gender: row.gender as TPerson['gender'],
    status: row.status as TPerson['status'],
    actions: await personActions(tx, actor, row.orgId),
  };
}
