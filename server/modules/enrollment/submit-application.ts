import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type {
  TEnrollmentConfig,
  TResubmitRequest,
  TSubmitApplicationRequest,
} from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { isValidIdNumber } from '../../core/crypto/pii.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { getApplication } from './get-application.ts';
import { type ApplicationRow, loadApplication } from './policy.ts';
import { applyRouteRules, checkChoices } from './routes-rules.ts';
import { enrollmentAddressUse, enrollmentApplication, enrollmentYear } from './schema.ts';
import { newLotteryId, phoneHash, sealAddress, sealChildId, sealGuardians, sealText } from './seal.ts';

export const MAX_CHILDREN_PER_PHONE = 3;

type Fields = Omit<TResubmitRequest, 'zoneId'> & { zoneId: number; stage: string };

/**
 * Checks shared by a submission and a resubmission: route offered, category known, the route's own
 * rules (routes-rules.ts), choices valid. Returns the choices to store.
 */
async function checkFields(tx: Executor, year: typeof enrollmentYear.$inferSelect, input: Fields) {
  const config = year.config as TEnrollmentConfig;
  const route = config.routes.find((r) => r.route === input.route && r.stage === input.stage);
  if (!route) throw new DomainError('enrollment.route_not_offered', { field: 'route' });
  if (!config.categories.some((c) => c.id === input.category))
    throw new DomainError('enrollment.category_unknown', { field: 'category' });
  if (!isValidIdNumber(input.childIdNumber))
    throw new DomainError('enrollment.id_number_invalid', { field: 'childIdNumber' });
  const [zone] = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(
      and(eq(orgUnit.id, input.zoneId), eq(orgUnit.kind, 'zone'), eq(orgUnit.districtId, year.districtId)),
    );
  if (!zone) throw new DomainError('enrollment.zone_invalid', { field: 'zoneId' });
  // The route's own rules first (they may set the choice: 九年一贯直升), then the ranking itself.
  const choices = await applyRouteRules(tx, year, input);
  await checkChoices(tx, year, { stage: input.stage, route: input.route, choices });
  return choices;
}

/**
 * The earlier use of this address still inside its lock (六年一学位: 6 years, 9 for a nine-year
 * school) by another child, or null.
 */
export async function lockedAddressUse(
  tx: Executor,
  districtId: number,
  addressHash: string,
  childIdHash: string,
  year: number,
) {
  const [use] = await tx
    .select({
      useId: enrollmentAddressUse.id,
      year: enrollmentAddressUse.year,
      schoolName: orgUnit.name,
      childName: enrollmentAddressUse.childName,
      span: enrollmentAddressUse.span,
    })
    .from(enrollmentAddressUse)
    .leftJoin(orgUnit, eq(orgUnit.id, enrollmentAddressUse.schoolId))
    .where(
      and(
        eq(enrollmentAddressUse.districtId, districtId),
        eq(enrollmentAddressUse.addressHash, addressHash),
        ne(enrollmentAddressUse.childIdHash, childIdHash),
        gt(sql`${enrollmentAddressUse.year} + ${enrollmentAddressUse.span}`, year),
      ),
    )
    .orderBy(sql`${enrollmentAddressUse.year} DESC`)
    .limit(1);
  return use ?? null;
}

/**
 * A parent submits an application. Idempotent: the same account and client key return the first
 * application unchanged. One account per child ID, at most three children per guardian phone; an
 * address used within its lock is flagged (not refused: the 学区 decides, or records an exception).
 * Nothing depends on the time of submission (no first-come-first-served).
 */
export async function submitApplication({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TSubmitApplicationRequest;
}) {
  if (actor.accountId === null) throw new DomainError('auth.unauthenticated');
  const [again] = await tx
    .select({ id: enrollmentApplication.id })
    .from(enrollmentApplication)
    .where(
      and(
        eq(enrollmentApplication.accountId, actor.accountId),
        eq(enrollmentApplication.clientKey, input.clientKey),
      ),
    );
  if (again) return getApplication({ actor, tx, input: { id: again.id } });
  const [year] = await tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, input.yearId));
  if (!year || (actor.districtId !== null && year.districtId !== actor.districtId))
    throw new DomainError('enrollment.year_not_found', { field: 'yearId' });
  if (year.status !== 'open') throw new DomainError('enrollment.year_not_open');
  const choices = await checkFields(tx, year, input);
  const child = sealChildId(input.childIdNumber);
  // Serialise submissions for one child so that two accounts cannot race past the checks.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`enrollment:${child.childIdHash}`}))`);
  const [other] = await tx
    .select({ accountId: enrollmentApplication.accountId, yearId: enrollmentApplication.yearId })
    .from(enrollmentApplication)
    .where(eq(enrollmentApplication.childIdHash, child.childIdHash))
    .limit(1);
  if (other && other.accountId !== actor.accountId)
    throw new DomainError('enrollment.child_other_account', { field: 'childIdNumber' });
  if (other?.yearId === year.id)
    throw new DomainError('enrollment.child_applied', { field: 'childIdNumber' });
  const guardianPhone = phoneHash(input.guardians[0]!.phone);
  const [{ children }] = (await tx
    .select({ children: sql<number>`count(DISTINCT ${enrollmentApplication.childIdHash})::int` })
    .from(enrollmentApplication)
    .where(eq(enrollmentApplication.guardianPhoneHash, guardianPhone))) as [{ children: number }];
  if (children >= MAX_CHILDREN_PER_PHONE)
    throw new DomainError('enrollment.too_many_children', { field: 'guardians.0.phone' });
  let siblingGroup: string | null = null;
  if (input.twinOfApplicationId) {
    const twin = await loadApplication(tx, actor, input.twinOfApplicationId, { forUpdate: true });
    if (
      !twin.owner ||
      twin.row.yearId !== year.id ||
      twin.row.route !== input.route ||
      twin.row.stage !== input.stage ||
      twin.row.choices.join(',') !== choices.join(',')
    )
      throw new DomainError('enrollment.twin_invalid', { field: 'twinOfApplicationId' });
    siblingGroup = twin.row.siblingGroup ?? `G${twin.row.lotteryId}`;
    if (!twin.row.siblingGroup)
      await tx
        .update(enrollmentApplication)
        .set({ siblingGroup })
        .where(eq(enrollmentApplication.id, twin.row.id));
  }
  const address = sealAddress(input.address);
  const flag = await lockedAddressUse(tx, year.districtId, address.addressHash, child.childIdHash, year.year);
  const [row] = await tx
    .insert(enrollmentApplication)
    .values({
      districtId: year.districtId,
      orgId: input.zoneId,
      yearId: year.id,
      accountId: actor.accountId,
      clientKey: input.clientKey,
      lotteryId: newLotteryId(year.year),
      stage: input.stage,
      route: input.route,
      category: input.category,
      childName: input.childName,
      ...child,
      birthDate: input.birthDate,
      gender: input.gender ?? null,
      hukouType: input.hukouType,
      residenceKind: input.residenceKind,
      ...address,
      certificateEnc: input.certificateNo ? sealText(input.certificateNo) : null,
      guardians: sealGuardians(input.guardians),
      guardianPhoneHash: guardianPhone,
      siblingGroup,
      choices,
      currentSchoolId: input.currentSchoolId ?? null,
      addressFlag: flag,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'enrollment.submit',
    entityType: 'enrollmentApplication',
    entityId: row!.id,
    orgId: row!.orgId,
    districtId: row!.districtId,
    after: summary(row!),
  });
  return getApplication({ actor, tx, input: { id: row!.id } });
}

function summary(row: ApplicationRow) {
  return {
    lotteryId: row.lotteryId,
    stage: row.stage,
    route: row.route,
    category: row.category,
    childIdNumber: row.childIdMasked,
    address: row.addressMasked,
    choices: row.choices,
    currentSchoolId: row.currentSchoolId,
    status: row.status,
    flagged: row.addressFlag !== null,
  };
}

/**
 * A rejected applicant corrects its application and resubmits, once. Its lottery id stays (a
 * lottery number is never re-issued on edits); the reviews start a new round.
 */
export async function resubmitApplication({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TResubmitRequest & { id: number };
}) {
  const view = await loadApplication(tx, actor, input.id, { forUpdate: true });
  if (!view.owner) throw new DomainError('enrollment.application_not_found');
  const before = view.row;
  if (before.status !== 'rejected') throw new DomainError('enrollment.wrong_status');
  if (before.resubmissions >= 1) throw new DomainError('enrollment.resubmit_used');
  const [year] = await tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, before.yearId));
  const choices = await checkFields(tx, year!, { ...input, stage: before.stage });
  if (before.siblingGroup) {
    const [other] = await tx
      .select({ choices: enrollmentApplication.choices })
      .from(enrollmentApplication)
      .where(
        and(
          eq(enrollmentApplication.siblingGroup, before.siblingGroup),
          ne(enrollmentApplication.id, before.id),
        ),
      )
      .limit(1);
    if (other && other.choices.join(',') !== choices.join(','))
      throw new DomainError('enrollment.twin_invalid', { field: 'choices' });
  }
  const child = sealChildId(input.childIdNumber);
  if (child.childIdHash !== before.childIdHash) {
    const [other] = await tx
      .select({ id: enrollmentApplication.id })
      .from(enrollmentApplication)
      .where(eq(enrollmentApplication.childIdHash, child.childIdHash))
      .limit(1);
    if (other) throw new DomainError('enrollment.child_other_account', { field: 'childIdNumber' });
  }
  const address = sealAddress(input.address);
  const flag = await lockedAddressUse(
    tx,
    year!.districtId,
    address.addressHash,
    child.childIdHash,
    year!.year,
  );
  const [row] = await tx
    .update(enrollmentApplication)
    .set({
      orgId: input.zoneId,
      route: input.route,
      category: input.category,
      childName: input.childName,
      ...child,
      birthDate: input.birthDate,
      gender: input.gender ?? null,
      hukouType: input.hukouType,
      residenceKind: input.residenceKind,
      ...address,
      certificateEnc: input.certificateNo ? sealText(input.certificateNo) : null,
      guardians: sealGuardians(input.guardians),
      guardianPhoneHash: phoneHash(input.guardians[0]!.phone),
      choices,
      currentSchoolId: input.currentSchoolId ?? null,
      addressFlag: flag,
      addressException: flag ? before.addressException : null,
      status: 'resubmitted',
      resubmissions: before.resubmissions + 1,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
      updatedAt: new Date(),
    })
    .where(eq(enrollmentApplication.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    action: 'enrollment.resubmit',
    entityType: 'enrollmentApplication',
    entityId: before.id,
    orgId: row!.orgId,
    districtId: row!.districtId,
    before: summary(before),
    after: summary(row!),
  });
  return getApplication({ actor, tx, input: { id: before.id } });
}
