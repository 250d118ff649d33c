import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TBulkDispatchRequest } from '../../../contracts/cases.ts';
import { type Actor, intArray } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { calendarFor, computeWith, refreshCaseDues } from './clocks.ts';
import { notifyAssigned } from './notify.ts';
import { accusedBlockIds, canSeeCase, currentDay, primeCaseScopes } from './policy.ts';
import { caseCatalogue, caseClock, caseEvent, caseRecord } from './schema.ts';
import { findTransition } from './transitions.ts';

/**
 * 批量派单: the commission signs for (where it has not yet) and dispatches a set of orders to one
 * unit, set-based — the same rules as one by one (the transition table, scope, the accused unit,
 * the catalogue's sign-for limit for the new unit), one event per transition in the case history,
 * one audit entry for the set, one notice to the unit. Any refusal refuses the whole set.
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
  const ids = [...new Set(input.ids)];
  const now = new Date();
  const rows = await tx
    .select()
    .from(caseRecord)
    .where(inArray(caseRecord.id, ids))
    .orderBy(caseRecord.id)
    .for('update');
  await primeCaseScopes(tx, actor);
  const dispatchScope = actor.scopeCache!.get(`cases.dispatch@${currentDay()}`)!;
  const handleScope = actor.scopeCache!.get(`cases.handle@${currentDay()}`)!;
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId, kind: orgUnit.kind })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  const handles = ['district', 'department', 'zone', 'school', 'kindergarten', 'communitySite'];
  if (!unit || !handles.includes(unit.kind)) throw new DomainError('cases.unit_invalid', { field: 'orgId' });
  const insideTarget = await accusedBlockIds(tx, {
    ...actor,
    orgId: input.orgId,
    grants: [],
    scopeCache: undefined,
  });
  const plan: { c: (typeof rows)[number]; signFor: boolean }[] = [];
  for (const id of ids) {
    const c = rows.find((r) => r.id === id);
    if (!c || !(await canSeeCase(tx, actor, c))) throw new DomainError('cases.case_not_found', { id });
    if (c.districtId !== unit.districtId) throw new DomainError('cases.unit_invalid', { field: 'orgId' });
    const signFor = c.state === 'dispatched' && c.orgId === c.districtId && c.mergedIntoId === null;
    const state = signFor ? 'signed_for' : c.state;
    if (
      (signFor && !findTransition('hotline', 'dispatched', 'sign_for')) ||
      c.kind !== 'hotline' ||
      c.mergedIntoId !== null
    )
      throw new DomainError('cases.illegal_transition', { id, state: c.state, action: 'dispatch' });
    if (!findTransition('hotline', state as 'signed_for', 'dispatch'))
      throw new DomainError('cases.illegal_transition', { id, state: c.state, action: 'dispatch' });
    if ((signFor && !handleScope.has(c.orgId)) || !dispatchScope.has(c.orgId))
      throw new DomainError('auth.forbidden');
    if (c.accusation && c.accusedOrgId !== null && insideTarget.has(c.accusedOrgId))
      throw new DomainError('cases.dispatch_to_accused', { field: 'orgId', id });
    plan.push({ c, signFor });
  }
  if (!plan.length) return { dispatched: [] };
  const catalogueIds = [
    ...new Set(plan.map((p) => p.c.catalogueId).filter((id): id is number => id !== null)),
  ];
  const catalogue = catalogueIds.length
    ? await tx.select().from(caseCatalogue).where(inArray(caseCatalogue.id, catalogueIds))
    : [];
  const signForHours = (id: number | null) => Number(catalogue.find((e) => e.id === id)?.signForHours ?? 2);
  const calendar = await calendarFor(tx);
  const caseIds = plan.map((p) => p.c.id);
  // The running sign-for clocks are answered now (met or missed), first-contact ones no longer apply.
  await tx
    .update(caseClock)
    .set({
      status: sql`CASE WHEN ${caseClock.kind} = 'first_contact' THEN 'cancelled'
        WHEN ${caseClock.dueAt} >= ${now.toISOString()}::timestamptz THEN 'met' ELSE 'missed' END`,
      stoppedAt: now,
    })
    .where(
      and(
        sql`${caseClock.caseId} = ANY(${intArray(caseIds)}::bigint[])`,
        inArray(caseClock.kind, ['sign_for', 'first_contact']),
        inArray(caseClock.status, ['running', 'paused']),
      ),
    );
  await tx.insert(caseClock).values(
    plan.map(({ c }) => {
      const rule = { hours: signForHours(c.catalogueId) };
      const due = computeWith(calendar, now, rule);
      return {
        caseId: c.id,
        districtId: c.districtId,
        kind: 'sign_for',
        rule,
        startedAt: now,
        dueAt: new Date(due.due),
        explanation: due.explain,
      };
    }),
  );
  const entry = JSON.stringify({ orgId: input.orgId, at: now.toISOString() });
  await tx.execute(sql`
    UPDATE case_record SET state = 'dispatched', org_id = ${input.orgId}, dispatched_at = ${now.toISOString()},
      signed_for_at = NULL, updated_at = ${now.toISOString()},
      detail = detail || jsonb_build_object(
        'dispatches', coalesce(detail->'dispatches', '[]'::jsonb) || jsonb_build_array(${entry}::jsonb),
        'firstUnitId', coalesce(detail->'firstUnitId', to_jsonb(${input.orgId}::int)))
    WHERE id = ANY(${intArray(caseIds)}::bigint[])`);
  await refreshCaseDues(tx, caseIds);
  const actorName = actor.displayName || actor.username;
  await tx.insert(caseEvent).values(
    plan.flatMap(({ c, signFor }) => [
      ...(signFor
        ? [
            {
              caseId: c.id,
              districtId: c.districtId,
              orgId: c.orgId,
              action: 'sign_for',
              fromState: 'dispatched',
              toState: 'signed_for',
              actorId: actor.accountId,
              actorName,
              payload: { bulk: true },
              at: now,
            },
          ]
        : []),
      {
        caseId: c.id,
        districtId: c.districtId,
        orgId: input.orgId,
        action: 'dispatch',
        fromState: signFor ? 'signed_for' : c.state,
        toState: 'dispatched',
        actorId: actor.accountId,
        actorName,
        payload: { orgId: input.orgId, note: input.note ?? null, bulk: true },
        at: now,
      },
    ]),
  );
  await recordAudit(tx, actor, {
    action: 'cases.dispatch_bulk',
    entityType: 'case',
    orgId: input.orgId,
    districtId: unit.districtId,
    after: {
      orgId: input.orgId,
      cases: plan.map(({ c, signFor }) => ({ id: c.id, from: c.state, signedFor: signFor })),
    },
  });
  const [first] = plan;
  await notifyAssigned(tx, {
    orgId: input.orgId,
    caseId: first!.c.id,
    caseNo: plan.length === 1 ? first!.c.externalNo : `${first!.c.externalNo} 等${plan.length}件`,
    subject: plan.length === 1 ? first!.c.title : `${plan.length}件12345工单`,
    from: actorName,
    deadline: null,
  });
  return { dispatched: caseIds };
}
