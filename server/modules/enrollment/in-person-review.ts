import { and, asc, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type {
  TEnrollmentConfig,
  TInPersonReview,
  TReviewBooking,
  TReviewBookingListQuery,
  TReviewSlip,
} from '../../../contracts/enrollment.ts';
import { type Actor, canAt, scopeFilter } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { account, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { containsPattern, mapInOrder, offsetOf, sortBy } from '../../core/lists.ts';
import { notify, registerTemplates } from '../../core/notifications/index.ts';
import {
  type ApplicationRow,
  documentHeading,
  isPending,
  loadApplication,
  loadApplicationBehind,
  loadApplicationToReview,
  yearConfigOf,
} from './policy.ts';
import { smsToParent } from './register-parent.ts';
import { selectSlots, toSlot } from './review-slots.ts';
import {
  enrollmentApplication,
  enrollmentReviewBooking,
  enrollmentReviewRequest,
  enrollmentReviewSlot,
} from './schema.ts';

/**
 * Which applications are reviewed in person at the 学区, and what a family or an officer sees of it.
 * An application needs it when its category says so (`inPersonReview` in the year's configuration)
 * or when the 学区 asked it during the review (with a reason); parents of other applications cannot
 * book. Families book, move and cancel until `reviewCutoffHours` (default 24) before the slot.
 */
registerTemplates([
  {
    id: 'enrollment.in_person_requested',
    zh: { title: '请预约现场审核', body: '{child} 的入学申请需到学区现场审核（{reason}），请登录预约时段。' },
    en: {
      title: 'Please book an in-person review',
      body: 'The application for {child} is to be reviewed in person at the school zone ({reason}): log in to book a time.',
    },
  },
]);

export const DEFAULT_CUTOFF_HOURS = 24;

export function cutoffHoursOf(config: TEnrollmentConfig): number {
  return config.reviewCutoffHours ?? DEFAULT_CUTOFF_HOURS;
}

/** True once a slot is within the cutoff: no more booking, moving or cancelling it. */
export function pastCutoff(startsAt: Date, cutoffHours: number, now = new Date()): boolean {
  return startsAt.getTime() - cutoffHours * 3_600_000 <= now.getTime();
}

/** Why an application is reviewed in person: its category, the 学区's request; empty when it is not. */
export async function inPersonReasons(
  tx: Executor,
  app: ApplicationRow,
  config: TEnrollmentConfig,
): Promise<string[]> {
  const reasons: string[] = [];
  const category = config.categories.find((c) => c.id === app.category);
  if (category?.inPersonReview) reasons.push(category.zh);
  const [request] = await tx
    .select({ reason: enrollmentReviewRequest.reason })
    .from(enrollmentReviewRequest)
    .where(eq(enrollmentReviewRequest.applicationId, app.id));
  if (request) reasons.push(request.reason);
  return reasons;
}

/** Bookings with their application and slot, ready to show (actions added by the caller). */
export function selectBookings(tx: Executor) {
  const b = enrollmentReviewBooking;
  const a = enrollmentApplication;
  const s = enrollmentReviewSlot;
  return tx
    .select({
      booking: b,
      lotteryId: a.lotteryId,
      childName: a.childName,
      childIdNumber: a.childIdMasked,
      category: a.category,
      accountId: a.accountId,
      yearId: s.yearId,
      zoneName: orgUnit.name,
      place: s.place,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })
    .from(b)
    .innerJoin(a, eq(a.id, b.applicationId))
    .innerJoin(s, eq(s.id, b.slotId))
    .innerJoin(orgUnit, eq(orgUnit.id, b.orgId));
}
type BookingJoin = Awaited<ReturnType<ReturnType<typeof selectBookings>['where']>>[number];

export async function toBooking(
  tx: Executor,
  actor: Actor,
  r: BookingJoin,
  cutoffHours: number,
): Promise<TReviewBooking> {
  const b = r.booking;
  const actions: TReviewBooking['actions'] = [];
  const owner = r.accountId !== null && r.accountId === actor.accountId;
  if (b.status === 'booked') {
    if (owner && !pastCutoff(r.startsAt, cutoffHours)) actions.push('cancel');
    if (r.startsAt <= new Date() && (await canAt(tx, actor, 'enrollment.review', b.orgId)))
      actions.push('mark');
  }
  return {
    id: b.id,
    bookingNo: b.bookingNo,
    applicationId: b.applicationId,
    lotteryId: r.lotteryId,
    childName: r.childName,
    childIdNumber: r.childIdNumber,
    category: r.category,
    slotId: b.slotId,
    zoneName: r.zoneName,
    place: r.place,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: b.status as TReviewBooking['status'],
    cancelReason: b.cancelReason as TReviewBooking['cancelReason'],
    createdAt: b.createdAt.toISOString(),
    markedAt: b.markedAt?.toISOString() ?? null,
    markedByName: b.markedByName,
    actions,
  };
}

/**
 * An application's in-person review as its family (or an officer in scope) sees it: the reasons,
 * the current booking and the earlier ones, and — while it is still to do — the open slots of its
 * 学区 that serve its stage and category and are not past the cutoff, soonest first.
 */
export async function inPersonReview({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TInPersonReview> {
  const view = await loadApplication(tx, actor, input.id);
  const app = view.row;
  const config = await yearConfigOf(tx, app.yearId);
  const cutoffHours = cutoffHoursOf(config);
  const reasons = await inPersonReasons(tx, app, config);
  const rows = await selectBookings(tx)
    .where(eq(enrollmentReviewBooking.applicationId, app.id))
    .orderBy(desc(enrollmentReviewBooking.createdAt), desc(enrollmentReviewBooking.id));
  const bookings = await mapInOrder(rows, (r) => toBooking(tx, actor, r, cutoffHours));
  const booking = bookings.find((b) => b.status === 'booked') ?? null;
  const attended = bookings.some((b) => b.status === 'attended');
  const required = reasons.length > 0 && isPending(app) && !attended;
  let slots: TInPersonReview['slots'] = [];
  if (required && view.owner) {
    const s = enrollmentReviewSlot;
    const open = await selectSlots(tx)
      .where(
        and(
          eq(s.yearId, app.yearId),
          eq(s.orgId, app.orgId),
          eq(s.status, 'open'),
          gt(s.startsAt, new Date(Date.now() + cutoffHours * 3_600_000)),
          sql`(cardinality(${s.stages}) = 0 OR ${app.stage} = ANY(${s.stages}))`,
          sql`(cardinality(${s.categories}) = 0 OR ${app.category} = ANY(${s.categories}))`,
        ),
      )
      .orderBy(asc(s.startsAt), asc(s.id))
      .limit(500);
    slots = await mapInOrder(open, async (r) => {
      const { actions: _a, cancelReason: _c, ...slot } = await toSlot(tx, actor, r);
      return slot;
    });
  }
  const actions: TInPersonReview['actions'] = [];
  if (view.owner && required) actions.push('book');
  if (booking?.actions.includes('cancel')) actions.push('cancel');
  return {
    applicationId: app.id,
    needed: reasons.length > 0,
    reasons,
    required,
    attended,
    cutoffHours,
    booking,
    history: bookings.filter((b) => b !== booking),
    slots,
    actions,
  };
}

/** The 学区 asks an application in review for an in-person review, with a reason; the family is told. */
export async function requestInPersonReview({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; reason: string };
}) {
  const app = await loadApplicationToReview(tx, actor, input.id);
  const inserted = await tx
    .insert(enrollmentReviewRequest)
    .values({
      applicationId: app.id,
      reason: input.reason,
      requestedBy: actor.accountId,
      requestedByName: actor.displayName,
    })
    .onConflictDoNothing()
    .returning({ id: enrollmentReviewRequest.applicationId });
  if (!inserted.length) throw new DomainError('enrollment.in_person_requested');
  if (app.accountId !== null) {
    const [parent] = await tx
      .select({ username: account.username })
      .from(account)
      .where(eq(account.id, app.accountId));
    await notify(tx, {
      accountIds: [app.accountId],
      template: 'enrollment.in_person_requested',
      params: { child: app.childName, reason: input.reason },
      link: '/apply',
      deliver: parent ? smsToParent(app.accountId, parent.username) : [],
    });
  }
  await recordAudit(tx, actor, {
    action: 'enrollment.request_in_person_review',
    entityType: 'enrollmentApplication',
    entityId: app.id,
    orgId: app.orgId,
    districtId: app.districtId,
    after: { reason: input.reason },
  });
  return inPersonReview({ actor, tx, input: { id: app.id } });
}

/** Bookings in the viewer's scope (the slots' 学区), filtered, sorted and paged in SQL. */
export async function listReviewBookings({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TReviewBookingListQuery;
}): Promise<{ items: TReviewBooking[]; total: number }> {
  const b = enrollmentReviewBooking;
  const a = enrollmentApplication;
  const s = enrollmentReviewSlot;
  const where: SQL[] = [await scopeFilter(tx, actor, 'enrollment.read', b.orgId)];
  if (input.yearId) where.push(eq(s.yearId, input.yearId));
  if (input.zoneId) where.push(eq(b.orgId, input.zoneId));
  if (input.slotId) where.push(eq(b.slotId, input.slotId));
  if (input.status) where.push(eq(b.status, input.status));
  if (input.q)
    where.push(
      sql`(${b.bookingNo} = ${input.q} OR ${a.lotteryId} = ${input.q} OR ${a.childName} ILIKE ${containsPattern(input.q)})`,
    );
  const condition = and(...where);
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(b)
    .innerJoin(a, eq(a.id, b.applicationId))
    .innerJoin(s, eq(s.id, b.slotId))
    .where(condition)) as [{ total: number }];
  const rows = await selectBookings(tx)
    .where(condition)
    .orderBy(
      ...sortBy(
        input.sort,
        { startsAt: s.startsAt, childName: a.childName, status: b.status, bookingNo: b.bookingNo },
        'startsAt',
        b.id,
      ),
    )
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const cutoffs = new Map<number, number>();
  const items = await mapInOrder(rows, async (r) => {
    if (!cutoffs.has(r.yearId)) cutoffs.set(r.yearId, cutoffHoursOf(await yearConfigOf(tx, r.yearId)));
    return toBooking(tx, actor, r, cutoffs.get(r.yearId)!);
  });
  return { items, total };
}

/** 预约单: the printable slip of a booking, for its family or staff of the 学区 (others: not found). */
export async function reviewSlip({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TReviewSlip> {
  const [r] = await selectBookings(tx).where(eq(enrollmentReviewBooking.id, input.id));
  if (!r) throw new DomainError('enrollment.booking_not_found');
  const app = (
    await loadApplicationBehind(tx, actor, r.booking.applicationId, 'enrollment.booking_not_found')
  ).row;
  const { districtName, year } = await documentHeading(tx, app);
  return {
    bookingNo: r.booking.bookingNo,
    districtName,
    zoneName: r.zoneName,
    year,
    childName: app.childName,
    childIdNumber: app.childIdMasked,
    lotteryId: app.lotteryId,
    stage: app.stage as TReviewSlip['stage'],
    route: app.route as TReviewSlip['route'],
    place: r.place,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    status: r.booking.status as TReviewSlip['status'],
    reasons: await inPersonReasons(tx, app, await yearConfigOf(tx, app.yearId)),
    bookedAt: r.booking.createdAt.toISOString(),
  };
}
