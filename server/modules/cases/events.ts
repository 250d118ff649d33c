import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { caseEvent } from './schema.ts';

/**
 * Write one transition to the case's history and to the audit trail, in the caller's transaction.
 * Every change of a case goes through here.
 */
export async function recordCaseEvent(
  tx: Tx,
  actor: Actor,
  input: {
    caseId: number;
    districtId: number;
    orgId: number;
    action: string;
    fromState: string | null;
    toState: string;
    reason?: string | null;
    payload?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  const at = input.at ?? new Date();
  await tx.insert(caseEvent).values({
    caseId: input.caseId,
    districtId: input.districtId,
    orgId: input.orgId,
    action: input.action,
    fromState: input.fromState,
    toState: input.toState,
    actorId: actor.accountId,
    actorName: actor.displayName || actor.username,
    reason: input.reason ?? null,
    payload: input.payload ?? {},
    at,
  });
  await recordAudit(tx, actor, {
    action: `cases.${input.action}`,
    entityType: 'case',
    entityId: input.caseId,
    orgId: input.orgId,
    districtId: input.districtId,
    before: input.fromState === null ? null : { state: input.fromState },
    after: { state: input.toState, reason: input.reason ?? undefined, ...(input.payload ?? {}) },
  });
}
