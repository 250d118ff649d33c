import { eq } from 'drizzle-orm';
import type { TCase, TCaseState } from '../../../contracts/cases.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { pauseClocks, refreshCaseDue, unpauseClocks } from './clocks.ts';
import { recordCaseEvent } from './events.ts';
import { caseById, loadCaseForUpdate } from './queries.ts';
import { caseRecord } from './schema.ts';
import { terminalStates } from './transitions.ts';

const allClocks = [
  'sign_for',
  'first_contact',
  'reply',
  'petition_accept',
  'transfer_objection',
  'petition_handle',
  'review_request',
  'review_decide',
  'rereview_request',
  'rereview_decide',
] as const;

/**
 * Merge a duplicate into the case that carries the matter: the duplicate becomes `merged`, its
 * clocks pause, and it drops out of lists and rankings. Reversible (`unmergeCase` restores its
 * state and resumes its clocks); both directions are events in the history and the audit trail.
 */
export async function mergeCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; intoId: number; reason: string };
}): Promise<TCase> {
  if (input.id === input.intoId) throw new DomainError('cases.merge_invalid', { field: 'intoId' });
  const dup = await loadCaseForUpdate(tx, actor, input.id);
  const into = await loadCaseForUpdate(tx, actor, input.intoId);
  await authorize(tx, actor, 'cases.dispatch', dup.orgId, 'cases.case_not_found');
  await authorize(tx, actor, 'cases.dispatch', into.orgId, 'cases.case_not_found');
  const open = (s: string) => !terminalStates.includes(s as TCaseState);
  if (
    dup.kind !== into.kind ||
    dup.mergedIntoId !== null ||
    into.mergedIntoId !== null ||
    !open(dup.state) ||
    !open(into.state)
  )
    throw new DomainError('cases.merge_invalid', { field: 'intoId' });
  const now = new Date();
  await pauseClocks(tx, dup.id, allClocks, now, `合并至 ${into.externalNo}`);
  await tx
    .update(caseRecord)
    .set({ mergedIntoId: into.id, stateBeforeMerge: dup.state, state: 'merged', updatedAt: now })
    .where(eq(caseRecord.id, dup.id));
  await refreshCaseDue(tx, dup.id);
  await recordCaseEvent(tx, actor, {
    caseId: dup.id,
    districtId: dup.districtId,
    orgId: dup.orgId,
    action: 'merge',
    fromState: dup.state,
    toState: 'merged',
    reason: input.reason,
    payload: { intoId: into.id, intoNo: into.externalNo },
    at: now,
  });
  return caseById(tx, actor, dup.id);
}

export async function unmergeCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; reason: string };
}): Promise<TCase> {
  const dup = await loadCaseForUpdate(tx, actor, input.id);
  await authorize(tx, actor, 'cases.dispatch', dup.orgId, 'cases.case_not_found');
  if (dup.mergedIntoId === null) throw new DomainError('cases.not_merged');
  const now = new Date();
  const restored = dup.stateBeforeMerge ?? 'dispatched';
  await unpauseClocks(tx, actor, dup.id, now);
  await tx
    .update(caseRecord)
    .set({ mergedIntoId: null, stateBeforeMerge: null, state: restored, updatedAt: now })
    .where(eq(caseRecord.id, dup.id));
  await refreshCaseDue(tx, dup.id);
  await recordCaseEvent(tx, actor, {
    caseId: dup.id,
    districtId: dup.districtId,
    orgId: dup.orgId,
    action: 'unmerge',
    fromState: 'merged',
    toState: restored,
    reason: input.reason,
    payload: { wasMergedInto: dup.mergedIntoId },
    at: now,
  });
  return caseById(tx, actor, dup.id);
}
