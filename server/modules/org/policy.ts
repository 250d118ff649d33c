import type { TOrgUnit } from '../../../contracts/org.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';

/** Who may do what to an org unit. The response's `actions` come from here, never from the UI. */
export async function orgUnitActions(
  tx: Executor,
  actor: Actor,
  unit: { id: number; kind: string },
): Promise<TOrgUnit['actions']> {
  const actions: TOrgUnit['actions'] = [];
  if (!(await canAt(tx, actor, 'org.manage', unit.id))) return actions;
  actions.push('edit');
  if (unit.kind !== 'district') actions.push('move');
  if (['district', 'zone', 'kindergarten'].includes(unit.kind)) actions.push('addChild');
  return actions;
}
