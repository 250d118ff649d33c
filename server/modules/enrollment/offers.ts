import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TAdmissionNotice, TEnrollmentConfig, TOffer } from '../../../contracts/enrollment.ts';
import { type Actor, scopeFilter } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { defineJob } from '../../core/jobs/index.ts';
import { offsetOf } from '../../core/lists.ts';
import { services } from '../../core/services.ts';
import { samePairFilter } from './feeders.ts';
import { offersOf } from './get-application.ts';
import { documentHeading, loadApplicationBehind } from './policy.ts';
import { offerDeadline } from './publish-draw.ts';
import {
  enrollmentAddressUse,
  enrollmentApplication,
  enrollmentOffer,
  enrollmentSchool,
  enrollmentWaitlist,
  enrollmentYear,
} from './schema.ts';

type OfferRow = typeof enrollmentOffer.$inferSelect;

/** The offer and its application, for the family that owns it (others: not found). */
async function loadOwnOffer(tx: Tx, actor: Actor, id: number) {
  const [offer] = await tx.select().from(enrollmentOffer).where(eq(enrollmentOffer.id, id)).for('update');
  if (!offer) throw new DomainError('enrollment.offer_not_found');
  const view = await loadApplicationBehind(tx, actor, offer.applicationId, 'enrollment.offer_not_found', {
    forUpdate: true,
    owner: true,
  });
  if (offer.status !== 'offered') throw new DomainError('enrollment.offer_closed');
  return { offer, app: view.row };
}

/**
 * The family confirms: the seat is theirs, the address ledger records the use (6 years, 9 for a
 * nine-year school, with the exception and its approver when there was one), and the child leaves
 * every waitlist (confirmation is final).
 */
export async function confirmOffer({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const { offer, app } = await loadOwnOffer(tx, actor, input.id);
  if (offer.deadline <= new Date()) throw new DomainError('enrollment.deadline_passed');
  const now = new Date();
  await tx
    .update(enrollmentOffer)
    .set({ status: 'confirmed', respondedAt: now })
    .where(eq(enrollmentOffer.id, offer.id));
  await tx
    .update(enrollmentWaitlist)
    .set({ status: 'removed' })
    .where(and(eq(enrollmentWaitlist.applicationId, app.id), eq(enrollmentWaitlist.status, 'waiting')));
  const [year] = await tx
    .select({ year: enrollmentYear.year })
    .from(enrollmentYear)
    .where(eq(enrollmentYear.id, app.yearId));
  const [school] = await tx
    .select({ nineYear: sql<boolean>`bool_or(${enrollmentSchool.nineYear})` })
    .from(enrollmentSchool)
    .where(and(eq(enrollmentSchool.yearId, app.yearId), eq(enrollmentSchool.schoolId, offer.orgId)));
  const exception = app.addressException as {
    reason: string;
    approverId: number | null;
    approverName: string;
  } | null;
  await tx.insert(enrollmentAddressUse).values({
    districtId: app.districtId,
    addressHash: app.addressHash,
    addressMasked: app.addressMasked,
    childIdHash: app.childIdHash,
    childName: app.childName,
    year: year!.year,
    schoolId: offer.orgId,
    span: school?.nineYear ? 9 : 6,
    applicationId: app.id,
    exceptionReason: exception?.reason ?? null,
    exceptionApproverId: exception?.approverId ?? null,
    exceptionApproverName: exception?.approverName ?? null,
  });
  await recordAudit(tx, actor, {
    action: 'enrollment.confirm_offer',
    entityType: 'enrollmentOffer',
    entityId: offer.id,
    orgId: offer.orgId,
    districtId: offer.districtId,
    after: { applicationId: app.id, noticeNo: offer.noticeNo },
  });
  return (await offersOf(tx, actor, [app.id], true)).find((o) => o.id === offer.id)!;
}

/** The family declines: the seat goes to the school's waitlist, in lottery order. */
export async function declineOffer({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const { offer, app } = await loadOwnOffer(tx, actor, input.id);
  await tx
    .update(enrollmentOffer)
    .set({ status: 'declined', respondedAt: new Date() })
    .where(eq(enrollmentOffer.id, offer.id));
  await tx
    .update(enrollmentWaitlist)
    .set({ status: 'removed' })
    .where(and(eq(enrollmentWaitlist.applicationId, app.id), eq(enrollmentWaitlist.status, 'waiting')));
  await recordAudit(tx, actor, {
    action: 'enrollment.decline_offer',
    entityType: 'enrollmentOffer',
    entityId: offer.id,
    orgId: offer.orgId,
    districtId: offer.districtId,
    after: { applicationId: app.id },
  });
  await fillFromWaitlist(tx, actor, offer);
  return (await offersOf(tx, actor, [app.id], true)).find((o) => o.id === offer.id)!;
}

/**
 * A seat freed at `freed.orgId` goes to the first waiting child of that school's waitlist who still
 * ranks it above its current offer; that child's earlier (unconfirmed) offer is superseded, which
 * frees a seat there in turn — so the waitlists are filled in lottery order, as far as it goes.
 */
export async function fillFromWaitlist(tx: Tx, actor: Actor, freed: OfferRow): Promise<number> {
  if (!freed.drawId) return 0;
  let made = 0;
  let seat: OfferRow | undefined = freed;
  while (seat) {
    const drawId: number = seat.drawId!;
    const schoolId: number = seat.orgId;
    const pair = await samePairFilter(tx, { drawId, applicationId: seat.applicationId });
    seat = undefined;
    const waiting = await tx
      .select({
        applicationId: enrollmentWaitlist.applicationId,
        choices: enrollmentApplication.choices,
        yearId: enrollmentApplication.yearId,
      })
      .from(enrollmentWaitlist)
      .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentWaitlist.applicationId))
      .where(
        and(
          eq(enrollmentWaitlist.drawId, drawId),
          eq(enrollmentWaitlist.schoolId, schoolId),
          eq(enrollmentWaitlist.status, 'waiting'),
          pair,
        ),
      )
      .orderBy(asc(enrollmentWaitlist.position));
    for (const w of waiting) {
      const [current] = await tx
        .select()
        .from(enrollmentOffer)
        .where(
          and(
            eq(enrollmentOffer.applicationId, w.applicationId),
            inArray(enrollmentOffer.status, ['offered', 'confirmed']),
          ),
        );
      if (current?.status === 'confirmed') continue;
      const rank = (id: number) => {
        const r = w.choices.indexOf(id);
        return r < 0 ? Number.MAX_SAFE_INTEGER : r;
      };
      if (current && rank(current.orgId) <= rank(schoolId)) continue;
      const [year] = await tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, w.yearId));
      const deadline = await offerDeadline(
        tx,
        actor,
        new Date(),
        (year!.config as TEnrollmentConfig).confirmWorkingDays,
      );
      const [created] = await tx
        .insert(enrollmentOffer)
        .values({
          districtId: freed.districtId,
          orgId: schoolId,
          drawId,
          applicationId: w.applicationId,
          source: 'waitlist',
          deadline,
          noticeNo: `${year!.year}-${drawId}-W${w.applicationId}-${schoolId}`,
        })
        .returning();
      await tx
        .update(enrollmentWaitlist)
        .set({ status: 'offered' })
        .where(
          and(
            eq(enrollmentWaitlist.drawId, drawId),
            eq(enrollmentWaitlist.schoolId, schoolId),
            eq(enrollmentWaitlist.applicationId, w.applicationId),
          ),
        );
      await recordAudit(tx, actor, {
        action: 'enrollment.waitlist_offer',
        entityType: 'enrollmentOffer',
        entityId: created!.id,
        orgId: schoolId,
        districtId: freed.districtId,
        after: { applicationId: w.applicationId, supersedes: current?.id ?? null },
      });
      made++;
      if (current) {
        await tx
          .update(enrollmentOffer)
          .set({ status: 'superseded' })
          .where(eq(enrollmentOffer.id, current.id));
        seat = current;
      }
      break;
    }
  }
  return made;
}

/** 录取通知书: the printable notice of an offer, for its family or staff of the school's scope. */
export async function admissionNotice({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TAdmissionNotice> {
  const [offer] = await tx.select().from(enrollmentOffer).where(eq(enrollmentOffer.id, input.id));
  if (!offer) throw new DomainError('enrollment.offer_not_found');
  const view = await loadApplicationBehind(tx, actor, offer.applicationId, 'enrollment.offer_not_found');
  const [school] = await tx.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, offer.orgId));
  const { districtName, year } = await documentHeading(tx, {
    districtId: offer.districtId,
    yearId: view.row.yearId,
  });
  return {
    noticeNo: offer.noticeNo,
    districtName,
    childName: view.row.childName,
    childIdNumber: view.row.childIdMasked,
    schoolName: school!.name,
    year,
    stage: view.row.stage as TAdmissionNotice['stage'],
    route: view.row.route as TAdmissionNotice['route'],
    confirmedAt: offer.status === 'confirmed' ? (offer.respondedAt?.toISOString() ?? null) : null,
    status: offer.status as TAdmissionNotice['status'],
  };
}

/** Offers in the viewer's scope (the school's subtree), for officers and schools. */
export async function listOffers({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: {
    drawId?: number;
    status?: string;
    schoolId?: number;
    source?: string;
    page: number;
    pageSize: number;
  };
}): Promise<{ items: TOffer[]; total: number }> {
  const where: SQL[] = [await scopeFilter(tx, actor, 'enrollment.read', enrollmentOffer.orgId)];
  if (input.drawId) where.push(eq(enrollmentOffer.drawId, input.drawId));
  if (input.status) where.push(eq(enrollmentOffer.status, input.status));
  if (input.schoolId) where.push(eq(enrollmentOffer.orgId, input.schoolId));
  if (input.source) where.push(eq(enrollmentOffer.source, input.source));
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(enrollmentOffer)
    .where(and(...where))) as [{ total: number }];
  const ids = await tx
    .select({ a: enrollmentOffer.applicationId, id: enrollmentOffer.id })
    .from(enrollmentOffer)
    .where(and(...where))
    .orderBy(desc(enrollmentOffer.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const wanted = new Set(ids.map((r) => r.id));
  const offers = await offersOf(tx, actor, [...new Set(ids.map((r) => r.a))], false);
  return { items: offers.filter((o) => wanted.has(o.id)), total };
}

/**
 * 转入学籍: the confirmed children of a year, as rows of the people module's student import
 * (姓名, 性别, 身份证号, 单位代码, 年级, 住址) — the registry takes them in through its staged import,
 * so the people module's own rules apply. Revealing the ID numbers is audited by the export.
 */
export async function registryRows(tx: Executor, actor: Actor, yearId: number) {
  const rows = await tx
    .select({
      name: enrollmentApplication.childName,
      gender: enrollmentApplication.gender,
      idEnc: enrollmentApplication.childIdEnc,
      addressEnc: enrollmentApplication.addressEnc,
      stage: enrollmentApplication.stage,
      schoolCode: orgUnit.code,
    })
    .from(enrollmentOffer)
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentOffer.applicationId))
    .innerJoin(orgUnit, eq(orgUnit.id, enrollmentOffer.orgId))
    .where(
      and(
        eq(enrollmentApplication.yearId, yearId),
        eq(enrollmentOffer.status, 'confirmed'),
        await scopeFilter(tx, actor, 'enrollment.read', enrollmentOffer.orgId),
      ),
    )
    .orderBy(asc(orgUnit.code), asc(enrollmentApplication.childName));
  const { cipher } = services();
  return rows.map((r) => ({
    name: r.name,
    gender: r.gender === 'M' ? '男' : r.gender === 'F' ? '女' : '',
    idNumber: cipher.decrypt(r.idEnc),
    unitCode: r.schoolCode,
    grade: r.stage === 'primary' ? 1 : 7,
    address: cipher.decrypt(r.addressEnc),
  }));
}

/**
 * Offers not confirmed by their deadline expire; each expired seat goes down its school's waitlist
 * as a declined one does. Run every 15 minutes by `expireOffersJob`, or by the officers at once.
 */
export async function expireOffers({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { drawId: number };
}) {
  const expired = await tx
    .update(enrollmentOffer)
    .set({ status: 'expired', respondedAt: new Date() })
    .where(
      and(
        eq(enrollmentOffer.drawId, input.drawId),
        eq(enrollmentOffer.status, 'offered'),
        sql`${enrollmentOffer.deadline} <= now()`,
      ),
    )
    .returning();
  let filled = 0;
  for (const offer of expired) {
    await tx
      .update(enrollmentWaitlist)
      .set({ status: 'removed' })
      .where(
        and(
          eq(enrollmentWaitlist.applicationId, offer.applicationId),
          eq(enrollmentWaitlist.status, 'waiting'),
        ),
      );
    filled += await fillFromWaitlist(tx, actor, offer);
  }
  await recordAudit(tx, actor, {
    action: 'enrollment.expire_offers',
    entityType: 'enrollmentDraw',
    entityId: input.drawId,
    orgId: actor.orgId,
    after: { expired: expired.length, filled },
  });
  return { expired: expired.length, filled };
}

/**
 * Direct offers (九年一贯直升, no draw) past their deadline expire like a draw's; there is no waitlist
 * behind them. A through-train child whose offer expired or was declined may return to 派位.
 */
export async function expireDirectOffers(tx: Tx, actor: Actor, districtId: number) {
  const expired = await tx
    .update(enrollmentOffer)
    .set({ status: 'expired', respondedAt: new Date() })
    .where(
      and(
        eq(enrollmentOffer.districtId, districtId),
        isNull(enrollmentOffer.drawId),
        eq(enrollmentOffer.status, 'offered'),
        sql`${enrollmentOffer.deadline} <= now()`,
      ),
    )
    .returning({ id: enrollmentOffer.id });
  await recordAudit(tx, actor, {
    action: 'enrollment.expire_direct_offers',
    entityType: 'enrollmentOffer',
    orgId: districtId,
    districtId,
    after: { expired: expired.length, offerIds: expired.map((o) => o.id) },
  });
  return { expired: expired.length };
}

/**
 * The expiry on a schedule, every 15 minutes: one run per draw with an offer past its deadline, and
 * one per district with a direct offer past its deadline.
 */
export const expireOffersJob = defineJob({
  kind: 'enrollment.expire_offers',
  input: z.union([z.object({ drawId: z.number().int() }), z.object({ districtId: z.number().int() })]),
  every: {
    minutes: 15,
    inputs: async (db) =>
      (
        await db.execute<{ draw_id: number | null; district_id: number }>(
          sql`SELECT DISTINCT draw_id, CASE WHEN draw_id IS NULL THEN district_id END AS district_id
              FROM enrollment_offer WHERE status = 'offered' AND deadline <= now()`,
        )
      ).rows.map((r) =>
        r.draw_id === null ? { districtId: Number(r.district_id) } : { drawId: Number(r.draw_id) },
      ),
  },
  run: (ctx) =>
    ctx.db.transaction((tx) => {
      const input = ctx.input;
      return 'drawId' in input
        ? expireOffers({ actor: ctx.actor, tx, input })
        : expireDirectOffers(tx, ctx.actor, input.districtId);
    }),
});
