import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TWaitlistList,
  TWaitlistQuery,
  TWaitlistSchools,
  ZExpireOffersResponse,
} from '../../../contracts/enrollment.ts';
import { type Actor, scopeFilter } from '../../core/access/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { containsPattern, offsetOf, sortBy } from '../../core/lists.ts';
import { expireOffers } from './offers.ts';
import { loadDraw } from './policy.ts';
import { enrollmentApplication, enrollmentDraw, enrollmentOffer, enrollmentWaitlist as w } from './schema.ts';

/**
 * 候补名单 for the officers: each school's waitlist of a draw in its admission order, the child masked,
 * scoped like the offers (the schools in the viewer's enrollment.read scope), filtered and paged in SQL.
 */
export async function listWaitlist({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TWaitlistQuery;
}): Promise<TWaitlistList> {
  const where: SQL[] = [await scopeFilter(tx, actor, 'enrollment.read', w.schoolId)];
  if (input.drawId) where.push(eq(w.drawId, input.drawId));
  if (input.yearId) where.push(eq(enrollmentDraw.yearId, input.yearId));
  if (input.schoolId) where.push(eq(w.schoolId, input.schoolId));
  if (input.status) where.push(eq(w.status, input.status));
  if (input.q)
    where.push(
      sql`(${enrollmentApplication.childName} ILIKE ${containsPattern(input.q)} OR ${enrollmentApplication.lotteryId} = ${input.q})`,
    );
  const condition = and(...where);
  const from = () =>
    tx
      .select({
        drawId: w.drawId,
        drawName: enrollmentDraw.name,
        schoolId: w.schoolId,
        schoolName: orgUnit.name,
        position: w.position,
        applicationId: w.applicationId,
        lotteryId: enrollmentApplication.lotteryId,
        childName: enrollmentApplication.childName,
        childIdNumber: enrollmentApplication.childIdMasked,
        status: w.status,
      })
      .from(w)
      .innerJoin(enrollmentDraw, eq(enrollmentDraw.id, w.drawId))
      .innerJoin(orgUnit, eq(orgUnit.id, w.schoolId))
      .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, w.applicationId));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(w)
    .innerJoin(enrollmentDraw, eq(enrollmentDraw.id, w.drawId))
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, w.applicationId))
    .where(condition)) as [{ total: number }];
  const rows = await from()
    .where(condition)
    .orderBy(
      ...sortBy(
        input.sort,
        { school: orgUnit.code, position: w.position, status: w.status, draw: w.drawId },
        'school',
        sql`${w.drawId}, ${w.position}`,
      ),
    )
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: rows as TWaitlistList['items'], total };
}

/** Per school of a draw (in scope): children waiting, offered a seat from the waitlist, removed. */
export async function waitlistSchools({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { drawId: number };
}): Promise<TWaitlistSchools> {
  await loadDraw(tx, actor, input.drawId);
  const rows = await tx
    .select({
      schoolId: w.schoolId,
      schoolName: orgUnit.name,
      waiting: sql<number>`count(*) FILTER (WHERE ${w.status} = 'waiting')::int`,
      offered: sql<number>`count(*) FILTER (WHERE ${w.status} = 'offered')::int`,
      removed: sql<number>`count(*) FILTER (WHERE ${w.status} = 'removed')::int`,
    })
    .from(w)
    .innerJoin(orgUnit, eq(orgUnit.id, w.schoolId))
    .where(and(eq(w.drawId, input.drawId), await scopeFilter(tx, actor, 'enrollment.read', w.schoolId)))
    .groupBy(w.schoolId, orgUnit.name, orgUnit.code)
    .orderBy(asc(orgUnit.code));
  return { items: rows };
}

/**
 * Expire a draw's offers past their deadline now (the officers' button; the schedule does the same)
 * and report, per school, the offers that expired and those made from its waitlist in their place.
 */
export async function expireOffersBySchool({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { drawId: number };
}): Promise<z.infer<typeof ZExpireOffersResponse>> {
  await loadDraw(tx, actor, input.drawId, { manage: true });
  const due = await tx
    .select({ schoolId: enrollmentOffer.orgId, n: sql<number>`count(*)::int` })
    .from(enrollmentOffer)
    .where(
      and(
        eq(enrollmentOffer.drawId, input.drawId),
        eq(enrollmentOffer.status, 'offered'),
        sql`${enrollmentOffer.deadline} <= now()`,
      ),
    )
    .groupBy(enrollmentOffer.orgId);
  const [last] = await tx
    .select({ id: sql<number>`coalesce(max(${enrollmentOffer.id}), 0)::bigint` })
    .from(enrollmentOffer);
  const totals = await expireOffers({ actor, tx, input });
  const made = await tx
    .select({ schoolId: enrollmentOffer.orgId, n: sql<number>`count(*)::int` })
    .from(enrollmentOffer)
    .where(
      and(
        eq(enrollmentOffer.drawId, input.drawId),
        eq(enrollmentOffer.source, 'waitlist'),
        gt(enrollmentOffer.id, Number(last!.id)),
      ),
    )
    .groupBy(enrollmentOffer.orgId);
  const ids = [...new Set([...due, ...made].map((r) => r.schoolId))];
  const names = ids.length
    ? await tx
        .select({ id: orgUnit.id, name: orgUnit.name, code: orgUnit.code })
        .from(orgUnit)
        .where(inArray(orgUnit.id, ids))
        .orderBy(asc(orgUnit.code))
    : [];
  return {
    ...totals,
    schools: names.map((u) => ({
      schoolId: u.id,
      schoolName: u.name,
      expired: due.find((r) => r.schoolId === u.id)?.n ?? 0,
      filled: made.find((r) => r.schoolId === u.id)?.n ?? 0,
    })),
  };
}
