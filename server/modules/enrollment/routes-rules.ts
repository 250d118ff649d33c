import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TEnrollmentConfig, TRoute, TStage } from '../../../contracts/enrollment.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import type { YearRow } from './policy.ts';
import { enrollmentFeeder, enrollmentSchool } from './schema.ts';

/**
 * The rules each route into junior high sets on an application, checked at submission and
 * resubmission (docs/modules/enrollment.md, "入学途径"):
 * - 九年一贯直升 (throughTrain): the child's current school is a nine-year school taking part on
 *   the route; the choice is that school itself, set here.
 * - 按比例对口直升 (feederQuota): one middle school, fed by the child's current school (a pair of
 *   the year's feeder table).
 * - 登记入学 (registrationEntry): one school, in the applicant's own 学区.
 * Other routes (area, private, public boarding) keep their ranked choices as submitted.
 */
export interface RouteFields {
  stage: string;
  route: string;
  zoneId: number;
  choices: number[];
  currentSchoolId?: number | undefined;
}

/** Checks the route's own rules and returns the choices to store (through-train: the school itself). */
export async function applyRouteRules(tx: Executor, year: YearRow, input: RouteFields): Promise<number[]> {
  if (input.currentSchoolId !== undefined) {
    if (input.stage !== 'junior')
      throw new DomainError('enrollment.current_school_invalid', { field: 'currentSchoolId' });
    const [school] = await tx
      .select({ id: orgUnit.id })
      .from(orgUnit)
      .where(
        and(
          eq(orgUnit.id, input.currentSchoolId),
          eq(orgUnit.kind, 'school'),
          eq(orgUnit.districtId, year.districtId),
        ),
      );
    if (!school) throw new DomainError('enrollment.current_school_invalid', { field: 'currentSchoolId' });
  }
  if (input.route === 'registrationEntry') return registrationChoice(tx, year, input);
  if (input.stage !== 'junior') return input.choices;
  if (input.route === 'throughTrain') return throughTrainChoice(tx, year, input);
  if (input.route === 'feederQuota') return feederChoice(tx, year, input);
  return input.choices;
}

async function throughTrainChoice(tx: Executor, year: YearRow, input: RouteFields): Promise<number[]> {
  const own = input.currentSchoolId;
  if (own === undefined)
    throw new DomainError('enrollment.current_school_required', { field: 'currentSchoolId' });
  const [row] = await tx
    .select({
      onRoute: sql<boolean>`bool_or(${enrollmentSchool.route} = 'throughTrain' AND ${enrollmentSchool.stage} = 'junior')`,
      nineYear: sql<boolean>`bool_or(${enrollmentSchool.nineYear})`,
    })
    .from(enrollmentSchool)
    .where(and(eq(enrollmentSchool.yearId, year.id), eq(enrollmentSchool.schoolId, own)));
  if (!row?.onRoute || !row.nineYear)
    throw new DomainError('enrollment.through_train_school_invalid', { field: 'currentSchoolId' });
  if (input.choices.length && (input.choices.length !== 1 || input.choices[0] !== own))
    throw new DomainError('enrollment.through_train_choice', { field: 'choices' });
  return [own];
}

async function feederChoice(tx: Executor, year: YearRow, input: RouteFields): Promise<number[]> {
  if (input.currentSchoolId === undefined)
    throw new DomainError('enrollment.current_school_required', { field: 'currentSchoolId' });
  if (input.choices.length !== 1) throw new DomainError('enrollment.one_choice', { field: 'choices' });
  const [pair] = await tx
    .select({ id: enrollmentFeeder.id })
    .from(enrollmentFeeder)
    .where(
      and(
        eq(enrollmentFeeder.yearId, year.id),
        eq(enrollmentFeeder.middleSchoolId, input.choices[0]!),
        eq(enrollmentFeeder.feederSchoolId, input.currentSchoolId),
      ),
    );
  if (!pair) throw new DomainError('enrollment.not_a_feeder', { field: 'choices' });
  return input.choices;
}

async function registrationChoice(tx: Executor, year: YearRow, input: RouteFields): Promise<number[]> {
  // One school whatever maxChoices says: registration is at a school, not a ranking.
  if (input.choices.length !== 1) throw new DomainError('enrollment.one_choice', { field: 'choices' });
  const [row] = await tx
    .select({ zoneId: enrollmentSchool.zoneId })
    .from(enrollmentSchool)
    .where(
      and(
        eq(enrollmentSchool.yearId, year.id),
        eq(enrollmentSchool.schoolId, input.choices[0]!),
        eq(enrollmentSchool.stage, input.stage),
        eq(enrollmentSchool.route, 'registrationEntry'),
      ),
    );
  if (!row) throw new DomainError('enrollment.choice_invalid', { field: 'choices' });
  if (row.zoneId !== input.zoneId)
    throw new DomainError('enrollment.school_outside_zone', { field: 'choices' });
  return input.choices;
}

/** Ranked choices within the route's limit, without repeats, all taking part in the route and stage. */
export async function checkChoices(
  tx: Executor,
  year: YearRow,
  input: { stage: TStage | string; route: TRoute | string; choices: number[] },
): Promise<void> {
  const config = year.config as TEnrollmentConfig;
  const route = config.routes.find((r) => r.route === input.route && r.stage === input.stage);
  if (!route) throw new DomainError('enrollment.route_not_offered', { field: 'route' });
  if (input.choices.length > route.maxChoices)
    throw new DomainError('enrollment.too_many_choices', { field: 'choices' });
  if (new Set(input.choices).size !== input.choices.length)
    throw new DomainError('enrollment.choice_invalid', { field: 'choices' });
  if (!input.choices.length) return;
  const offered = await tx
    .select({ id: enrollmentSchool.schoolId })
    .from(enrollmentSchool)
    .where(
      and(
        eq(enrollmentSchool.yearId, year.id),
        eq(enrollmentSchool.stage, input.stage),
        eq(enrollmentSchool.route, input.route),
        inArray(enrollmentSchool.schoolId, input.choices),
      ),
    );
  if (offered.length !== input.choices.length)
    throw new DomainError('enrollment.choice_invalid', { field: 'choices' });
}
