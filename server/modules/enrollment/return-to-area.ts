import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { TReturnToArea } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { getApplication } from './get-application.ts';
import { loadApplication, loadDraw } from './policy.ts';
import { hasAreaRoute, holdsOffer, inAreaPool, returnRefusal } from './route-state.ts';
import { checkChoices } from './routes-rules.ts';
import { enrollmentApplication, enrollmentDrawEntry, enrollmentWaitlist, enrollmentYear } from './schema.ts';

/**
 * 转入派位: a child a route did not place (private, public boarding, registration entry, feeder
 * quota, through-train: no offer once the draw is published, or its offer declined or expired)
 * goes back to the area lottery of its stage. Its lottery id stays (numbers are never re-issued),
 * its reviews and approval stay; its choices are cleared for the family to rank area schools, and
 * `returned_from` keeps the route it came from. It leaves that route's waitlists.
 */

/** Move applications to 派位: route area, where they came from, choices cleared, off the waitlists. */
async function moveToArea(tx: Tx, ids: number[]): Promise<void> {
  if (!ids.length) return;
  await tx
    .update(enrollmentApplication)
    .set({
      returnedFrom: sql`${enrollmentApplication.route}`,
      route: 'area',
      returnedAt: new Date(),
      choices: [],
      updatedAt: new Date(),
    })
    .where(inArray(enrollmentApplication.id, ids));
  await tx
    .update(enrollmentWaitlist)
    .set({ status: 'removed' })
    .where(and(inArray(enrollmentWaitlist.applicationId, ids), eq(enrollmentWaitlist.status, 'waiting')));
}

/**
 * The officers return every unplaced child of a published draw (of any route but area) to 派位 of
 * the same stage. Idempotent: children already returned are no longer on the draw's route, so a
 * second call moves none. Audited with the count and the applications moved.
 */
export async function returnUnplaced({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number };
}): Promise<TReturnToArea> {
  const draw = await loadDraw(tx, actor, input.id, { manage: true });
  if (draw.route === 'area') throw new DomainError('enrollment.return_not_applicable');
  if (draw.status !== 'published') throw new DomainError('enrollment.draw_wrong_status');
  if (!(await hasAreaRoute(tx, draw.yearId, draw.stage)))
    throw new DomainError('enrollment.route_not_offered');
  const rows = await tx
    .select({ id: enrollmentApplication.id })
    .from(enrollmentDrawEntry)
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentDrawEntry.applicationId))
    .where(
      and(
        eq(enrollmentDrawEntry.drawId, draw.id),
        eq(enrollmentApplication.route, draw.route),
        eq(enrollmentApplication.status, 'approved'),
        sql`NOT ${holdsOffer}`,
      ),
    )
    .orderBy(enrollmentApplication.id)
    .for('update', { of: enrollmentApplication });
  const ids = rows.map((r) => r.id);
  await moveToArea(tx, ids);
  await recordAudit(tx, actor, {
    action: 'enrollment.return_unplaced',
    entityType: 'enrollmentDraw',
    entityId: draw.id,
    orgId: draw.orgId,
    districtId: draw.districtId,
    after: { route: draw.route, stage: draw.stage, moved: ids.length, applicationIds: ids },
  });
  return { drawId: draw.id, route: draw.route as TReturnToArea['route'], moved: ids.length };
}

/**
 * A family returns its own unplaced child to 派位 (with its twins in the same state). Another
 * family's child is not found; a child with an open or confirmed offer, or whose route has not
 * decided yet, is refused with the reason.
 */
export async function returnToArea({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const view = await loadApplication(tx, actor, input.id, { forUpdate: true });
  if (!view.owner) throw new DomainError('enrollment.application_not_found');
  const refusal = await returnRefusal(tx, view.row);
  if (refusal) throw new DomainError(refusal);
  const ids = [view.row.id];
  if (view.row.siblingGroup) {
    const twins = await tx
      .select()
      .from(enrollmentApplication)
      .where(
        and(
          eq(enrollmentApplication.siblingGroup, view.row.siblingGroup),
          eq(enrollmentApplication.accountId, view.row.accountId!),
          ne(enrollmentApplication.id, view.row.id),
        ),
      )
      .for('update');
    for (const twin of twins)
      if (twin.route === view.row.route && (await returnRefusal(tx, twin)) === null) ids.push(twin.id);
  }
  await moveToArea(tx, ids);
  for (const id of ids)
    await recordAudit(tx, actor, {
      action: 'enrollment.return_to_area',
      entityType: 'enrollmentApplication',
      entityId: id,
      orgId: view.row.orgId,
      districtId: view.row.districtId,
      before:
        id === view.row.id ? { route: view.row.route, choices: view.row.choices } : { route: view.row.route },
      after: { route: 'area', returnedFrom: view.row.route },
    });
  return getApplication({ actor, tx, input: { id: view.row.id } });
}

/**
 * A returned child's family ranks the area schools (as many as the area route allows), until the
 * child is in a frozen area pool. Twins get the same ranking (they are placed together).
 */
export async function rankAreaChoices({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; choices: number[] };
}) {
  const view = await loadApplication(tx, actor, input.id, { forUpdate: true });
  if (!view.owner) throw new DomainError('enrollment.application_not_found');
  const row = view.row;
  if (row.status !== 'approved' || row.route !== 'area' || !row.returnedFrom)
    throw new DomainError('enrollment.wrong_status');
  if (await inAreaPool(tx, row.id)) throw new DomainError('enrollment.pool_frozen');
  const [year] = await tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, row.yearId));
  await checkChoices(tx, year!, { stage: row.stage, route: 'area', choices: input.choices });
  const group = row.siblingGroup
    ? and(
        eq(enrollmentApplication.siblingGroup, row.siblingGroup),
        eq(enrollmentApplication.accountId, row.accountId!),
        eq(enrollmentApplication.route, 'area'),
        eq(enrollmentApplication.status, 'approved'),
        isNotNull(enrollmentApplication.returnedFrom),
      )
    : eq(enrollmentApplication.id, row.id);
  const updated = await tx
    .update(enrollmentApplication)
    .set({ choices: input.choices, updatedAt: new Date() })
    .where(group)
    .returning({ id: enrollmentApplication.id });
  for (const { id } of updated)
    await recordAudit(tx, actor, {
      action: 'enrollment.rank_area',
      entityType: 'enrollmentApplication',
      entityId: id,
      orgId: row.orgId,
      districtId: row.districtId,
      before: id === row.id ? { choices: row.choices } : {},
      after: { choices: input.choices },
    });
  return getApplication({ actor, tx, input: { id: row.id } });
}
