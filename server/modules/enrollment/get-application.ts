import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  FIVE_DOCUMENTS,
  type TApplication,
  type TApplicationDetail,
  type TOffer,
} from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { type ApplicationView, applicationActions, loadApplication } from './policy.ts';
import { routeActions } from './route-state.ts';
import {
  enrollmentDraw,
  enrollmentDrawEntry,
  enrollmentOffer,
  enrollmentReview,
  enrollmentYear,
} from './schema.ts';

/** The list row of an application (masked). */
export async function toApplication(
  tx: Executor,
  actor: Actor,
  view: ApplicationView,
  names: { year: number; zoneName: string; currentSchoolName: string | null },
): Promise<TApplication> {
  const r = view.row;
  return {
    id: r.id,
    yearId: r.yearId,
    year: names.year,
    zoneId: r.orgId,
    zoneName: names.zoneName,
    lotteryId: r.lotteryId,
    stage: r.stage as TApplication['stage'],
    route: r.route as TApplication['route'],
    category: r.category,
    childName: r.childName,
    childIdNumber: r.childIdMasked,
    birthDate: r.birthDate,
    hukouType: r.hukouType as TApplication['hukouType'],
    residenceKind: r.residenceKind as TApplication['residenceKind'],
    address: r.addressMasked,
    status: r.status as TApplication['status'],
    resubmissions: r.resubmissions,
    flagged: r.addressFlag !== null && r.addressException === null,
    siblingGroup: r.siblingGroup,
    currentSchoolId: r.currentSchoolId,
    currentSchoolName: names.currentSchoolName,
    returnedFrom: r.returnedFrom as TApplication['returnedFrom'],
    createdAt: r.createdAt.toISOString(),
    actions: await applicationActions(tx, actor, view),
  };
}

/** Offers of some applications, with the actions the viewer (the owner) may take. */
export async function offersOf(
  tx: Executor,
  _actor: Actor,
  applicationIds: number[],
  owner: boolean,
): Promise<TOffer[]> {
  if (!applicationIds.length) return [];
  const rows = await tx
    .select({
      offer: enrollmentOffer,
      schoolName: orgUnit.name,
      childName: sql<string>`(SELECT a.child_name FROM enrollment_application a WHERE a.id = ${enrollmentOffer.applicationId})`,
    })
    .from(enrollmentOffer)
    .innerJoin(orgUnit, eq(orgUnit.id, enrollmentOffer.orgId))
    .where(inArray(enrollmentOffer.applicationId, applicationIds))
    .orderBy(desc(enrollmentOffer.createdAt), desc(enrollmentOffer.id));
  const now = new Date();
  return rows.map(({ offer, schoolName, childName }) => ({
    id: offer.id,
    applicationId: offer.applicationId,
    childName,
    schoolId: offer.orgId,
    schoolName,
    drawId: offer.drawId,
    source: offer.source as TOffer['source'],
    status: offer.status as TOffer['status'],
    deadline: offer.deadline.toISOString(),
    noticeNo: offer.noticeNo,
    respondedAt: offer.respondedAt?.toISOString() ?? null,
    actions: owner && offer.status === 'offered' && offer.deadline > now ? ['confirm', 'decline'] : [],
  }));
}

/** One application with its reviews, flag, documents, offers and draws; guardians' phones masked. */
export async function getApplication({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TApplicationDetail> {
  const view = await loadApplication(tx, actor, input.id);
  const r = view.row;
  const [names] = await tx
    .select({
      year: enrollmentYear.year,
      zoneName: orgUnit.name,
      currentSchoolName: sql<
        string | null
      >`(SELECT c.name FROM org_unit c WHERE c.id = ${r.currentSchoolId ?? null}::int)`,
    })
    .from(enrollmentYear)
    .innerJoin(orgUnit, eq(orgUnit.id, r.orgId))
    .where(eq(enrollmentYear.id, r.yearId));
  const base = await toApplication(tx, actor, view, names!);
  const schools = r.choices.length
    ? await tx
        .select({ id: orgUnit.id, name: orgUnit.name })
        .from(orgUnit)
        .where(inArray(orgUnit.id, r.choices))
    : [];
  const nameOf = new Map(schools.map((s) => [s.id, s.name]));
  const reviews = await tx
    .select()
    .from(enrollmentReview)
    .where(eq(enrollmentReview.applicationId, r.id))
    .orderBy(desc(enrollmentReview.round), asc(enrollmentReview.agency));
  const documents = r.documents as TApplicationDetail['documents'];
  const needed =
    r.hukouType === 'nonBeijing'
      ? [...FIVE_DOCUMENTS, 'propertyOrRental' as const]
      : ['propertyOrRental' as const];
  const draws = await tx
    .select({ id: enrollmentDraw.id, name: enrollmentDraw.name, status: enrollmentDraw.status })
    .from(enrollmentDrawEntry)
    .innerJoin(enrollmentDraw, eq(enrollmentDraw.id, enrollmentDrawEntry.drawId))
    .where(and(eq(enrollmentDrawEntry.applicationId, r.id)))
    .orderBy(asc(enrollmentDraw.id));
  const exception = r.addressException as { reason: string; approverName: string; at: string } | null;
  return {
    ...base,
    actions: [...base.actions, ...(await routeActions(tx, view))],
    gender: r.gender,
    guardians: (r.guardians as { name: string; relation: string; phoneMasked: string }[]).map((g) => ({
      name: g.name,
      relation: g.relation,
      phone: g.phoneMasked,
    })),
    choices: r.choices.map((id) => ({ schoolId: id, name: nameOf.get(id) ?? String(id) })),
    documents,
    missingDocuments: needed.filter((k) => !documents.some((d) => d.kind === k)),
    reviews: reviews.map((v) => ({
      agency: v.agency as TApplicationDetail['reviews'][number]['agency'],
      round: v.round,
      passed: v.passed,
      reason: v.reason,
      reviewerName: view.staff ? v.reviewerName : '',
      at: v.createdAt.toISOString(),
    })),
    decisionReason: r.decisionReason,
    addressFlag: r.addressFlag as TApplicationDetail['addressFlag'],
    addressException: exception,
    offers: await offersOf(tx, actor, [r.id], view.owner),
    draws: draws.map((d) => ({ ...d, status: d.status as TApplicationDetail['draws'][number]['status'] })),
  };
}
