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
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { catalogueEntry } from './catalogue.ts';
import { refreshCaseDue, startClock } from './clocks.ts';
import { recordCaseEvent } from './events.ts';
import { caseById } from './queries.ts';
import { caseRecord } from './schema.ts';
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

/** Insert orders the district does not have yet; the caller has authorised the actor. */
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
  const result: THotlineBatchResult = { created: [], existing: [] };
  for (const [i, order] of orders.entries()) {
    const known = existing.get(order.externalNo);
    if (known !== undefined) {
      result.existing.push({ externalNo: order.externalNo, id: known });
      continue;
    }
    const field = orders.length > 1 ? `orders.${i}.categoryCode` : 'categoryCode';
    let entry = catalogue.get(order.categoryCode);
    if (!entry) {
      entry = await catalogueEntry(tx, districtId, order.categoryCode, field);
      catalogue.set(order.categoryCode, entry);
    }
    const id = await insertHotlineCase(tx, actor, districtId, order, entry);
    existing.set(order.externalNo, id);
    result.created.push({ externalNo: order.externalNo, id });
  }
  return result;
}

async function insertHotlineCase(
  tx: Tx,
  actor: Actor,
  districtId: number,
  order: Order | THotlineIntake,
  entry: TCatalogueEntry,
): Promise<number> {
  if (order.accusedOrgId && !order.accusation)
    throw new DomainError('request.invalid', { field: 'accusedOrgId' });
  const receivedAt = order.receivedAt ? new Date(order.receivedAt) : new Date();
  const [created] = await tx
    .insert(caseRecord)
    .values({
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
    })
    .returning({ id: caseRecord.id });
  const c = { id: created!.id, districtId };
  await startClock(tx, actor, c, 'sign_for', { hours: entry.signForHours }, receivedAt);
  await startClock(tx, actor, c, 'reply', entry.replyRule as ClockRule, receivedAt);
  await refreshCaseDue(tx, c.id);
  await recordCaseEvent(tx, actor, {
    caseId: c.id,
    districtId,
    orgId: districtId,
    action: 'intake',
    fromState: null,
    toState: 'dispatched',
    payload: { externalNo: order.externalNo, categoryCode: entry.code, catalogueVersion: entry.version },
  });
  return c.id;
}
