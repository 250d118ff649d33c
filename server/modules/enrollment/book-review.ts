import { randomInt } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../core/access/index.ts';
import { authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import {
  cutoffHoursOf,
  inPersonReasons,
  inPersonReview,
  pastCutoff,
  selectBookings,
  toBooking,
} from './in-person-review.ts';
import { isPending, loadApplication, loadApplicationBehind, yearConfigOf } from './policy.ts';
import { enrollmentReviewBooking, enrollmentReviewSlot, enrollmentYear } from './schema.ts';

/**
 * 预约现场审核: a family books one slot for one application, moves it (the earlier booking is
 * cancelled in the same transaction) or cancels it, until the cutoff before the slot; the 学区
 * records who came. Capacity holds under concurrency: every booking of a slot first locks the
 * slot's row, then counts the places taken — concurrent bookings of one slot queue on that lock.
 */

const NO_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** R2026-7KQ2M9XA: the year and 8 random characters (not guessable from another family's slip). */
function bookingNumber(year: number): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += NO_ALPHABET[randomInt(NO_ALPHABET.length)];
  return `R${year}-${out}`;
}

/** A booking, locked: cancelling it and marking attendance queue behind each other. */
async function lockBooking(tx: Tx, id: number) {
  const [booking] = await tx
    .select()
    .from(enrollmentReviewBooking)
    .where(eq(enrollmentReviewBooking.id, id))
    .for('update');
  if (!booking) throw new DomainError('enrollment.booking_not_found');
  return booking;
}

/** When a slot starts: the cutoff and the attendance count from it. */
async function slotStart(tx: Tx, slotId: number): Promise<Date> {
  const [slot] = await tx
    .select({ startsAt: enrollmentReviewSlot.startsAt })
    .from(enrollmentReviewSlot)
    .where(eq(enrollmentReviewSlot.id, slotId));
  return slot!.startsAt;
}

export async function bookReview({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; slotId: number };
}) {
  // Lock order everywhere: the application, then the slot.
  const view = await loadApplication(tx, actor, input.id, { forUpdate: true });
  if (!view.owner) throw new DomainError('enrollment.application_not_found');
  const app = view.row;
  const config = await yearConfigOf(tx, app.yearId);
  const cutoffHours = cutoffHoursOf(config);
  if (!(await inPersonReasons(tx, app, config)).length)
    throw new DomainError('enrollment.in_person_not_required');
  if (!isPending(app)) throw new DomainError('enrollment.wrong_status');
  const bookings = await tx
    .select()
    .from(enrollmentReviewBooking)
    .where(
      and(eq(enrollmentReviewBooking.applicationId, app.id), ne(enrollmentReviewBooking.status, 'cancelled')),
    );
  if (bookings.some((b) => b.status === 'attended')) throw new DomainError('enrollment.in_person_done');
  const current = bookings.find((b) => b.status === 'booked');
  if (current?.slotId === input.slotId) return inPersonReview({ actor, tx, input: { id: app.id } });

  const [slot] = await tx
    .select()
    .from(enrollmentReviewSlot)
    .where(eq(enrollmentReviewSlot.id, input.slotId))
    .for('update');
  if (!slot || slot.districtId !== app.districtId)
    throw new DomainError('enrollment.slot_not_found', { field: 'slotId' });
  if (
    slot.yearId !== app.yearId ||
    slot.orgId !== app.orgId ||
    (slot.stages.length > 0 && !slot.stages.includes(app.stage)) ||
    (slot.categories.length > 0 && !slot.categories.includes(app.category))
  )
    throw new DomainError('enrollment.slot_not_for_application', { field: 'slotId' });
  if (slot.status !== 'open') throw new DomainError('enrollment.slot_cancelled', { field: 'slotId' });
  if (pastCutoff(slot.startsAt, cutoffHours))
    throw new DomainError('enrollment.booking_cutoff', { field: 'slotId', cutoffHours });
  if (current && pastCutoff(await slotStart(tx, current.slotId), cutoffHours))
    throw new DomainError('enrollment.booking_cutoff', { cutoffHours });
  const [taken] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(enrollmentReviewBooking)
    .where(and(eq(enrollmentReviewBooking.slotId, slot.id), ne(enrollmentReviewBooking.status, 'cancelled')));
  if (taken!.n >= slot.capacity) throw new DomainError('enrollment.slot_full', { field: 'slotId' });

  if (current)
    await tx
      .update(enrollmentReviewBooking)
      .set({ status: 'cancelled', cancelReason: 'rebooked', cancelledAt: new Date() })
      .where(eq(enrollmentReviewBooking.id, current.id));
  const [year] = await tx
    .select({ year: enrollmentYear.year })
    .from(enrollmentYear)
    .where(eq(enrollmentYear.id, app.yearId));
  const [created] = await tx
    .insert(enrollmentReviewBooking)
    .values({
      districtId: app.districtId,
      orgId: slot.orgId,
      slotId: slot.id,
      applicationId: app.id,
      accountId: actor.accountId,
      bookingNo: bookingNumber(year!.year),
    })
    .returning();
  await recordAudit(tx, actor, {
    action: current ? 'enrollment.rebook_review' : 'enrollment.book_review',
    entityType: 'enrollmentReviewBooking',
    entityId: created!.id,
    orgId: slot.orgId,
    districtId: app.districtId,
    before: current ? { bookingId: current.id, slotId: current.slotId } : null,
    after: { applicationId: app.id, slotId: slot.id, bookingNo: created!.bookingNo },
  });
  return inPersonReview({ actor, tx, input: { id: app.id } });
}

/** The family cancels its booking, until the cutoff; the place is free again. */
export async function cancelReviewBooking({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number };
}) {
  const booking = await lockBooking(tx, input.id);
  const view = await loadApplicationBehind(tx, actor, booking.applicationId, 'enrollment.booking_not_found', {
    owner: true,
  });
  if (booking.status !== 'booked') throw new DomainError('enrollment.booking_closed');
  const startsAt = await slotStart(tx, booking.slotId);
  const cutoffHours = cutoffHoursOf(await yearConfigOf(tx, view.row.yearId));
  if (pastCutoff(startsAt, cutoffHours)) throw new DomainError('enrollment.booking_cutoff', { cutoffHours });
  await tx
    .update(enrollmentReviewBooking)
    .set({ status: 'cancelled', cancelReason: 'family', cancelledAt: new Date() })
    .where(eq(enrollmentReviewBooking.id, booking.id));
  await recordAudit(tx, actor, {
    action: 'enrollment.cancel_review_booking',
    entityType: 'enrollmentReviewBooking',
    entityId: booking.id,
    orgId: booking.orgId,
    districtId: booking.districtId,
    before: { status: booking.status },
    after: { status: 'cancelled', bookingNo: booking.bookingNo },
  });
  return inPersonReview({ actor, tx, input: { id: booking.applicationId } });
}

/** The 学区 records whether the family came (once the slot has started). A no-show may book again. */
export async function markReviewAttendance({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; attended: boolean };
}) {
  const booking = await lockBooking(tx, input.id);
  await authorize(tx, actor, 'enrollment.review', booking.orgId, 'enrollment.booking_not_found');
  if (booking.status !== 'booked') throw new DomainError('enrollment.booking_closed');
  if ((await slotStart(tx, booking.slotId)) > new Date())
    throw new DomainError('enrollment.slot_not_started');
  const status = input.attended ? 'attended' : 'noShow';
  await tx
    .update(enrollmentReviewBooking)
    .set({ status, markedAt: new Date(), markedByName: actor.displayName })
    .where(eq(enrollmentReviewBooking.id, booking.id));
  await recordAudit(tx, actor, {
    action: 'enrollment.mark_review_attendance',
    entityType: 'enrollmentReviewBooking',
    entityId: booking.id,
    orgId: booking.orgId,
    districtId: booking.districtId,
    before: { status: booking.status },
    after: { status, bookingNo: booking.bookingNo },
  });
  const [row] = await selectBookings(tx).where(eq(enrollmentReviewBooking.id, booking.id));
  return toBooking(tx, actor, row!, cutoffHoursOf(await yearConfigOf(tx, row!.yearId)));
}
