import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { commitmentOf } from '../../../engines/lottery/index.ts';
import { systemActor } from '../../core/access/index.ts';
import { seedCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { startJobWorkers, stopJobWorkers } from '../../core/jobs/index.ts';
import { testWorld } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildUnit, makeIdNumber, type World } from '../../test/world.ts';
import { completeDraw } from './draws.ts';

/**
 * Test fixtures for enrollment, shared by its test files: the test district with the real app and
 * the officer and 学区 A's manager logged in; parents registering through the portal; the body of an
 * application; the joint review passed; a year set up with seats; a draw from creation to
 * publication; rows counted, exports' audit events and Excel sheets read back.
 */
export const PARENT_PASSWORD = 'Parent-Pass-2026';

export interface EnrollmentTest {
  db: Db;
  url: string;
  world: World;
  app: Awaited<ReturnType<typeof testApp>>;
  officer: Client;
  zoneA: Client;
  close(): Promise<void>;
}

/** The test district with the working-day calendar and the real app; `jobs` also starts the job workers. */
export async function openEnrollmentTest(options: { jobs?: boolean } = {}): Promise<EnrollmentTest> {
  const t = await testWorld();
  await seedCalendar(t.db);
  if (options.jobs)
    await startJobWorkers({ db: t.db, url: t.url, pollingIntervalSeconds: 0.5, log: () => {} });
  const app = await testApp(t.db);
  return {
    ...t,
    app,
    officer: await loginAs(app.app, 'officer'),
    zoneA: await loginAs(app.app, 'zonea'),
    close: async () => {
      await app.app.close();
      if (options.jobs) await stopJobWorkers();
      await t.close();
    },
  };
}

/** A school of 学区 A (or B): a public primary school unless told otherwise; its id. */
export function buildSchool(
  t: Pick<EnrollmentTest, 'db' | 'world'>,
  code: string,
  name: string,
  options: { zone?: 'A' | 'B'; stage?: string; ownership?: string } = {},
): Promise<number> {
  return buildUnit(t.db, {
    districtId: t.world.districtId,
    parentId: options.zone === 'B' ? t.world.units.zoneB : t.world.units.zoneA,
    code,
    name,
    kind: 'school',
    stage: options.stage ?? 'primary',
    ownership: options.ownership ?? 'public',
  });
}

/** Next year in Beijing: always ahead of now, so slots and deadlines set in it are in the future. */
export const NEXT_YEAR =
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format()) + 1;

/** Enter a year the bundled calendar does not cover yet (test data), with the given holidays. */
export async function coverCalendarYear(
  db: Db,
  year: number,
  holidays: { day: string; name: string; statutory: boolean }[] = [],
): Promise<void> {
  const covered = await db.execute(sql`SELECT 1 FROM calendar_year WHERE year = ${year}`);
  if (covered.rows.length) return;
  await db.execute(sql`INSERT INTO calendar_year (year, source, notice) VALUES (${year}, 'admin', 'test')`);
  for (const h of holidays)
    await db.execute(
      sql`INSERT INTO calendar_day (day, kind, name, statutory) VALUES (${h.day}, 'holiday', ${h.name}, ${h.statutory})`,
    );
}

let phoneSerial = 0;
/** A parent registers in the portal (its username is its mobile number) and is logged in. */
export async function registerParent(
  t: Pick<EnrollmentTest, 'app' | 'world'>,
  phone = `136${30_000_000 + phoneSerial++}`,
): Promise<Client> {
  const res = await t.app.app.inject({
    method: 'POST',
    url: '/api/public/enrollment/register',
    payload: { districtId: t.world.districtId, phone, name: '家长', password: PARENT_PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  return loginAs(t.app.app, phone, PARENT_PASSWORD);
}

let applicationSerial = 0;
/**
 * What a family submits: a child born on `born` (its ID number to match) with district hukou at an
 * own property in 学区 A, area route, one guardian whose phone serves no other child; `fields` add
 * the year and the choices and override anything.
 */
export function applicationBody(world: World, born: string, fields: Record<string, unknown>) {
  const n = ++applicationSerial;
  return {
    clientKey: `application-${n}-abcdef`,
    zoneId: world.units.zoneA,
    stage: 'primary',
    route: 'area',
    category: 'localProperty',
    childName: `儿童${n}`,
    childIdNumber: makeIdNumber(born.replaceAll('-', '')),
    birthDate: born,
    hukouType: 'district',
    residenceKind: 'property',
    address: `北京市海淀区学院路${n}号`,
    guardians: [{ name: '家长', relation: '母亲', phone: `1370000${String(n).padStart(4, '0')}` }],
    choices: [],
    ...fields,
  };
}

/** A family submits an application; its id. */
export async function submitApplication(parent: Client, body: Record<string, unknown>): Promise<number> {
  const res = await parent.post('/api/enrollment/my/applications', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

/** 联审: each agency passes its part of the current round. */
export async function passReviews(staff: Client, id: number, agencies = ['education', 'police', 'housing']) {
  for (const agency of agencies) {
    const res = await staff.post(`/api/enrollment/applications/${id}/reviews`, { agency, passed: true });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** The 学区 (or an officer) approves; the application as decided. */
export async function approveApplication(staff: Client, id: number) {
  const res = await staff.post(`/api/enrollment/applications/${id}/decision`, { approve: true });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A year the officer sets up: created with its configuration and schools' seats, then opened unless `open` is false. */
export async function createYear(
  officer: Client,
  input: { orgId: number; year: number; name: string; config: object; schools: object[]; open?: boolean },
): Promise<number> {
  const { schools, open = true, ...year } = input;
  const created = await officer.post('/api/enrollment/years', year);
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as number;
  const seats = await officer.post(`/api/enrollment/years/${id}/schools`, { schools });
  expect(seats.statusCode, seats.body).toBe(200);
  if (open)
    expect((await officer.patch(`/api/enrollment/years/${id}`, { status: 'open' })).statusCode).toBe(200);
  return id;
}

/**
 * A primary-entry year next year (NEXT_YEAR) of 学区 A whose 超龄儿童 category is reviewed in person
 * (现场审核), with seats at one school, opened; its id. The calendar must cover that year.
 */
export function createInPersonYear(
  t: Pick<EnrollmentTest, 'officer' | 'world'>,
  input: { name: string; maxChoices: number; schoolId: number; seats: number },
): Promise<number> {
  return createYear(t.officer, {
    orgId: t.world.units.dept,
    year: NEXT_YEAR,
    name: input.name,
    config: {
      routes: [{ route: 'area', stage: 'primary', maxChoices: input.maxChoices, lottery: true }],
      phases: [],
      categories: [
        { id: 'localProperty', zh: '本区户籍房产', en: 'District hukou, property', priorityClass: 0 },
        { id: 'overAge', zh: '超龄儿童', en: 'Over-age child', priorityClass: 1, inPersonReview: true },
      ],
      confirmWorkingDays: 5,
      birthCutoff: `${NEXT_YEAR}-08-31`,
    },
    schools: [{ schoolId: input.schoolId, stage: 'primary', route: 'area', seats: input.seats }],
  });
}

/**
 * A draw from creation to publication: frozen, each party commits and then reveals its secret, run
 * by the job (or, `inline`, by the engine in place of the job), published. Its id and its freeze.
 */
export async function publishDraw(
  t: Pick<EnrollmentTest, 'db' | 'officer'>,
  draw: { yearId: number; name: string; stage: string; route: string; zoneId?: number },
  options: { parties?: Record<string, string>; inline?: boolean } = {},
) {
  const { officer } = t;
  const parties = options.parties ?? { 区教委: '11'.repeat(16), 公证处: '22'.repeat(16) };
  const created = await officer.post('/api/enrollment/draws', { ...draw, parties: Object.keys(parties) });
  expect(created.statusCode, created.body).toBe(200);
  const id = created.json().id as number;
  const frozen = await officer.post(`/api/enrollment/draws/${id}/freeze`);
  expect(frozen.statusCode, frozen.body).toBe(200);
  for (const [party, reveal] of Object.entries(parties))
    await officer.post(`/api/enrollment/draws/${id}/commitments`, {
      party,
      commitment: commitmentOf(reveal),
    });
  for (const [party, reveal] of Object.entries(parties))
    expect((await officer.post(`/api/enrollment/draws/${id}/reveals`, { party, reveal })).statusCode).toBe(
      200,
    );
  if (options.inline) {
    await t.db.execute(sql`UPDATE enrollment_draw SET status = 'running' WHERE id = ${id}`);
    await t.db.transaction((tx) => completeDraw(tx, systemActor('test'), id));
  } else {
    let run = (await officer.post(`/api/enrollment/draws/${id}/run`)).json().draw;
    for (let i = 0; i < 200 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await officer.get(`/api/enrollment/draws/${id}`)).json();
    }
    expect(run.status).toBe('drawn');
  }
  const published = await officer.post(`/api/enrollment/draws/${id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return { id, frozen: frozen.json() as { poolSize: number; poolExcluded: number; poolRoot: string } };
}

/** Time passes: a slot has started (an hour ago), so the 学区 can record attendance. */
export async function slotStarted(db: Db, slotId: number): Promise<void> {
  await db.execute(
    sql`UPDATE enrollment_review_slot SET starts_at = now() - interval '1 hour', ends_at = now() - interval '30 minutes' WHERE id = ${slotId}`,
  );
}

/** Rows of a table (that match `where`). */
export async function countRows(db: Db, table: string, where = 'true'): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql.raw(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`),
  );
  return Number(r.rows[0]!.n);
}

/** The number a query selects as `n`. */
export async function numberOf(db: Db, query: SQL | string): Promise<number> {
  const r = await db.execute<{ n: number }>(typeof query === 'string' ? sql.raw(query) : query);
  return Number(r.rows[0]!.n);
}

/**
 * The audited export actions whose name starts with `prefix`, once all of `wanted` are there or
 * 2.5 s have passed: an export's transaction (and its audit event) commits just after its last byte.
 */
export async function auditedExports(db: Db, prefix: string, wanted: string[]): Promise<string[]> {
  const actions = async () =>
    (
      await db.execute<{ action: string }>(
        sql`SELECT DISTINCT action FROM audit_event WHERE action LIKE ${`${prefix}%`}`,
      )
    ).rows.map((r) => r.action);
  let now = await actions();
  for (let i = 0; i < 50 && !wanted.every((a) => now.includes(a)); i++) {
    await new Promise((r) => setTimeout(r, 50));
    now = await actions();
  }
  return now;
}

/** The rows of an Excel export's first sheet (the header first), each as its cells' values. */
export async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
