import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { feederPairs, pairCode } from './feeders.ts';
import type { DrawRow } from './policy.ts';
import { enrollmentApplication, enrollmentOffer, enrollmentSchool } from './schema.ts';

/**
 * The engine schools of a draw at its freeze, per route, and each child's choices among them:
 * - feeder quota (对口直升): one engine school per (middle school, feeder primary school) pair,
 *   `<middle code>/<primary code>`, with the pair's quota seats; a child chooses its own pair;
 * - every other route: the route's schools by org code, with their seats.
 * Single-choice routes (through-train, feeder quota, registration entry) keep one choice, so the
 * DA engine draws per school (per pair) among the children who chose it. A school's capacity is
 * its seats less the open or confirmed offers it already made on this route (a direct admission,
 * an earlier draw), so no seat is given twice.
 */
export interface PoolApplication {
  choices: number[];
  currentSchoolId: number | null;
}

const SINGLE_CHOICE = new Set(['throughTrain', 'feederQuota', 'registrationEntry']);

/** Offers held (open or confirmed) on the draw's year, stage and route, per school and current school. */
async function heldOffers(tx: Executor, row: DrawRow) {
  return tx
    .select({
      schoolId: enrollmentOffer.orgId,
      currentSchoolId: enrollmentApplication.currentSchoolId,
      n: sql<number>`count(*)::int`,
    })
    .from(enrollmentOffer)
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentOffer.applicationId))
    .where(
      and(
        eq(enrollmentApplication.yearId, row.yearId),
        eq(enrollmentApplication.stage, row.stage),
        eq(enrollmentApplication.route, row.route),
        inArray(enrollmentOffer.status, ['offered', 'confirmed']),
      ),
    )
    .groupBy(enrollmentOffer.orgId, enrollmentApplication.currentSchoolId);
}

export async function poolSchools(
  tx: Executor,
  row: DrawRow,
): Promise<{
  schools: { id: string; capacity: number }[];
  choicesOf: (app: PoolApplication) => string[];
}> {
  const held = await heldOffers(tx, row);
  const byOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
  if (row.route === 'feederQuota') {
    const zoneOf = new Map(
      (
        await tx
          .select({ id: enrollmentSchool.schoolId, zoneId: enrollmentSchool.zoneId })
          .from(enrollmentSchool)
          .where(
            and(
              eq(enrollmentSchool.yearId, row.yearId),
              eq(enrollmentSchool.stage, row.stage),
              eq(enrollmentSchool.route, 'feederQuota'),
            ),
          )
      ).map((s) => [s.id, s.zoneId]),
    );
    const pairs = (await feederPairs(tx, row.yearId)).filter(
      (p) => zoneOf.has(p.middleSchoolId) && (!row.zoneId || zoneOf.get(p.middleSchoolId) === row.zoneId),
    );
    const taken = new Map(held.map((h) => [`${h.schoolId}:${h.currentSchoolId}`, Number(h.n)]));
    const codeOf = new Map(
      pairs.map((p) => [`${p.middleSchoolId}:${p.feederSchoolId}`, pairCode(p.middleCode, p.feederCode)]),
    );
    return {
      schools: pairs
        .map((p) => ({
          id: pairCode(p.middleCode, p.feederCode),
          capacity: Math.max(0, p.quotaSeats - (taken.get(`${p.middleSchoolId}:${p.feederSchoolId}`) ?? 0)),
        }))
        .sort(byOrder),
      choicesOf: (app) => {
        const code = codeOf.get(`${app.choices[0]}:${app.currentSchoolId}`);
        return code ? [code] : [];
      },
    };
  }
  const schoolRows = await tx
    .select({ id: enrollmentSchool.schoolId, code: orgUnit.code, seats: enrollmentSchool.seats })
    .from(enrollmentSchool)
    .innerJoin(orgUnit, eq(orgUnit.id, enrollmentSchool.schoolId))
    .where(
      and(
        eq(enrollmentSchool.yearId, row.yearId),
        eq(enrollmentSchool.stage, row.stage),
        eq(enrollmentSchool.route, row.route),
        row.zoneId ? eq(enrollmentSchool.zoneId, row.zoneId) : sql`true`,
      ),
    );
  const taken = new Map<number, number>();
  for (const h of held) taken.set(h.schoolId, (taken.get(h.schoolId) ?? 0) + Number(h.n));
  const codeOf = new Map(schoolRows.map((s) => [s.id, s.code]));
  const single = SINGLE_CHOICE.has(row.route);
  return {
    schools: schoolRows
      .map((s) => ({ id: s.code, capacity: Math.max(0, s.seats - (taken.get(s.id) ?? 0)) }))
      .sort(byOrder),
    choicesOf: (app) => {
      const choices = app.choices.filter((id) => codeOf.has(id)).map((id) => codeOf.get(id)!);
      return single ? choices.slice(0, 1) : choices;
    },
  };
}
