import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { TCaseDetail } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { mapInOrder } from '../../core/lists.ts';
import { explainClock } from './clocks.ts';
import { availableNotices } from './notices.ts';
import { canSeeCase } from './policy.ts';
import { selectCases, toCase } from './queries.ts';
import { caseClock, caseEvent, caseRecord } from './schema.ts';

/** One case with its history, clocks (with the engine's explanation), links and merged duplicates. */
export async function getCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TCaseDetail> {
  const [full] = await tx.select().from(caseRecord).where(eq(caseRecord.id, input.id));
  if (!full || !(await canSeeCase(tx, actor, full))) throw new DomainError('cases.case_not_found');
  const [row] = await selectCases(tx).where(eq(caseRecord.id, input.id));
  const events = await tx
    .select()
    .from(caseEvent)
    .where(eq(caseEvent.caseId, input.id))
    .orderBy(asc(caseEvent.id));
  const clocks = await tx
    .select()
    .from(caseClock)
    .where(eq(caseClock.caseId, input.id))
    .orderBy(asc(caseClock.id));
  const linked =
    full.linkGroupId === null
      ? []
      : await tx
          .select({
            id: caseRecord.id,
            kind: caseRecord.kind,
            externalNo: caseRecord.externalNo,
            state: caseRecord.state,
          })
          .from(caseRecord)
          .where(and(eq(caseRecord.linkGroupId, full.linkGroupId), ne(caseRecord.id, full.id)));
  const mergedFrom = await tx
    .select({ id: caseRecord.id, externalNo: caseRecord.externalNo })
    .from(caseRecord)
    .where(and(isNotNull(caseRecord.mergedIntoId), eq(caseRecord.mergedIntoId, full.id)));
  return {
    ...(await toCase(tx, actor, row!)),
    content: full.content,
    complainantIdNumber: full.complainantIdMasked,
    accusedOrgId: full.accusedOrgId,
    detail: full.detail as Record<string, unknown>,
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
      actorName: e.actorName,
      orgId: e.orgId,
      reason: e.reason,
      payload: e.payload as Record<string, unknown>,
      at: e.at.toISOString(),
    })),
    clocks: await mapInOrder(clocks, async (k) => ({
      id: k.id,
      kind: k.kind as TCaseDetail['clocks'][number]['kind'],
      rule: k.rule as Record<string, number>,
      startedAt: k.startedAt.toISOString(),
      dueAt: k.dueAt.toISOString(),
      status: k.status as TCaseDetail['clocks'][number]['status'],
      stoppedAt: k.stoppedAt?.toISOString() ?? null,
      pausedSince: k.pausedSince?.toISOString() ?? null,
      pauses: k.pauses as { from: string; to: string; reason: string }[],
      extensions: k.extensions as Record<string, string | number>[],
      explanation: (await explainClock(tx, actor, k)) as TCaseDetail['clocks'][number]['explanation'],
    })),
    linked: linked.map((l) => ({ ...l, kind: l.kind as 'hotline' | 'petition' })),
    mergedFrom,
    notices: availableNotices(full),
  };
}
