import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DrawBundle, verifyBundle } from '../../../engines/lottery/index.ts';
import { systemActor } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import { type Client, loginAs } from '../../test/http.ts';
import { buildPerson, type World } from '../../test/world.ts';
import {
  applicationBody,
  approveApplication,
  buildSchool,
  createYear,
  type EnrollmentTest,
  numberOf,
  openEnrollmentTest,
  passReviews,
  publishDraw,
  registerParent as registerParentIn,
  sheetRows,
  submitApplication,
} from './fixtures.ts';
import { expireOffersJob } from './offers.ts';

/**
 * The routes into junior high against a real PostgreSQL, over HTTP: 九年一贯直升 (own nine-year
 * school only; direct admission, refused when oversubscribed, the draw as fallback), 按比例对口直升
 * (feeder pairs with quotas from the registry, a draw per pair), 登记入学 (one school of the own
 * 学区), the return of unplaced children to 派位 (lottery id and reviews kept, idempotent), the
 * freeze leaving out children who hold an offer, and who may do what.
 */
let t: EnrollmentTest;
let db: Db;
let app: EnrollmentTest['app'];
let world: World;
let officer: Client;
let yearId: number;
const u: Record<string, number> = {};

async function school(code: string, name: string, zone: 'A' | 'B', stage: string, ownership = 'public') {
  u[code] = await buildSchool(t, code, name, { zone, stage, ownership });
}

beforeAll(async () => {
  t = await openEnrollmentTest();
  ({ db, app, world, officer } = t);
  await school('NY1', '育英学校', 'A', 'nineYear');
  await school('NY2', '北航实验学校', 'A', 'nineYear');
  await school('NY3', '首师大附属实验学校', 'A', 'nineYear');
  await school('P1', '中关村第二小学', 'A', 'primary');
  await school('P2', '中关村第三小学', 'A', 'primary');
  await school('P3', '万寿路第二小学', 'B', 'primary');
  await school('M1', '十九中学', 'A', 'junior');
  await school('M2', '五十七中', 'A', 'junior');
  await school('R1', '清华附中', 'A', 'junior');
  await school('R2', '二十中学永泰校区', 'B', 'junior');
  await school('J1', '人大附中', 'A', 'junior');
  await school('J2', '十一学校', 'A', 'junior');
  await school('PR1', '海淀外国语实验学校', 'A', 'junior', 'private');
  // Ten grade-6 children at P1 in the registry: its leavers.
  for (let i = 0; i < 10; i++)
    await buildPerson(db, {
      districtId: world.districtId,
      orgId: u.P1!,
      kind: 'student',
      name: `六年级${i}`,
      grade: 6,
    });
});
afterAll(async () => {
  await t.close();
});

const config = {
  routes: [
    { route: 'area', stage: 'primary', maxChoices: 3, lottery: true },
    { route: 'area', stage: 'junior', maxChoices: 3, lottery: true },
    { route: 'private', stage: 'junior', maxChoices: 1, lottery: true },
    { route: 'throughTrain', stage: 'junior', maxChoices: 1, lottery: false },
    { route: 'feederQuota', stage: 'junior', maxChoices: 1, quotaPercent: 30, lottery: true },
    { route: 'registrationEntry', stage: 'junior', maxChoices: 3, lottery: true },
  ],
  phases: [],
  categories: [{ id: 'local', zh: '本区户籍', en: 'District hukou', priorityClass: 0 }],
  confirmWorkingDays: 5,
  birthCutoff: '2026-08-31',
};

const registerParent = () => registerParentIn(t);

/** A junior-entry application (a child born in 2014, its own school not given) on `route`. */
const junior = (route: string, overrides: Record<string, unknown> = {}) =>
  applicationBody(world, '2014-03-01', { yearId, stage: 'junior', route, category: 'local', ...overrides });

/** Submit and approve (three agencies pass, the 学区 approves); returns the application. */
async function approved(parent: Client, body: Record<string, unknown>) {
  const id = await submitApplication(parent, body);
  await passReviews(officer, id);
  return (await approveApplication(officer, id)) as {
    id: number;
    lotteryId: string;
    choices: { schoolId: number }[];
  };
}

const count = (query: string) => numberOf(db, query);

/** A junior draw on `route` from creation to publication, the engine run in place of the job. */
const drawAndPublish = (route: string, name: string) =>
  publishDraw(
    t,
    { yearId, name, stage: 'junior', route },
    { parties: { 区教委: 'ab'.repeat(16), 公证处: 'cd'.repeat(16) }, inline: true },
  );

let parentA: Client;
let parentB: Client;

describe('the year', () => {
  it('has through-train, feeder, registration, private and area schools', async () => {
    const seats = (schoolId: number, route: string, n: number, nineYear = false) => ({
      schoolId,
      stage: 'junior',
      route,
      seats: n,
      nineYear,
    });
    yearId = await createYear(officer, {
      orgId: world.units.dept,
      year: 2026,
      name: '2026年小升初',
      config,
      schools: [
        seats(u.NY1!, 'throughTrain', 2, true),
        seats(u.NY3!, 'throughTrain', 1, true),
        seats(u.NY2!, 'area', 5, true),
        seats(u.M1!, 'feederQuota', 5),
        seats(u.M2!, 'feederQuota', 5),
        seats(u.R1!, 'registrationEntry', 1),
        seats(u.R2!, 'registrationEntry', 1),
        seats(u.J1!, 'area', 2),
        seats(u.J2!, 'area', 2),
        seats(u.PR1!, 'private', 1),
      ],
    });
    parentA = await registerParent();
    parentB = await registerParent();
  });
});

describe('九年一贯直升 (through-train)', () => {
  it('takes the child’s own nine-year school only, set automatically; others are refused and change nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM enrollment_application');
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'enrollment.current_school_required'],
      [{ currentSchoolId: u.P1 }, 'enrollment.through_train_school_invalid'],
      [{ currentSchoolId: u.NY2 }, 'enrollment.through_train_school_invalid'], // nine-year, not on the route
      [{ currentSchoolId: u.NY1, choices: [u.NY3] }, 'enrollment.through_train_choice'],
      [{ currentSchoolId: world.units.zoneA }, 'enrollment.current_school_invalid'],
    ];
    for (const [override, code] of cases) {
      const res = await parentA.post('/api/enrollment/my/applications', junior('throughTrain', override));
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(res.json().error.code, JSON.stringify(override)).toBe(code);
    }
    // A primary-entry application has no current school to leave.
    const primary = await parentA.post(
      '/api/enrollment/my/applications',
      junior('area', { stage: 'primary', currentSchoolId: u.P1, birthDate: '2020-03-01' }),
    );
    expect(primary.json().error.code).toBe('enrollment.current_school_invalid');
    expect(await count('SELECT count(*)::int AS n FROM enrollment_application')).toBe(before);
    const ok = await parentA.post(
      '/api/enrollment/my/applications',
      junior('throughTrain', { currentSchoolId: u.NY1 }),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ currentSchoolId: u.NY1, currentSchoolName: '育英学校' });
    expect(ok.json().choices.map((c: { schoolId: number }) => c.schoolId)).toEqual([u.NY1]);
  });

  it('admits directly when the approved children fit the seats; again: nothing new', async () => {
    const mine = (await parentA.get('/api/enrollment/my/applications')).json().items;
    const first = mine.find((a: { route: string }) => a.route === 'throughTrain');
    for (const agency of ['education', 'police', 'housing'])
      await officer.post(`/api/enrollment/applications/${first.id}/reviews`, { agency, passed: true });
    await officer.post(`/api/enrollment/applications/${first.id}/decision`, { approve: true });
    await approved(parentB, junior('throughTrain', { currentSchoolId: u.NY1, choices: [u.NY1] }));
    const principal = await loginAs(app.app, 'principala1');
    expect(
      (await principal.post(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId: u.NY1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await parentA.post(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId: u.NY1 }))
        .statusCode,
    ).toBe(403);
    const notOnRoute = await officer.post(`/api/enrollment/years/${yearId}/direct-admission`, {
      schoolId: u.NY2,
    });
    expect(notOnRoute.json().error.code).toBe('enrollment.school_not_in_route');
    const res = await officer.post(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId: u.NY1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ schoolId: u.NY1, seats: 2, held: 0, offers: 2 });
    const offers = await db.execute<{ source: string; draw_id: number | null; deadline: Date }>(
      sql`SELECT source, draw_id, deadline FROM enrollment_offer WHERE org_id = ${u.NY1}`,
    );
    expect(offers.rows).toHaveLength(2);
    for (const o of offers.rows) {
      expect(o).toMatchObject({ source: 'direct', draw_id: null });
      expect(new Date(o.deadline).getTime()).toBeGreaterThan(Date.now());
    }
    const again = await officer.post(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId: u.NY1 });
    expect(again.json()).toEqual({ schoolId: u.NY1, seats: 2, held: 2, offers: 0 });
    // The family sees it and confirms: a nine-year school locks the address for 9 years.
    const seen = (await parentA.get(`/api/enrollment/applications/${first.id}`)).json();
    expect(seen.offers[0]).toMatchObject({
      source: 'direct',
      schoolName: '育英学校',
      actions: ['confirm', 'decline'],
    });
    const confirmed = await parentA.post(`/api/enrollment/my/offers/${seen.offers[0].id}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');
    expect(
      await count(`SELECT span::int AS n FROM enrollment_address_use WHERE application_id = ${first.id}`),
    ).toBe(9);
  });

  it('expires a direct offer past its deadline on the schedule, as the system', async () => {
    const open = await db.execute<{ id: number }>(
      sql`SELECT id FROM enrollment_offer WHERE org_id = ${u.NY1} AND status = 'offered' ORDER BY id LIMIT 1`,
    );
    const id = open.rows[0]!.id;
    await db.execute(sql`UPDATE enrollment_offer SET deadline = now() - interval '1 hour' WHERE id = ${id}`);
    const inputs = await expireOffersJob.every!.inputs(db);
    expect(inputs).toContainEqual({ districtId: world.districtId });
    const ctx = {
      input: { districtId: world.districtId },
      db,
      actor: systemActor('scheduler'),
    } as Parameters<typeof expireOffersJob.run>[0];
    expect(await expireOffersJob.run(ctx)).toEqual({ expired: 1 });
    expect(
      await count(`SELECT count(*)::int AS n FROM enrollment_offer WHERE id = ${id} AND status = 'expired'`),
    ).toBe(1);
    await db.execute(
      sql`UPDATE enrollment_offer SET status = 'offered', responded_at = NULL, deadline = now() + interval '5 days' WHERE id = ${id}`,
    );
  });

  it('refuses when oversubscribed (run a draw); the draw leaves out children holding offers', async () => {
    await approved(parentA, junior('throughTrain', { currentSchoolId: u.NY3 }));
    await approved(parentB, junior('throughTrain', { currentSchoolId: u.NY3 }));
    const offersBefore = await count('SELECT count(*)::int AS n FROM enrollment_offer');
    const res = await officer.post(`/api/enrollment/years/${yearId}/direct-admission`, { schoolId: u.NY3 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('enrollment.oversubscribed');
    expect(res.json().error.message).toContain('摇号');
    expect(await count('SELECT count(*)::int AS n FROM enrollment_offer')).toBe(offersBefore);
    // The fallback: a through-train draw. NY1's two children hold offers (one confirmed): left out.
    const { id, frozen } = await drawAndPublish('throughTrain', '2026年九年一贯直升摇号');
    expect(frozen).toMatchObject({ poolSize: 2, poolExcluded: 2 });
    const pool = await db.execute<{ application_id: number }>(
      sql`SELECT application_id FROM enrollment_draw_entry WHERE draw_id = ${id}`,
    );
    const holders = await db.execute<{ application_id: number }>(
      sql`SELECT application_id FROM enrollment_offer WHERE source = 'direct'`,
    );
    const inPool = new Set(pool.rows.map((r) => Number(r.application_id)));
    for (const h of holders.rows) expect(inPool.has(Number(h.application_id))).toBe(false);
    // NY1's seats were all held before the draw: capacity 0 there; NY3 places one of two.
    const placed = await db.execute<{ org_id: number }>(
      sql`SELECT org_id FROM enrollment_offer WHERE draw_id = ${id}`,
    );
    expect(placed.rows.map((r) => Number(r.org_id))).toEqual([u.NY3]);
  });
});

describe('按比例对口直升 (feeder quota)', () => {
  it('keeps feeder pairs with quotas from the registry; bad pairs are refused', async () => {
    const bad: [unknown[], string][] = [
      [[{ middleSchoolId: u.J1, feederSchoolId: u.P1 }], 'enrollment.feeder_middle_invalid'],
      [[{ middleSchoolId: u.M1, feederSchoolId: u.M2 }], 'enrollment.feeder_school_invalid'],
      [
        [
          { middleSchoolId: u.M1, feederSchoolId: u.P1 },
          { middleSchoolId: u.M1, feederSchoolId: u.P1 },
        ],
        'enrollment.feeder_duplicate',
      ],
    ];
    for (const [feeders, code] of bad) {
      const res = await officer.post(`/api/enrollment/years/${yearId}/feeders`, { feeders });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    const zoneA = await loginAs(app.app, 'zonea');
    expect((await zoneA.post(`/api/enrollment/years/${yearId}/feeders`, { feeders: [] })).statusCode).toBe(
      403,
    );
    const res = await officer.post(`/api/enrollment/years/${yearId}/feeders`, {
      feeders: [
        { middleSchoolId: u.M1, feederSchoolId: u.P1 },
        { middleSchoolId: u.M1, feederSchoolId: u.P2, leavers: 4 },
        { middleSchoolId: u.M2, feederSchoolId: u.P1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    // 10 leavers × 30 % = 3; 4 × 30 % = 1.2 → 2.
    expect(
      res
        .json()
        .items.map((f: { feederCode: string; middleCode: string; leavers: number; quotaSeats: number }) => [
          f.middleCode,
          f.feederCode,
          f.leavers,
          f.quotaSeats,
        ]),
    ).toEqual([
      ['M1', 'P1', 10, 3],
      ['M1', 'P2', 4, 2],
      ['M2', 'P1', 10, 3],
    ]);
    const listed = (await zoneA.get(`/api/enrollment/years/${yearId}/feeders?middleSchoolId=${u.M1}`)).json();
    expect(listed.total).toBe(2);
    const pub = await app.app.inject({
      method: 'GET',
      url: `/api/public/enrollment/years/${yearId}/feeders`,
    });
    expect(
      pub.json().items.filter((f: { feederSchoolId: number }) => f.feederSchoolId === u.P1),
    ).toHaveLength(2);
    const xlsx = await officer.get(`/api/enrollment/years/${yearId}/feeders/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('refuses an application from a non-feeder or with two choices', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ currentSchoolId: u.P3, choices: [u.M1] }, 'enrollment.not_a_feeder'],
      [{ currentSchoolId: u.P2, choices: [u.M2] }, 'enrollment.not_a_feeder'],
      [{ currentSchoolId: u.P1, choices: [u.M1, u.M2] }, 'enrollment.one_choice'],
      [{ choices: [u.M1] }, 'enrollment.current_school_required'],
    ];
    for (const [override, code] of cases) {
      const res = await parentA.post('/api/enrollment/my/applications', junior('feederQuota', override));
      expect(res.json().error.code, JSON.stringify(override)).toBe(code);
    }
  });

  let feederDraw: number;
  it('draws per pair: each pair places up to its quota, offers go to the middle school', async () => {
    const byPair: Record<string, number[]> = { P1: [], P2: [] };
    for (let i = 0; i < 5; i++)
      byPair.P1!.push(
        (await approved(parentA, junior('feederQuota', { currentSchoolId: u.P1, choices: [u.M1] }))).id,
      );
    for (let i = 0; i < 3; i++)
      byPair.P2!.push(
        (await approved(parentB, junior('feederQuota', { currentSchoolId: u.P2, choices: [u.M1] }))).id,
      );
    const { id, frozen } = await drawAndPublish('feederQuota', '2026年对口直升摇号');
    feederDraw = id;
    expect(frozen.poolSize).toBe(8);
    const bundle = JSON.parse(
      (await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${id}/bundle` })).body,
    ) as DrawBundle;
    expect(verifyBundle(bundle, { poolRoot: frozen.poolRoot })).toEqual({ ok: true });
    expect(bundle.parameters.schools).toEqual([
      { id: 'M1/P1', capacity: 3 },
      { id: 'M1/P2', capacity: 2 },
      { id: 'M2/P1', capacity: 3 },
    ]);
    const offers = await db.execute<{ application_id: number; org_id: number }>(
      sql`SELECT application_id, org_id FROM enrollment_offer WHERE draw_id = ${id}`,
    );
    const ids = offers.rows.map((o) => Number(o.application_id));
    expect(offers.rows.every((o) => Number(o.org_id) === u.M1)).toBe(true);
    expect(ids.filter((a) => byPair.P1!.includes(a))).toHaveLength(3);
    expect(ids.filter((a) => byPair.P2!.includes(a))).toHaveLength(2);
    // The public list names each pair.
    const pub = (await app.app.inject({ method: 'GET', url: '/api/public/enrollment/draws' })).json();
    const names = pub.items.find((d: { id: number }) => d.id === id).schools;
    expect(names).toContainEqual({ id: 'M1/P2', name: '十九中学（中关村第三小学对口）' });
    // A P2 child declines: the seat goes to the waiting P2 child, not to P1's.
    const p2Offer = await db.execute<{ id: number }>(sql`
      SELECT o.id FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
      WHERE o.draw_id = ${id} AND a.current_school_id = ${u.P2} LIMIT 1`);
    expect((await parentB.post(`/api/enrollment/my/offers/${p2Offer.rows[0]!.id}/decline`)).statusCode).toBe(
      200,
    );
    const refilled = await db.execute<{ current_school_id: number }>(sql`
      SELECT a.current_school_id FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
      WHERE o.draw_id = ${id} AND o.source = 'waitlist'`);
    expect(refilled.rows.map((r) => Number(r.current_school_id))).toEqual([u.P2]);
  });

  it('returns the unplaced feeder children to 派位', async () => {
    const res = await officer.post(`/api/enrollment/draws/${feederDraw}/return-unplaced`);
    expect(res.statusCode, res.body).toBe(200);
    // P1: 5 children for 3 seats; P2: 3 children, 2 seats, one declined and the waiting one placed.
    expect(res.json()).toEqual({ drawId: feederDraw, route: 'feederQuota', moved: 3 });
  });
});

describe('登记入学 (registration entry)', () => {
  it('takes one school of the own 学区; two choices or another zone are refused', async () => {
    const two = await parentA.post(
      '/api/enrollment/my/applications',
      junior('registrationEntry', { choices: [u.R1, u.R2] }),
    );
    expect(two.json().error.code).toBe('enrollment.one_choice');
    const other = await parentA.post(
      '/api/enrollment/my/applications',
      junior('registrationEntry', { choices: [u.R2] }),
    );
    expect(other.json().error.code).toBe('enrollment.school_outside_zone');
    const none = await parentA.post('/api/enrollment/my/applications', junior('registrationEntry'));
    expect(none.json().error.code).toBe('enrollment.one_choice');
  });

  it('draws per school when oversubscribed (one choice each)', async () => {
    await approved(parentA, junior('registrationEntry', { choices: [u.R1] }));
    await approved(parentB, junior('registrationEntry', { choices: [u.R1] }));
    await approved(parentB, junior('registrationEntry', { zoneId: world.units.zoneB, choices: [u.R2] }));
    const { id, frozen } = await drawAndPublish('registrationEntry', '2026年登记入学摇号');
    expect(frozen.poolSize).toBe(3);
    const placed = await db.execute<{ org_id: number; n: number }>(
      sql`SELECT org_id, count(*)::int AS n FROM enrollment_offer WHERE draw_id = ${id} GROUP BY org_id ORDER BY org_id`,
    );
    expect(placed.rows.map((r) => [Number(r.org_id), Number(r.n)])).toEqual([
      [u.R1, 1],
      [u.R2, 1],
    ]);
  });
});

describe('back to 派位 (return to the area lottery)', () => {
  let privateDraw: number;
  const privateApps: { id: number; lotteryId: string; parent: Client }[] = [];
  it('a private draw places one of three', async () => {
    for (const parent of [parentA, parentA, parentB]) {
      const a = await approved(parent, junior('private', { choices: [u.PR1] }));
      privateApps.push({ id: a.id, lotteryId: a.lotteryId, parent });
    }
    privateDraw = (await drawAndPublish('private', '2026年民办初中摇号')).id;
    expect(
      await count(`SELECT count(*)::int AS n FROM enrollment_offer WHERE draw_id = ${privateDraw}`),
    ).toBe(1);
  });

  it('a family returns its own unplaced child, not another family’s, not a placed one', async () => {
    const offered = await db.execute<{ application_id: number; id: number }>(
      sql`SELECT application_id, id FROM enrollment_offer WHERE draw_id = ${privateDraw}`,
    );
    const placed = privateApps.find((a) => a.id === Number(offered.rows[0]!.application_id))!;
    const unplaced = privateApps.filter((a) => a !== placed);
    const stranger = unplaced.find((a) => a.parent !== parentA) ?? unplaced[0]!;
    const otherParent = stranger.parent === parentA ? parentB : parentA;
    const refused = await otherParent.post(`/api/enrollment/my/applications/${stranger.id}/return-to-area`);
    expect(refused.statusCode).toBe(404);
    const holding = await placed.parent.post(`/api/enrollment/my/applications/${placed.id}/return-to-area`);
    expect(holding.json().error.code).toBe('enrollment.holds_offer');
    // The placed child confirms: its seat is final.
    expect(
      (await placed.parent.post(`/api/enrollment/my/offers/${offered.rows[0]!.id}/confirm`)).statusCode,
    ).toBe(200);
    const reviewsBefore = await count('SELECT count(*)::int AS n FROM enrollment_review');
    const mine = (await stranger.parent.get(`/api/enrollment/applications/${stranger.id}`)).json();
    expect(mine.actions).toContain('returnToArea');
    const res = await stranger.parent.post(`/api/enrollment/my/applications/${stranger.id}/return-to-area`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      route: 'area',
      returnedFrom: 'private',
      status: 'approved',
      lotteryId: stranger.lotteryId,
      choices: [],
    });
    expect(res.json().actions).toContain('rankArea');
    expect(await count('SELECT count(*)::int AS n FROM enrollment_review')).toBe(reviewsBefore);
    // Not yet decided (an approved private child of no published draw): refused with the reason.
    const late = await approved(parentA, junior('private', { choices: [u.PR1] }));
    const early = await parentA.post(`/api/enrollment/my/applications/${late.id}/return-to-area`);
    expect(early.json().error.code).toBe('enrollment.not_unplaced');
  });

  it('the officers return every other unplaced child of the draw, once; confirmed children stay', async () => {
    const principal = await loginAs(app.app, 'principala1');
    expect((await principal.post(`/api/enrollment/draws/${privateDraw}/return-unplaced`)).statusCode).toBe(
      403,
    );
    expect((await parentA.post(`/api/enrollment/draws/${privateDraw}/return-unplaced`)).statusCode).toBe(403);
    const res = await officer.post(`/api/enrollment/draws/${privateDraw}/return-unplaced`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ drawId: privateDraw, route: 'private', moved: 1 });
    const again = await officer.post(`/api/enrollment/draws/${privateDraw}/return-unplaced`);
    expect(again.json().moved).toBe(0);
    const rows = await db.execute<{
      id: number;
      route: string;
      lottery_id: string;
      returned_from: string | null;
    }>(
      sql`SELECT id, route, lottery_id, returned_from FROM enrollment_application WHERE id IN (${sql.raw(privateApps.map((a) => a.id).join(','))})`,
    );
    const confirmed = await db.execute<{ application_id: number }>(
      sql`SELECT application_id FROM enrollment_offer WHERE draw_id = ${privateDraw} AND status = 'confirmed'`,
    );
    for (const r of rows.rows) {
      const before = privateApps.find((a) => a.id === Number(r.id))!;
      expect(r.lottery_id).toBe(before.lotteryId);
      if (Number(r.id) === Number(confirmed.rows[0]!.application_id))
        expect(r).toMatchObject({ route: 'private', returned_from: null });
      else expect(r).toMatchObject({ route: 'area', returned_from: 'private' });
    }
    const audit = await count(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'enrollment.return_unplaced' AND entity_id = '${privateDraw}'`,
    );
    expect(audit).toBe(2);
  });

  it('an area draw has nothing to return; an unpublished draw cannot return', async () => {
    const created = await officer.post('/api/enrollment/draws', {
      yearId,
      name: '未冻结',
      stage: 'junior',
      route: 'private',
      parties: ['区教委'],
    });
    const unpublished = await officer.post(`/api/enrollment/draws/${created.json().id}/return-unplaced`);
    expect(unpublished.json().error.code).toBe('enrollment.draw_wrong_status');
    const area = await officer.post('/api/enrollment/draws', {
      yearId,
      name: '小升初派位',
      stage: 'junior',
      route: 'area',
      parties: ['区教委'],
    });
    const refused = await officer.post(`/api/enrollment/draws/${area.json().id}/return-unplaced`);
    expect(refused.json().error.code).toBe('enrollment.return_not_applicable');
  });

  it('a returned family ranks area schools; the area draw takes the returned children', async () => {
    const returned = await db.execute<{ id: number; account_id: number }>(
      sql`SELECT id, account_id FROM enrollment_application WHERE returned_from IS NOT NULL ORDER BY id`,
    );
    expect(returned.rows.length).toBe(5); // 3 from the feeder draw, 2 from the private one
    const accountA = await db.execute<{ id: number }>(
      sql`SELECT account_id AS id FROM enrollment_application WHERE id = ${privateApps[0]!.id}`,
    );
    const ownerOf = (accountId: number) =>
      Number(accountId) === Number(accountA.rows[0]!.id) ? parentA : parentB;
    const first = returned.rows[0]!;
    const tooMany = await ownerOf(first.account_id).post(
      `/api/enrollment/my/applications/${first.id}/area-choices`,
      {
        choices: [u.J1, u.J2, u.NY2, u.M1],
      },
    );
    expect(tooMany.json().error.code).toBe('enrollment.too_many_choices');
    const notArea = await ownerOf(first.account_id).post(
      `/api/enrollment/my/applications/${first.id}/area-choices`,
      {
        choices: [u.PR1],
      },
    );
    expect(notArea.json().error.code).toBe('enrollment.choice_invalid');
    const stranger = ownerOf(first.account_id) === parentA ? parentB : parentA;
    expect(
      (await stranger.post(`/api/enrollment/my/applications/${first.id}/area-choices`, { choices: [u.J1] }))
        .statusCode,
    ).toBe(404);
    for (const r of returned.rows) {
      const res = await ownerOf(r.account_id).post(`/api/enrollment/my/applications/${r.id}/area-choices`, {
        choices: [u.J1, u.J2, u.NY2],
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const list = (
      await officer.get(`/api/enrollment/applications?yearId=${yearId}&route=area&stage=junior`)
    ).json();
    expect(
      list.items.filter((a: { returnedFrom: string | null }) => a.returnedFrom === 'feederQuota'),
    ).toHaveLength(3);
    const { id, frozen } = await drawAndPublish('area', '2026年小升初派位');
    expect(frozen.poolSize).toBe(5);
    expect(frozen.poolExcluded).toBe(0);
    const again = await ownerOf(first.account_id).post(
      `/api/enrollment/my/applications/${first.id}/area-choices`,
      {
        choices: [u.J2],
      },
    );
    expect(again.json().error.code).toBe('enrollment.pool_frozen');
    expect(await count(`SELECT count(*)::int AS n FROM enrollment_offer WHERE draw_id = ${id}`)).toBe(5);
  });
});

describe('feeder quotas and seats agree', () => {
  /** The seats table as the officers' screen sends it back, with some rows changed or left out. */
  async function seatsTable(
    change: (s: { schoolId: number; route: string; seats: number }) => number | null,
  ) {
    const { items } = (await officer.get(`/api/enrollment/years/${yearId}/schools`)).json() as {
      items: { schoolId: number; stage: string; route: string; seats: number; nineYear: boolean }[];
    };
    return items.flatMap((s) => {
      const seats = change(s);
      return seats === null ? [] : [{ ...s, seats }];
    });
  }
  const state = async () => ({
    feeders: (await officer.get(`/api/enrollment/years/${yearId}/feeders`)).json(),
    schools: (await officer.get(`/api/enrollment/years/${yearId}/schools`)).json(),
    audits: await count(
      `SELECT count(*)::int AS n FROM audit_event WHERE action IN ('enrollment.put_feeders', 'enrollment.put_schools')`,
    ),
  });

  it('refuses pairs promising more than the middle school’s seats, and seats below its pairs; nothing changes', async () => {
    // M1 has 5 feeder-quota seats, its pairs 3 (P1) + 2 (P2); M2 has 5, its pair 3.
    const before = await state();
    const pairs = await officer.post(`/api/enrollment/years/${yearId}/feeders`, {
      feeders: [
        { middleSchoolId: u.M2, feederSchoolId: u.P1 },
        { middleSchoolId: u.M1, feederSchoolId: u.P1 },
        { middleSchoolId: u.M1, feederSchoolId: u.P2, leavers: 10 }, // 3 + 3 > 5
      ],
    });
    expect(pairs.statusCode, pairs.body).toBe(409);
    expect(pairs.json().error).toMatchObject({
      code: 'enrollment.feeder_quota_over_seats',
      field: 'feeders.2.middleSchoolId',
    });
    expect(pairs.json().error.messageEn).toMatch(/feeder-quota seats/);
    const schools = await seatsTable((s) => (s.schoolId === u.M1 && s.route === 'feederQuota' ? 4 : s.seats));
    const lower = await officer.post(`/api/enrollment/years/${yearId}/schools`, { schools });
    expect(lower.statusCode, lower.body).toBe(409);
    const m1 = schools.findIndex((s) => s.schoolId === u.M1 && s.route === 'feederQuota');
    expect(lower.json().error).toMatchObject({
      code: 'enrollment.feeder_quota_over_seats',
      field: `schools.${m1}.seats`,
    });
    // Leaving M2 out of the route would leave its pair without seats.
    const dropped = await officer.post(`/api/enrollment/years/${yearId}/schools`, {
      schools: await seatsTable((s) => (s.schoolId === u.M2 && s.route === 'feederQuota' ? null : s.seats)),
    });
    expect(dropped.json().error).toMatchObject({
      code: 'enrollment.feeder_quota_over_seats',
      field: 'schools',
    });
    expect(await state()).toEqual(before);
  });

  it('accepts pairs once the seats cover them, and seats equal to the pairs’ quotas', async () => {
    const raised = await officer.post(`/api/enrollment/years/${yearId}/schools`, {
      schools: await seatsTable((s) => (s.schoolId === u.M1 && s.route === 'feederQuota' ? 6 : s.seats)),
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const pairs = await officer.post(`/api/enrollment/years/${yearId}/feeders`, {
      feeders: [
        { middleSchoolId: u.M1, feederSchoolId: u.P1 },
        { middleSchoolId: u.M1, feederSchoolId: u.P2, leavers: 10 },
        { middleSchoolId: u.M2, feederSchoolId: u.P1 },
      ],
    });
    expect(pairs.statusCode, pairs.body).toBe(200);
    expect(pairs.json().items.map((f: { quotaSeats: number }) => f.quotaSeats)).toEqual([3, 3, 3]);
    // M2's seats down to exactly its pair's quota: allowed; one below: refused.
    const exact = await officer.post(`/api/enrollment/years/${yearId}/schools`, {
      schools: await seatsTable((s) => (s.schoolId === u.M2 && s.route === 'feederQuota' ? 3 : s.seats)),
    });
    expect(exact.statusCode, exact.body).toBe(200);
    const below = await officer.post(`/api/enrollment/years/${yearId}/schools`, {
      schools: await seatsTable((s) => (s.schoolId === u.M2 && s.route === 'feederQuota' ? 2 : s.seats)),
    });
    expect(below.json().error.code).toBe('enrollment.feeder_quota_over_seats');
  });

  it('recomputes the pairs’ quotas when the year’s quota percent changes; refused when they would outgrow the seats', async () => {
    const year = (await officer.get(`/api/enrollment/years/${yearId}`)).json();
    const withPercent = (quotaPercent: number) => ({
      ...year.config,
      routes: year.config.routes.map((r: { route: string; stage: string }) =>
        r.route === 'feederQuota' && r.stage === 'junior' ? { ...r, quotaPercent } : r,
      ),
    });
    const quotas = async () =>
      (await officer.get(`/api/enrollment/years/${yearId}/feeders`))
        .json()
        .items.map((f: { quotaSeats: number; leavers: number }) => [f.leavers, f.quotaSeats]);
    const before = await quotas();
    // 50 %: M1's pairs would promise more than its 6 seats — refused, nothing changed.
    const over = await officer.patch(`/api/enrollment/years/${yearId}`, { config: withPercent(50) });
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'enrollment.feeder_quota_over_seats',
      field: 'config.routes',
    });
    expect(await quotas()).toEqual(before);
    expect((await officer.get(`/api/enrollment/years/${yearId}`)).json().configVersion).toBe(
      year.configVersion,
    );
    // 20 %: every quota = ceil(leavers × 20 / 100), leavers kept.
    const lower = await officer.patch(`/api/enrollment/years/${yearId}`, { config: withPercent(20) });
    expect(lower.statusCode, lower.body).toBe(200);
    expect(await quotas()).toEqual(
      before.map(([leavers]: number[]) => [leavers, Math.ceil((leavers! * 20) / 100)]),
    );
  });
});

describe('the draws’ actions', () => {
  it('offer 未录取转入派位 on published draws of other routes only', async () => {
    const { items } = (await officer.get(`/api/enrollment/draws?yearId=${yearId}`)).json() as {
      items: { route: string; status: string; actions: string[] }[];
    };
    const returning = items.filter((d) => d.actions.includes('returnUnplaced'));
    expect(returning.map((d) => d.route).sort()).toEqual([
      'feederQuota',
      'private',
      'registrationEntry',
      'throughTrain', // the fallback draw when direct admission was oversubscribed
    ]);
    expect(returning.every((d) => d.status === 'published')).toBe(true);
    // The published area draw and the unpublished ones do not offer it; neither does a reader.
    expect(items.some((d) => d.route === 'area' && d.status === 'published')).toBe(true);
    expect(items.some((d) => d.status === 'created' && d.route === 'private')).toBe(true);
    const zoneA = await loginAs(app.app, 'zonea');
    const read = (await zoneA.get(`/api/enrollment/draws?yearId=${yearId}`)).json();
    expect(read.items.flatMap((d: { actions: string[] }) => d.actions)).toEqual([]);
  });
});

describe('the officers’ application list', () => {
  it('names the current school of junior routes and the route a child returned from, in the list and the export', async () => {
    const query = `yearId=${yearId}&route=area&stage=junior&pageSize=100`;
    const list = (await officer.get(`/api/enrollment/applications?${query}`)).json() as {
      items: { id: number; currentSchoolName: string | null; returnedFrom: string | null }[];
    };
    const fromFeeder = list.items.filter((a) => a.returnedFrom === 'feederQuota');
    expect(fromFeeder).toHaveLength(3);
    // The feeder children came from P1 and P2 (the pairs' primary schools).
    for (const a of fromFeeder) expect(['中关村第二小学', '中关村第三小学']).toContain(a.currentSchoolName);
    const fromPrivate = list.items.filter((a) => a.returnedFrom === 'private');
    expect(fromPrivate.map((a) => a.currentSchoolName)).toEqual([null, null]);
    const detail = (await officer.get(`/api/enrollment/applications/${fromFeeder[0]!.id}`)).json();
    expect(detail.currentSchoolName).toBe(fromFeeder[0]!.currentSchoolName);
    const res = await officer.get(`/api/enrollment/applications/export.xlsx?${query}`);
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    const header = rows[0] as string[];
    const school = header.indexOf('现就读小学 Current school');
    const from = header.indexOf('转入派位 Returned from');
    expect(school).toBeGreaterThan(-1);
    const feederRows = rows.slice(1).filter((r) => r[from] === '对口直升');
    expect(feederRows).toHaveLength(3);
    for (const r of feederRows) expect(['中关村第二小学', '中关村第三小学']).toContain(r[school]);
  });
});
