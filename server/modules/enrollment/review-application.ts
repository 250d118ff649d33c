import { and, eq } from 'drizzle-orm';
import type { TAgency, TDecisionRequest, TReviewInput } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { getApplication } from './get-application.ts';
import { inPersonReasons } from './in-person-review.ts';
import { type ApplicationRow, loadApplicationToReview, yearConfigOf } from './policy.ts';
import { enrollmentApplication, enrollmentReview, enrollmentReviewBooking } from './schema.ts';

/** The agencies whose pass an application needs: social security only for non-Beijing families. */
export function requiredAgencies(row: Pick<ApplicationRow, 'hukouType'>): TAgency[] {
  return row.hukouType === 'nonBeijing'
    ? ['education', 'police', 'housing', 'socialSecurity']
    : ['education', 'police', 'housing'];
}

/** 联审: one agency's pass or fail on its part of the current round; a fail needs a reason. */
export async function reviewApplication({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TReviewInput & { id: number };
}) {
  const row = await loadApplicationToReview(tx, actor, input.id);
  if (!input.passed && !input.reason)
    throw new DomainError('enrollment.reason_required', { field: 'reason' });
  await tx
    .insert(enrollmentReview)
    .values({
      applicationId: row.id,
      agency: input.agency,
      round: row.resubmissions,
      passed: input.passed,
      reason: input.reason || null,
      reviewerId: actor.accountId,
      reviewerName: actor.displayName,
    })
    .onConflictDoUpdate({
      target: [enrollmentReview.applicationId, enrollmentReview.agency, enrollmentReview.round],
      set: {
        passed: input.passed,
        reason: input.reason || null,
        reviewerId: actor.accountId,
        reviewerName: actor.displayName,
        createdAt: new Date(),
      },
    });
  await recordAudit(tx, actor, {
    action: 'enrollment.review',
    entityType: 'enrollmentApplication',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: {
      agency: input.agency,
      round: row.resubmissions,
      passed: input.passed,
      reason: input.reason ?? null,
    },
  });
  return getApplication({ actor, tx, input: { id: row.id } });
}

/**
 * 现场审核: an application reviewed in person (its category says so, or the 学区 asked) is approved
 * only once a booking of it is marked attended; booked, no-show or none yet is refused.
 */
async function assertReviewedInPerson(tx: Tx, row: ApplicationRow) {
  const reasons = await inPersonReasons(tx, row, await yearConfigOf(tx, row.yearId));
  if (!reasons.length) return;
  const [attended] = await tx
    .select({ id: enrollmentReviewBooking.id })
    .from(enrollmentReviewBooking)
    .where(
      and(eq(enrollmentReviewBooking.applicationId, row.id), eq(enrollmentReviewBooking.status, 'attended')),
    )
    .limit(1);
  if (!attended) throw new DomainError('enrollment.in_person_pending');
}

/**
 * The 学区 decides. Approval needs every required agency's pass in the current round, on a
 * flagged address a recorded exception, and — when the application is reviewed in person — its
 * attendance recorded; a rejection (always possible) needs a reason, which the family sees with
 * the agencies' reasons and may answer by correcting and resubmitting once.
 */
export async function decideApplication({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TDecisionRequest & { id: number };
}) {
  const row = await loadApplicationToReview(tx, actor, input.id);
  if (input.approve) {
    const reviews = await tx
      .select()
      .from(enrollmentReview)
      .where(and(eq(enrollmentReview.applicationId, row.id), eq(enrollmentReview.round, row.resubmissions)));
    const passed = new Set(reviews.filter((r) => r.passed).map((r) => r.agency));
    if (requiredAgencies(row).some((a) => !passed.has(a)) || reviews.some((r) => !r.passed))
      throw new DomainError('enrollment.reviews_incomplete');
    if (row.addressFlag && !row.addressException) throw new DomainError('enrollment.address_locked');
    await assertReviewedInPerson(tx, row);
  } else if (!input.reason) throw new DomainError('enrollment.reason_required', { field: 'reason' });
  const status = input.approve ? 'approved' : 'rejected';
  await tx
    .update(enrollmentApplication)
    .set({
      status,
      decisionReason: input.reason || null,
      decidedBy: actor.accountId,
      decidedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(enrollmentApplication.id, row.id));
  await recordAudit(tx, actor, {
    action: input.approve ? 'enrollment.approve' : 'enrollment.reject',
    entityType: 'enrollmentApplication',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { status: row.status },
    after: { status, reason: input.reason ?? null },
  });
  return getApplication({ actor, tx, input: { id: row.id } });
}

/** 六年一学位 exception (e.g. a policy-permitted second child): recorded with its approver. */
export async function grantAddressException({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; reason: string };
}) {
  const row = await loadApplicationToReview(tx, actor, input.id);
  if (!row.addressFlag || row.addressException) throw new DomainError('enrollment.not_flagged');
  const exception = {
    reason: input.reason,
    approverId: actor.accountId,
    approverName: actor.displayName,
    at: new Date().toISOString(),
  };
  await tx
    .update(enrollmentApplication)
    .set({ addressException: exception, updatedAt: new Date() })
    .where(eq(enrollmentApplication.id, row.id));
  await recordAudit(tx, actor, {
    action: 'enrollment.address_exception',
    entityType: 'enrollmentApplication',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { flag: row.addressFlag, reason: input.reason },
  });
  return getApplication({ actor, tx, input: { id: row.id } });
}
