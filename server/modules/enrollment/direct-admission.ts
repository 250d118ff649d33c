import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDirectAdmission, TEnrollmentConfig } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { loadYearToManage } from './policy.ts';
import { offerDeadline } from './publish-draw.ts';
import { holdsOffer } from './route-state.ts';
import { enrollmentApplication, enrollmentDraw, enrollmentOffer, enrollmentSchool } from './schema.ts';

/**
 * 九年一贯直升: the approved through-train children of a nine-year school are admitted to its junior
 * section without a draw — offers with source `direct` and the year's confirmation deadline — when
 * they fit the route's seats (with the offers the school already holds on the route). When they do
 * not, nothing is offered and the officer is told to run a draw for the route (the usual draw then
 * takes the children not yet admitted). Idempotent: a child offered once is never offered again.
 */
export async function admitDirectly({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { yearId: number; schoolId: number; at?: Date };
}): Promise<TDirectAdmission> {
  const year = await loadYearToManage(tx, actor, input.yearId);
  const config = year.config as TEnrollmentConfig;
  if (!config.routes.some((r) => r.route === 'throughTrain' && r.stage === 'junior'))
    throw new DomainError('enrollment.route_not_offered', { field: 'route' });
  const [school] = await tx
    .select({ seats: enrollmentSchool.seats })
    .from(enrollmentSchool)
    .where(
      and(
        eq(enrollmentSchool.yearId, year.id),
        eq(enrollmentSchool.schoolId, input.schoolId),
        eq(enrollmentSchool.stage, 'junior'),
        eq(enrollmentSchool.route, 'throughTrain'),
      ),
    );
  if (!school) throw new DomainError('enrollment.school_not_in_route', { field: 'schoolId' });
  const [busy] = await tx
    .select({ id: enrollmentDraw.id })
    .from(enrollmentDraw)
    .where(
      and(
        eq(enrollmentDraw.yearId, year.id),
        eq(enrollmentDraw.stage, 'junior'),
        eq(enrollmentDraw.route, 'throughTrain'),
        inArray(enrollmentDraw.status, ['frozen', 'running', 'drawn']),
      ),
    )
    .limit(1);
  if (busy) throw new DomainError('enrollment.draw_in_progress');
  const route = and(
    eq(enrollmentApplication.yearId, year.id),
    eq(enrollmentApplication.stage, 'junior'),
    eq(enrollmentApplication.route, 'throughTrain'),
    sql`${enrollmentApplication.choices}[1] = ${input.schoolId}`,
  );
  const [{ held }] = (await tx
    .select({ held: sql<number>`count(*)::int` })
    .from(enrollmentOffer)
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentOffer.applicationId))
    .where(
      and(
        route,
        eq(enrollmentOffer.orgId, input.schoolId),
        inArray(enrollmentOffer.status, ['offered', 'confirmed']),
      ),
    )) as [{ held: number }];
  // Approved, holding no offer, and never offered a seat directly before (a declined one stays declined).
  const pending = await tx
    .select({ id: enrollmentApplication.id, lotteryId: enrollmentApplication.lotteryId })
    .from(enrollmentApplication)
    .where(
      and(
        route,
        eq(enrollmentApplication.status, 'approved'),
        sql`NOT ${holdsOffer}`,
        sql`NOT EXISTS (SELECT 1 FROM ${enrollmentOffer} d WHERE d.application_id = ${enrollmentApplication.id} AND d.source = 'direct')`,
      ),
    )
    .orderBy(enrollmentApplication.lotteryId)
    .for('update', { of: enrollmentApplication });
  if (held + pending.length > school.seats) throw new DomainError('enrollment.oversubscribed');
  let offers = 0;
  if (pending.length) {
    const deadline = await offerDeadline(tx, actor, input.at ?? new Date(), config.confirmWorkingDays);
    const made = await tx
      .insert(enrollmentOffer)
      .values(
        pending.map((a) => ({
          districtId: year.districtId,
          orgId: input.schoolId,
          drawId: null,
          applicationId: a.id,
          source: 'direct',
          deadline,
          noticeNo: `${year.year}-D${input.schoolId}-${a.lotteryId}`,
        })),
      )
      .returning({ id: enrollmentOffer.id });
    offers = made.length;
  }
  await recordAudit(tx, actor, {
    action: 'enrollment.admit_directly',
    entityType: 'enrollmentYear',
    entityId: year.id,
    orgId: year.orgId,
    districtId: year.districtId,
    after: {
      schoolId: input.schoolId,
      seats: school.seats,
      held,
      offers,
      applicationIds: pending.map((a) => a.id),
    },
  });
  return { schoolId: input.schoolId, seats: school.seats, held, offers };
}
