import { and, eq, inArray, ne } from 'drizzle-orm';
import type { TCase } from '../../../contracts/cases.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { recordCaseEvent } from './events.ts';
import { caseById, loadCaseForUpdate } from './queries.ts';
import { caseRecord } from './schema.ts';

/**
 * Link two cases on the same matter (a 12345 order and a petition, or two orders): they share a
 * link group, are shown together, and the rankings count the group once. Unlinking is the reverse.
 */
export async function linkCases({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; otherId: number };
}): Promise<TCase> {
  if (input.id === input.otherId) throw new DomainError('cases.link_invalid', { field: 'otherId' });
  const a = await loadCaseForUpdate(tx, actor, input.id);
  const b = await loadCaseForUpdate(tx, actor, input.otherId);
  await authorize(tx, actor, 'cases.dispatch', a.orgId, 'cases.case_not_found');
  await authorize(tx, actor, 'cases.dispatch', b.orgId, 'cases.case_not_found');
  const group = a.linkGroupId ?? b.linkGroupId ?? Math.min(a.id, b.id);
  const groups = [a.linkGroupId, b.linkGroupId].filter((g): g is number => g !== null && g !== group);
  if (groups.length)
    await tx.update(caseRecord).set({ linkGroupId: group }).where(inArray(caseRecord.linkGroupId, groups));
  await tx
    .update(caseRecord)
    .set({ linkGroupId: group })
    .where(inArray(caseRecord.id, [a.id, b.id]));
  for (const c of [a, b]) {
    await recordCaseEvent(tx, actor, {
      caseId: c.id,
      districtId: c.districtId,
      orgId: c.orgId,
      action: 'link',
      fromState: c.state,
      toState: c.state,
      payload: { group, with: c.id === a.id ? b.id : a.id },
    });
  }
  return caseById(tx, actor, a.id);
}

export async function unlinkCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number };
}): Promise<TCase> {
  const c = await loadCaseForUpdate(tx, actor, input.id);
  await authorize(tx, actor, 'cases.dispatch', c.orgId, 'cases.case_not_found');
  if (c.linkGroupId === null) throw new DomainError('cases.link_invalid');
  await tx.update(caseRecord).set({ linkGroupId: null }).where(eq(caseRecord.id, c.id));
  // A group of one is no group.
  const rest = await tx
    .select({ id: caseRecord.id })
    .from(caseRecord)
    .where(and(eq(caseRecord.linkGroupId, c.linkGroupId), ne(caseRecord.id, c.id)));
  if (rest.length === 1)
    await tx.update(caseRecord).set({ linkGroupId: null }).where(eq(caseRecord.id, rest[0]!.id));
  await recordCaseEvent(tx, actor, {
    caseId: c.id,
    districtId: c.districtId,
    orgId: c.orgId,
    action: 'unlink',
    fromState: c.state,
    toState: c.state,
    payload: { group: c.linkGroupId },
  });
  return caseById(tx, actor, c.id);
}
