import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.ts';
import { type ApplicationRow, type ApplicationView, yearConfigOf } from './policy.ts';
import { enrollmentApplication, enrollmentDraw, enrollmentDrawEntry, enrollmentOffer } from './schema.ts';

/**
 * Where an application stands between the routes (read by the application's actions and by the
 * return to 派位 in return-to-area.ts): may it return to 派位, may its family rank area schools.
 */

/** An open or confirmed offer of the application: such a child is placed and never returns. */
export const holdsOffer = sql`EXISTS (SELECT 1 FROM ${enrollmentOffer} o WHERE o.application_id = ${enrollmentApplication.id}
  AND o.status IN ('offered', 'confirmed'))`;

export async function hasAreaRoute(tx: Executor, yearId: number, stage: string): Promise<boolean> {
  const { routes } = await yearConfigOf(tx, yearId);
  return routes.some((r) => r.route === 'area' && r.stage === stage);
}

/** Why this application cannot return to 派位 now (an error code), or null when it can. */
export async function returnRefusal(tx: Executor, row: ApplicationRow): Promise<string | null> {
  if (row.status !== 'approved' || row.route === 'area') return 'enrollment.wrong_status';
  if (!(await hasAreaRoute(tx, row.yearId, row.stage))) return 'enrollment.route_not_offered';
  const [state] = await tx
    .select({
      holds: sql<boolean>`bool_or(${enrollmentOffer.status} IN ('offered', 'confirmed'))`,
      closed: sql<boolean>`bool_or(${enrollmentOffer.status} IN ('declined', 'expired'))`,
    })
    .from(enrollmentOffer)
    .where(eq(enrollmentOffer.applicationId, row.id));
  if (state?.holds) return 'enrollment.holds_offer';
  if (state?.closed) return null;
  // Unplaced: in a published draw of its route, without an offer.
  const [drawn] = await tx
    .select({ id: enrollmentDraw.id })
    .from(enrollmentDrawEntry)
    .innerJoin(enrollmentDraw, eq(enrollmentDraw.id, enrollmentDrawEntry.drawId))
    .where(
      and(
        eq(enrollmentDrawEntry.applicationId, row.id),
        eq(enrollmentDraw.route, row.route),
        eq(enrollmentDraw.status, 'published'),
      ),
    )
    .limit(1);
  return drawn ? null : 'enrollment.not_unplaced';
}

/** Whether the application is in a frozen (or later) area pool: its choices are fixed there. */
export async function inAreaPool(tx: Executor, applicationId: number): Promise<boolean> {
  const [entry] = await tx
    .select({ id: enrollmentDraw.id })
    .from(enrollmentDrawEntry)
    .innerJoin(enrollmentDraw, eq(enrollmentDraw.id, enrollmentDrawEntry.drawId))
    .where(
      and(
        eq(enrollmentDrawEntry.applicationId, applicationId),
        eq(enrollmentDraw.route, 'area'),
        ne(enrollmentDraw.status, 'failed'),
      ),
    )
    .limit(1);
  return !!entry;
}

/** What the owner may do about the routes: return to 派位, or rank area schools once returned. */
export async function routeActions(
  tx: Executor,
  view: ApplicationView,
): Promise<('returnToArea' | 'rankArea')[]> {
  const { row } = view;
  if (!view.owner || row.status !== 'approved') return [];
  if (row.route !== 'area') return (await returnRefusal(tx, row)) === null ? ['returnToArea'] : [];
  return row.returnedFrom && !(await inAreaPool(tx, row.id)) ? ['rankArea'] : [];
}
