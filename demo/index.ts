import { and, eq, ne, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { systemActor } from '../server/core/access/index.ts';
import { recordAudit } from '../server/core/audit/index.ts';
import type { Db } from '../server/core/db/index.ts';
import { orgUnit } from '../server/core/db/schema.ts';
import { hashPassword } from '../server/core/passwords.ts';
import { services } from '../server/core/services.ts';
import { type DemoAccount, insertDemoAccounts } from './accounts.ts';
import { insertDemoCases } from './cases.ts';
import { PersonSink } from './copy.ts';
import { insertDemoEnrollment } from './enrollment.ts';
import { insertDemoExam } from './exams.ts';
import { IdentityIssuer } from './identity.ts';
import { insertDistrict, planDistrict } from './org.ts';
import { type PeopleContext, unitPeople } from './people.ts';
import { Random } from './random.ts';

/**
 * The demo district at the seed document's scale (Haidian: 17 zones, 370 schools, 332
 * kindergartens and community sites, ≈330k students, ≈70k staff, ≈500k guardians), generated
 * deterministically from a seed in one transaction: org units and accounts by batched INSERT,
 * people and guardianships streamed with COPY. Only ciphertexts differ between runs (random IVs).
 */

export interface DemoOptions {
  seed: string;
  districtId: number;
  demoPassword: string;
  /**
   * Fraction of the report's people to generate (default 1). The org tree is always full-size;
   * tests and browser journeys use e.g. 0.02 to start in seconds.
   */
  scale?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DemoSummary {
  zones: number;
  schools: number;
  kindergartens: number;
  communitySites: number;
  subsidised: number;
  departments: number;
  trainingInstitutions: number;
  suppliers: number;
  students: number;
  staff: number;
  guardians: number;
  accounts: DemoAccount[];
  seconds: number;
}

/** Report progress every this many students and staff (with their guardians, ≈20k rows). */
const PROGRESS_EVERY = 8_000;

export async function generateDemo(db: Db, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const { districtId, onProgress } = options;
  const [district] = await db
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(and(eq(orgUnit.id, districtId), eq(orgUnit.kind, 'district')));
  if (!district) throw new Error(`demo: no district unit with id ${districtId}`);
  const others = await db
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(and(eq(orgUnit.districtId, districtId), ne(orgUnit.id, districtId)))
    .limit(1);
  if (others.length > 0) {
    throw new Error(
      `demo: district ${districtId} already has units; the demo was generated already / 演示数据已存在`,
    );
  }

  const rng = new Random(options.seed);
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new Error(`demo: scale must be in (0, 1], not ${scale}`);
  const units = planDistrict(rng.fork('org')).map((u) =>
    u.students > 0 && scale < 1
      ? {
          ...u,
          students: Math.max(1, Math.round(u.students * scale)),
          staff: Math.max(1, Math.round(u.staff * scale)),
        }
      : u,
  );
  const count = (kind: string) => units.filter((u) => u.kind === kind).length;
  const learners = units.filter((u) => u.students > 0);
  const totalPeople = learners.reduce((n, u) => n + u.students + u.staff, 0);
  const passwordHash = await hashPassword(options.demoPassword);
  const cipher = services().cipher;

  const client = await db.$client.connect();
  try {
    const summary = await drizzle(client).transaction(async (tx) => {
      onProgress?.('org', 0, units.length);
      await insertDistrict(tx, districtId, units);
      onProgress?.('org', units.length, units.length);
      const accounts = await insertDemoAccounts(tx, districtId, district.name, units, passwordHash);

      const ctx: PeopleContext = {
        rng: rng.fork('people'),
        issuer: new IdentityIssuer(rng.fork('identity')),
        cipher,
        districtId,
        reserve: async (n) => {
          const { rows } = await db.execute<{ first: number }>(sql`
            SELECT setval(pg_get_serial_sequence('person', 'id'), nextval(pg_get_serial_sequence('person', 'id')) + ${n} - 1)
              - ${n} + 1 AS first`);
          return Number(rows[0]!.first);
        },
      };
      const sink = new PersonSink(client);
      let students = 0;
      let staff = 0;
      let guardians = 0;
      let reported = 0;
      onProgress?.('people', 0, totalPeople);
      try {
        for (const [serial, unit] of learners.entries()) {
          const people = await unitPeople(ctx, unit, serial + 1);
          await sink.write(
            people.personText,
            people.students + people.staff + people.guardians,
            people.guardianshipText,
          );
          students += people.students;
          staff += people.staff;
          guardians += people.guardians;
          if (students + staff - reported >= PROGRESS_EVERY) {
            reported = students + staff;
            onProgress?.('people', reported, totalPeople);
          }
        }
        await sink.flush();
      } catch (error) {
        await sink.abort();
        throw error;
      }
      onProgress?.('people', totalPeople, totalPeople);
      onProgress?.('cases', 0, 1);
      await insertDemoCases(db, tx, client, { rng: rng.fork('cases'), districtId, units, cipher, scale });
      onProgress?.('cases', 1, 1);
      onProgress?.('exams', 0, 1);
      await insertDemoExam(tx, { rng: rng.fork('exams'), districtId, units, scale });
      onProgress?.('exams', 1, 1);
      onProgress?.('enrollment', 0, 1);
      await insertDemoEnrollment(tx, { rng: rng.fork('enrollment'), districtId, units, scale, cipher });
      onProgress?.('enrollment', 1, 1);

      const counts = {
        zones: count('zone'),
        schools: count('school'),
        kindergartens: count('kindergarten'),
        communitySites: count('communitySite'),
        subsidised: units.filter((u) => u.subsidised).length,
        departments: count('department'),
        trainingInstitutions: count('trainingInstitution'),
        suppliers: count('supplier'),
        students,
        staff,
        guardians,
      };
      await recordAudit(tx, systemActor('demo'), {
        action: 'demo.generate',
        entityType: 'district',
        entityId: districtId,
        orgId: districtId,
        districtId,
        after: { ...counts, seed: options.seed, accounts: accounts.map((a) => a.username) },
      });
      return { ...counts, accounts };
    });
    onProgress?.('analyze', 0, 1);
    await client.query(
      'ANALYZE org_unit, org_link, account, "grant", person, guardianship, case_record, case_event, case_clock, exam_candidate, exam_seat, exam_room',
    );
    onProgress?.('analyze', 1, 1);
    return { ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 };
  } finally {
    client.release();
  }
}
