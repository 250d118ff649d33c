import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TCreateReviewSlotsRequest,
  TEnrollmentConfig,
  TReviewSlot,
  TReviewSlotListQuery,
} from '../../../contracts/enrollment.ts';
import {
  CalendarNotCoveredError,
  classifyDay,
  InvalidClockInputError,
  parseInstant,
} from '../../../engines/clock/index.ts';
import { type Actor, authorize, canAt, scopeFilter } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import { loadCalendar } from '../../core/calendar/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { account, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { containsPattern, mapInOrder, offsetOf, sortBy } from '../../core/lists.ts';
import { notify, registerTemplates } from '../../core/notifications/index.ts';
import { loadYear } from './policy.ts';
import { smsToParent } from './register-parent.ts';
import { enrollmentApplication, enrollmentReviewBooking, enrollmentReviewSlot } from './schema.ts';

/**
 * 现场审核时段: the 学区 (enrollment.review at the zone: its zone manager, or a district officer)
 * opens slots for a year — one a day or a series (every 30 minutes from 9:00 to 16:30 …), never on
 * a day the working-day calendar says is not worked — edits their capacity (never below the places
 * booked) and cancels them (the bookings are cancelled and the families notified).
 */
registerTemplates([
  {
    id: 'enrollment.review_slot_cancelled',
    zh: {
      title: '现场审核时段已取消',
      body: '{child} 的现场审核预约（{time}，{place}）因“{reason}”已取消，请重新预约。',
    },
    en: {
      title: 'In-person review cancelled',
      body: 'The in-person review booked for {child} ({time}, {place}) was cancelled ({reason}): please book again.',
    },
  },
]);

export type SlotRow = typeof enrollmentReviewSlot.$inferSelect;
const zone = alias(orgUnit, 'slot_zone');
const MAX_SLOTS = 2000;

/** Places a slot holds: every booking not cancelled (booked, attended, no-show). */
export const placesTaken = (slotId: SQL | SQLColumn) =>
  sql<number>`(SELECT count(*)::int FROM ${enrollmentReviewBooking} b WHERE b.slot_id = ${slotId} AND b.status <> 'cancelled')`;
type SQLColumn = typeof enrollmentReviewSlot.id;

/** The slot times of a request: per date, one slot from–to, or a series of `everyMinutes` slots. */
export function slotTimes(
  dates: string[],
  from: string,
  to: string,
  everyMinutes?: number,
): { date: string; startsAt: Date; endsAt: Date }[] {
  const out: { date: string; startsAt: Date; endsAt: Date }[] = [];
  for (const date of [...new Set(dates)].sort()) {
    let start: number;
    let end: number;
    try {
      start = parseInstant(`${date}T${from}`); // no offset: read as Beijing time
      end = parseInstant(`${date}T${to}`);
    } catch (error) {
      if (error instanceof InvalidClockInputError)
        throw new DomainError('request.invalid', { field: 'dates' });
      throw error;
    }
    if (end <= start) throw new DomainError('enrollment.slot_time_invalid', { field: 'to' });
    const step = (everyMinutes ?? (end - start) / 60_000) * 60_000;
    for (let t = start; t + step <= end; t += step)
      out.push({ date, startsAt: new Date(t), endsAt: new Date(t + step) });
  }
  if (!out.length) throw new DomainError('enrollment.slot_time_invalid', { field: 'everyMinutes' });
  return out;
}

/** Slots with their 学区's name and places taken, for lists and answers. */
export function selectSlots(tx: Executor) {
  return tx
    .select({ slot: enrollmentReviewSlot, zoneName: zone.name, booked: placesTaken(enrollmentReviewSlot.id) })
    .from(enrollmentReviewSlot)
    .innerJoin(zone, eq(zone.id, enrollmentReviewSlot.orgId));
}

export async function toSlot(
  tx: Executor,
  actor: Actor,
  r: { slot: SlotRow; zoneName: string; booked: number },
): Promise<TReviewSlot> {
  const s = r.slot;
  const manage = await canAt(tx, actor, 'enrollment.review', s.orgId);
  const actions: TReviewSlot['actions'] = [];
  if (manage && s.status === 'open') actions.push('edit', 'cancel');
  if (manage && s.startsAt <= new Date()) actions.push('mark');
  return {
    id: s.id,
    yearId: s.yearId,
    zoneId: s.orgId,
    zoneName: r.zoneName,
    place: s.place,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity,
    booked: r.booked,
    remaining: s.status === 'open' ? Math.max(0, s.capacity - r.booked) : 0,
    stages: s.stages as TReviewSlot['stages'],
    categories: s.categories,
    status: s.status as TReviewSlot['status'],
    cancelReason: s.cancelReason,
    actions,
  };
}

/** A slot the actor may see (enrollment.read at its 学区); `manage` locks it and needs enrollment.review. */
export async function loadSlot(
  tx: Executor,
  actor: Actor,
  id: number,
  options: { manage?: boolean } = {},
): Promise<SlotRow> {
  const query = tx.select().from(enrollmentReviewSlot).where(eq(enrollmentReviewSlot.id, id));
  const [row] = options.manage ? await query.for('update') : await query;
  if (!row || !(await canAt(tx, actor, 'enrollment.read', row.orgId)))
    throw new DomainError('enrollment.slot_not_found');
  if (options.manage) await authorize(tx, actor, 'enrollment.review', row.orgId, 'enrollment.slot_not_found');
  return row;
}

async function answer(tx: Executor, actor: Actor, id: number): Promise<TReviewSlot> {
  const [r] = await selectSlots(tx).where(eq(enrollmentReviewSlot.id, id));
  return toSlot(tx, actor, r!);
}

/** Which dates are worked, by the stored working-day calendar (a year without data is refused). */
async function workingDays(tx: Executor, dates: string[]) {
  const calendar = await loadCalendar(tx);
  try {
    return dates.map((date) => classifyDay(calendar, date));
  } catch (error) {
    if (error instanceof CalendarNotCoveredError)
      throw new DomainError('calendar.not_covered', { year: error.year, field: 'dates' });
    if (error instanceof InvalidClockInputError) throw new DomainError('request.invalid', { field: 'dates' });
    throw error;
  }
}

/** Open slots for a 学区: a non-working date is refused, or skipped with `skipNonWorkingDays`. */
export async function createReviewSlots({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateReviewSlotsRequest;
}) {
  const year = await loadYear(tx, actor, input.yearId);
  const [unit] = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(
      and(eq(orgUnit.id, input.zoneId), eq(orgUnit.kind, 'zone'), eq(orgUnit.districtId, year.districtId)),
    );
  if (!unit) throw new DomainError('enrollment.zone_invalid', { field: 'zoneId' });
  await authorize(tx, actor, 'enrollment.review', input.zoneId, 'enrollment.zone_invalid');
  const categories = (year.config as TEnrollmentConfig).categories.map((c) => c.id);
  for (const [i, c] of input.categories.entries())
    if (!categories.includes(c))
      throw new DomainError('enrollment.category_unknown', { field: `categories.${i}` });
  const days = await workingDays(tx, [...new Set(input.dates)]);
  const closed = days.filter((d) => !d.working);
  if (closed.length && !input.skipNonWorkingDays)
    throw new DomainError('enrollment.slot_not_working_day', {
      field: `dates.${input.dates.indexOf(closed[0]!.date)}`,
      date: closed[0]!.date,
    });
  const worked = days.filter((d) => d.working).map((d) => d.date);
  const times = worked.length ? slotTimes(worked, input.from, input.to, input.everyMinutes) : [];
  if (times.length > MAX_SLOTS) throw new DomainError('enrollment.too_many_slots', { field: 'dates' });
  if (times.some((t) => t.startsAt <= new Date()))
    throw new DomainError('enrollment.slot_in_past', { field: 'dates' });
  if (times.length) {
    const existing = await tx
      .select({ startsAt: enrollmentReviewSlot.startsAt, endsAt: enrollmentReviewSlot.endsAt })
      .from(enrollmentReviewSlot)
      .where(
        and(
          eq(enrollmentReviewSlot.orgId, input.zoneId),
          eq(enrollmentReviewSlot.place, input.place),
          eq(enrollmentReviewSlot.status, 'open'),
          lt(enrollmentReviewSlot.startsAt, times.at(-1)!.endsAt),
          sql`${enrollmentReviewSlot.endsAt} > ${times[0]!.startsAt.toISOString()}`,
        ),
      );
    if (times.some((t) => existing.some((e) => e.startsAt < t.endsAt && e.endsAt > t.startsAt)))
      throw new DomainError('enrollment.slot_overlaps', { field: 'from' });
  }
  const inserted = times.length
    ? await tx
        .insert(enrollmentReviewSlot)
        .values(
          times.map((t) => ({
            districtId: year.districtId,
            orgId: input.zoneId,
            yearId: year.id,
            place: input.place,
            startsAt: t.startsAt,
            endsAt: t.endsAt,
            capacity: input.capacity,
            stages: input.stages,
            categories: input.categories,
            createdBy: actor.accountId,
          })),
        )
        .returning({ id: enrollmentReviewSlot.id })
    : [];
  const skipped = closed.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }));
  await recordAudit(tx, actor, {
    action: 'enrollment.create_review_slots',
    entityType: 'enrollmentYear',
    entityId: year.id,
    orgId: input.zoneId,
    districtId: year.districtId,
    after: {
      place: input.place,
      dates: worked,
      from: input.from,
      to: input.to,
      everyMinutes: input.everyMinutes ?? null,
      capacity: input.capacity,
      slots: inserted.length,
      skipped: skipped.map((d) => d.date),
    },
  });
  const ids = inserted.map((r) => r.id);
  const rows = ids.length
    ? await selectSlots(tx)
        .where(inArray(enrollmentReviewSlot.id, ids))
        .orderBy(asc(enrollmentReviewSlot.startsAt))
    : [];
  const created = [];
  for (const r of rows) created.push(await toSlot(tx, actor, r));
  return { created, skipped };
}

/** Change a slot's capacity: never below the places already booked. */
export async function updateReviewSlot({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; capacity: number };
}) {
  const slot = await loadSlot(tx, actor, input.id, { manage: true });
  if (slot.status !== 'open') throw new DomainError('enrollment.slot_cancelled');
  const [taken] = await tx.select({ n: placesTaken(sql`${slot.id}`) }).from(sql`(SELECT 1) one`);
  if (input.capacity < taken!.n)
    throw new DomainError('enrollment.capacity_below_booked', { field: 'capacity', booked: taken!.n });
  await tx
    .update(enrollmentReviewSlot)
    .set({ capacity: input.capacity, updatedAt: new Date() })
    .where(eq(enrollmentReviewSlot.id, slot.id));
  await recordAudit(tx, actor, {
    action: 'enrollment.update_review_slot',
    entityType: 'enrollmentReviewSlot',
    entityId: slot.id,
    orgId: slot.orgId,
    districtId: slot.districtId,
    before: { capacity: slot.capacity },
    after: { capacity: input.capacity, booked: taken!.n },
  });
  return answer(tx, actor, slot.id);
}

/** Cancel a slot: its open bookings are cancelled and each family is told (in-app, and by SMS to the parent's phone). */
export async function cancelReviewSlot({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; reason: string };
}) {
  const slot = await loadSlot(tx, actor, input.id, { manage: true });
  if (slot.status !== 'open') throw new DomainError('enrollment.slot_cancelled');
  await tx
    .update(enrollmentReviewSlot)
    .set({ status: 'cancelled', cancelReason: input.reason, updatedAt: new Date() })
    .where(eq(enrollmentReviewSlot.id, slot.id));
  const cancelled = await tx
    .update(enrollmentReviewBooking)
    .set({ status: 'cancelled', cancelReason: 'slot', cancelledAt: new Date() })
    .where(and(eq(enrollmentReviewBooking.slotId, slot.id), eq(enrollmentReviewBooking.status, 'booked')))
    .returning({
      id: enrollmentReviewBooking.id,
      applicationId: enrollmentReviewBooking.applicationId,
      accountId: enrollmentReviewBooking.accountId,
    });
  const families = cancelled.length
    ? await tx
        .select({
          applicationId: enrollmentApplication.id,
          childName: enrollmentApplication.childName,
          accountId: account.id,
          username: account.username,
        })
        .from(enrollmentApplication)
        .innerJoin(account, eq(account.id, enrollmentApplication.accountId))
        .where(
          inArray(
            enrollmentApplication.id,
            cancelled.map((b) => b.applicationId),
          ),
        )
    : [];
  for (const f of families)
    await notify(tx, {
      accountIds: [f.accountId],
      template: 'enrollment.review_slot_cancelled',
      params: {
        child: f.childName,
        time: beijingMinute(slot.startsAt),
        place: slot.place,
        reason: input.reason,
      },
      link: '/apply',
      deliver: smsToParent(f.accountId, f.username),
    });
  await recordAudit(tx, actor, {
    action: 'enrollment.cancel_review_slot',
    entityType: 'enrollmentReviewSlot',
    entityId: slot.id,
    orgId: slot.orgId,
    districtId: slot.districtId,
    before: { status: slot.status },
    after: {
      status: 'cancelled',
      reason: input.reason,
      bookingsCancelled: cancelled.map((b) => b.id),
      familiesNotified: families.length,
    },
  });
  return answer(tx, actor, slot.id);
}

/** Slots in the viewer's scope (the 学区 it reads), filtered, sorted and paged in SQL. */
export async function listReviewSlots({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TReviewSlotListQuery;
}): Promise<{ items: TReviewSlot[]; total: number }> {
  const s = enrollmentReviewSlot;
  const where: SQL[] = [await scopeFilter(tx, actor, 'enrollment.read', s.orgId)];
  if (input.yearId) where.push(eq(s.yearId, input.yearId));
  if (input.zoneId) where.push(eq(s.orgId, input.zoneId));
  if (input.status) where.push(eq(s.status, input.status));
  if (input.date) {
    const start = parseInstant(input.date);
    where.push(gte(s.startsAt, new Date(start)), lt(s.startsAt, new Date(start + 86_400_000)));
  }
  if (input.q) where.push(sql`${s.place} ILIKE ${containsPattern(input.q)}`);
  const condition = and(...where);
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(s).where(condition)) as [
    { total: number },
  ];
  const rows = await selectSlots(tx)
    .where(condition)
    .orderBy(
      ...sortBy(
        input.sort,
        { startsAt: s.startsAt, zone: zone.name, place: s.place, capacity: s.capacity },
        'startsAt',
        s.id,
      ),
    )
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await mapInOrder(rows, (r) => toSlot(tx, actor, r)), total };
}
