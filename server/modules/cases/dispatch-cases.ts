import type { TBulkDispatchRequest } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { loadCaseForUpdate } from './queries.ts';
import { transitionCase } from './transition-case.ts';

/**
 * 批量派单: the commission signs for (where it has not yet) and dispatches a set of orders to one
 * unit in one transaction — each order through the same transitions, checks and audit as one by
 * one; any refusal refuses the whole set.
 */
export async function dispatchCases({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TBulkDispatchRequest;
}): Promise<{ dispatched: number[] }> {
  const dispatched: number[] = [];
  for (const id of [...new Set(input.ids)]) {
    const c = await loadCaseForUpdate(tx, actor, id);
    if (c.state === 'dispatched' && c.orgId === c.districtId)
      await transitionCase({ actor, tx, input: { id, request: { action: 'sign_for' } } });
    await transitionCase({
      actor,
      tx,
      input: { id, request: { action: 'dispatch', orgId: input.orgId, note: input.note } },
    });
    dispatched.push(id);
  }
  return { dispatched };
}
