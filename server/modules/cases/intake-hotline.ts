import { and, eq, inArray } from 'drizzle-orm';
import type {
  TCase,
  TCatalogueEntry,
  THotlineBatch,
  THotlineBatchResult,
  THotlineIntake,
} from '../../../contracts/cases.ts';
import type { ClockRule } from '../../../engines/clock/index.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { catalogueEntry } from './catalogue.ts';
import { calendarFor, computeWith, riskShare } from './clocks.ts';
import { caseById } from './queries.ts';
import { caseClock, caseEvent, caseRecord } from './schema.ts';
import { caseWords, sealComplainant } from './seal.ts';

type Order = THotlineBatch['orders'][number];

/**
 * 12345 intake. The centre dispatches a work order to the commission: it starts as `dispatched`
 * at the district (the commission signs for it, then handles it or dispatches it down), with its
 * sign-for and reply clocks from the catalogue. Idempotent by the centre's order number: an order
 * already received is reported as existing, never duplicated.
 */
export async function intakeHotlineBatch({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: THotlineBatch;
}): Promise<THotlineBatchResult> {
  const districtId = actor.districtId;
  if (districtId === null) throw new DomainError('auth.forbidden');
  await authorize(tx, actor, 'cases.dispatch', districtId, 'cases.case_not_found');
  return insertHotlineOrders(tx, actor, districtId, input.orders);
}

/** One order through the API: the case as created (or as it already was). */
export async function intakeHotlineCase({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: Order;
}): Promise<TCase> {
  const result = await intakeHotlineBatch({ actor, tx, input: { orders: [input] } });
  const id = result.created[0]?.id ?? result.existing[0]!.id;
  return caseById(tx, actor, id);
}

/** Check that the units an intake names belong to the district (accused, subject). */
export async function assertDistrictUnits(
  tx: Tx,
  districtId: number,
  ids: (number | null | undefined)[],
  field: string,
) {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (!wanted.length) return;
  const found = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(and(eq(orgUnit.districtId, districtId), inArray(orgUnit.id, wanted)));
  if (found.length !== wanted.length) throw new DomainError('cases.unit_invalid', { field });
}

/**
 * Insert the orders the district does not have yet, set-based (one statement per table for the
 * whole batch); the caller has authorised the actor. Each new order gets its sign-for and reply
 * clocks, an intake event, and the batch one audit entry listing them.
 */
export async function insertHotlineOrders(
  tx: Tx,
  actor: Actor,
  districtId: number,
  orders: (Order | THotlineIntake)[],
): Promise<THotlineBatchResult> {
  const numbers = orders.map((o) => o.externalNo);
  const existingRows = await tx
    .select({ id: caseRecord.id, externalNo: caseRecord.externalNo })
    .from(caseRecord)
    .where(
      and(
        eq(caseRecord.districtId, districtId),
        eq(caseRecord.kind, 'hotline'),
        inArray(caseRecord.externalNo, numbers),
      ),
    );
  const existing = new Map(existingRows.map((r) => [r.externalNo, r.id]));
  await assertDistrictUnits(
    tx,
    districtId,
    orders.map((o) => o.accusedOrgId),
    'accusedOrgId',
  );
  await assertDistrictUnits(
    tx,
    districtId,
    orders.map((o) => o.subjectOrgId),
    'subjectOrgId',
  );
  const catalogue = new Map<string, TCatalogueEntry>();
  const calendar = await calendarFor(tx);
  const fresh: { order: Order | THotlineIntake; entry: TCatalogueEntry; receivedAt: Date }[] = [];
  const seen = new Set<string>();
  for (const [i, order] of orders.entries()) {
    if (existing.has(order.externalNo) || seen.has(order.externalNo)) continue;
    seen.add(order.externalNo);
    if (order.accusedOrgId && !order.accusation)
      throw new DomainError('request.invalid', {
        field: orders.length > 1 ? `orders.${i}.accusedOrgId` : 'accusedOrgId',
      });
    let entry = catalogue.get(order.categoryCode);
    if (!entry) {
      const field = orders.length > 1 ? `orders.${i}.categoryCode` : 'categoryCode';
      entry = await catalogueEntry(tx, districtId, order.categoryCode, field);
      catalogue.set(order.categoryCode, entry);
    }
    fresh.push({ order, entry, receivedAt: order.receivedAt ? new Date(order.receivedAt) : new Date() });
  }
  const result: THotlineBatchResult = {
    created: [],
    existing: orders
      .filter((o) => existing.has(o.externalNo))
      .map((o) => ({ externalNo: o.externalNo, id: existing.get(o.externalNo)! })),
  };
  if (!fresh.length) return result;
  const clocks = fresh.map(({ entry, receivedAt }) => ({
    signFor: computeWith(calendar, receivedAt, { hours: entry.signForHours }),
    reply: computeWith(calendar, receivedAt, entry.replyRule as ClockRule),
  }));
  const inserted = await tx
    .insert(caseRecord)
    .values(
      fresh.map(({ order, entry, receivedAt }, i) => {
        const signDue = new Date(clocks[i]!.signFor.due);
        return {
          districtId,
          orgId: districtId,
          kind: 'hotline',
          externalNo: order.externalNo,
          channel: order.channel ?? 'phone',
          catalogueId: entry.id,
          categoryCode: entry.code,
          title: order.title,
          content: order.content,
          words: caseWords(order.title, order.content),
          subjectOrgId: order.subjectOrgId ?? null,
          ...sealComplainant(order),
          accusation: order.accusation ?? false,
          accusedOrgId: order.accusedOrgId ?? null,
          state: 'dispatched',
          receivedAt,
          dispatchedAt: receivedAt,
          dueKind: 'sign_for',
          dueAt: signDue,
          riskAt: new Date(receivedAt.getTime() + riskShare * (signDue.getTime() - receivedAt.getTime())),
          signForDueAt: signDue,
          replyDueAt: new Date(clocks[i]!.reply.due),
        };
      }),
    )
    .returning({ id: caseRecord.id, externalNo: caseRecord.externalNo });
  const idOf = new Map(inserted.map((r) => [r.externalNo, r.id]));
  const ids = fresh.map(({ order }) => idOf.get(order.externalNo)!);
  await tx.insert(caseClock).values(
    fresh.flatMap(({ entry, receivedAt }, i) => [
      {
        caseId: ids[i]!,
        districtId,
        kind: 'sign_for',
        rule: { hours: entry.signForHours },
        startedAt: receivedAt,
        dueAt: new Date(clocks[i]!.signFor.due),
        explanation: clocks[i]!.signFor.explain,
      },
      {
        caseId: ids[i]!,
        districtId,
        kind: 'reply',
        rule: entry.replyRule,
        startedAt: receivedAt,
        dueAt: new Date(clocks[i]!.reply.due),
        explanation: clocks[i]!.reply.explain,
      },
    ]),
  );
  await tx.insert(caseEvent).values(
    fresh.map(({ order, entry }, i) => ({
      caseId: ids[i]!,
      districtId,
      orgId: districtId,
      action: 'intake',
      fromState: null,
      toState: 'dispatched',
      actorId: actor.accountId,
      actorName: actor.displayName || actor.username,
      payload: { externalNo: order.externalNo, categoryCode: entry.code, catalogueVersion: entry.version },
    })),
  );
  result.created = fresh.map(({ order }, i) => ({ externalNo: order.externalNo, id: ids[i]! }));
  await recordAudit(tx, actor, {
    action: 'cases.intake',
    entityType: 'case',
    entityId: ids.length === 1 ? ids[0] : null,
    orgId: districtId,
    districtId,
    after: { created: result.created, existing: result.existing.length },
  });
  return result;
}
