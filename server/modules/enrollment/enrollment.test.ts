import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitmentOf,
  type DrawBundle,
  verifyBundle,
  verifyReceipt,
} from '../../../engines/lottery/index.ts';
import { systemActor } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import { configureFiles } from '../../core/files/index.ts';
import { type Client, loginAs } from '../../test/http.ts';
import { makeIdNumber, type World } from '../../test/world.ts';
import {
  applicationBody,
  approveApplication,
  auditedExports,
  buildSchool,
  countRows,
  type EnrollmentTest,
  openEnrollmentTest,
  passReviews,
  registerParent as registerParentIn,
} from './fixtures.ts';
import { expireOffersJob } from './offers.ts';

/**
 * Enrollment against a real PostgreSQL, over HTTP: a year with schools, parents registering and
 * applying (idempotent, one account per child, three children per phone), the joint review with
 * reasons and one resubmission, the address ledger's flag and exception, a draw frozen, committed,
 * revealed, run as a job, published and verified (CLI too), offers, declines filling the waitlist
 * in lottery order, and coded refusals that change nothing.
 */
let t: EnrollmentTest;
let db: Db;
let app: EnrollmentTest['app'];
let world: World;
let officer: Client;
let zoneA: Client;
let yearId: number;
let dir: string;
const schools: number[] = [];

beforeAll(async () => {
  t = await openEnrollmentTest({ jobs: true });
  ({ db, app, world, officer, zoneA } = t);
  for (let i = 1; i <= 3; i++) schools.push(await buildSchool(t, `EP${i}`, `学区小学${i}`));
  configureFiles({ root: `/tmp/edugov-files-${process.pid}` });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-enrollment-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const config = {
  routes: [
    { route: 'area', stage: 'primary', maxChoices: 3, lottery: true },
    { route: 'private', stage: 'primary', maxChoices: 1, lottery: true },
  ],
  phases: [{ id: 'dataCollection', from: '2026-05-06', to: '2026-05-31' }],
  categories: [
    { id: 'localProperty', zh: '本区户籍房产', en: 'District hukou, own property', priorityClass: 0 },
    { id: 'nonBeijing', zh: '非京籍', en: 'Non-Beijing', priorityClass: 2 },
  ],
  confirmWorkingDays: 5,
  birthCutoff: '2026-08-31',
};

const registerParent = () => registerParentIn(t);
const application = (overrides: Record<string, unknown> = {}) =>
  applicationBody(world, '2020-03-01', {
    yearId,
    childName: '王小一',
    choices: [schools[0], schools[1]],
    ...overrides,
  });

/** The joint review passed and the application approved by the 学区. */
async function passAll(id: number) {
  await passReviews(zoneA, id);
  return approveApplication(zoneA, id);
}

const count = (table: string) => countRows(db, table);

describe('the enrollment year', () => {
  it('is created, given schools with seats, and opened; 401/403/400 around it', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/api/enrollment/years' })).statusCode).toBe(401);
    const principal = await loginAs(app.app, 'supervisor');
    expect((await principal.get('/api/enrollment/years')).statusCode).toBe(403);
    const bad = await officer.post('/api/enrollment/years', {
      orgId: world.units.dept,
      year: 2026,
      name: 'x',
      config: {},
    });
    expect(bad.statusCode).toBe(400);
    const res = await officer.post('/api/enrollment/years', {
      orgId: world.units.dept,
      year: 2026,
      name: '2026年义务教育入学',
      config,
    });
    expect(res.statusCode, res.body).toBe(200);
    yearId = res.json().id;
    const put = await officer.patch(`/api/enrollment/years/${yearId}`, {}); // no change: same version
    expect(put.json().configVersion).toBe(1);
    const seats = await app.app.inject({
      method: 'POST',
      url: `/api/enrollment/years/${yearId}/schools`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      payload: {
        schools: [
          { schoolId: schools[0], stage: 'primary', route: 'area', seats: 1 },
          { schoolId: schools[1], stage: 'primary', route: 'area', seats: 1 },
          { schoolId: schools[2], stage: 'primary', route: 'area', seats: 1, nineYear: true },
        ],
      },
    });
    expect(seats.statusCode, seats.body).toBe(200);
    expect(seats.json().items[0].zoneId).toBe(world.units.zoneA);
    const open = await officer.patch(`/api/enrollment/years/${yearId}`, {
      status: 'open',
      config: { ...config, confirmWorkingDays: 3 },
    });
    expect(open.json()).toMatchObject({ status: 'open', configVersion: 2 });
    const pub = await app.app.inject({ method: 'GET', url: '/api/public/enrollment/years' });
    expect(pub.json().items[0].schools).toHaveLength(3);
  });
});

let parentA: Client;
let parentB: Client;
let appA: number;
let appB: number;

describe('parents and applications', () => {
  it('registers parents with the password policy; a weak password is refused', async () => {
    const weak = await app.app.inject({
      method: 'POST',
      url: '/api/public/enrollment/register',
      payload: { districtId: world.districtId, phone: '13912345678', name: '家长', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('auth.password_policy');
    parentA = await registerParent();
    parentB = await registerParent();
    const me = await parentA.get('/api/auth/me');
    expect(me.json().modules).toEqual([]);
    expect((await parentA.get('/api/enrollment/applications')).statusCode).toBe(403);
  });

  it('submits idempotently by client key', async () => {
    const body = application();
    const first = await parentA.post('/api/enrollment/my/applications', body);
    expect(first.statusCode, first.body).toBe(200);
    const again = await parentA.post('/api/enrollment/my/applications', body);
    expect(again.json().id).toBe(first.json().id);
    expect(first.json().childIdNumber).toMatch(/\*{4}/);
    appA = first.json().id;
  });

  it('a parent cannot see another family’s application', async () => {
    const b = await parentB.post('/api/enrollment/my/applications', application({ childName: '李小二' }));
    appB = b.json().id;
    expect((await parentB.get(`/api/enrollment/applications/${appA}`)).statusCode).toBe(404);
    expect((await parentA.get(`/api/enrollment/applications/${appA}`)).statusCode).toBe(200);
    const mine = (await parentB.get('/api/enrollment/my/applications')).json();
    expect(mine.items.map((a: { id: number }) => a.id)).toEqual([appB]);
    // Staff of another zone do not see it either.
    const principal = await loginAs(app.app, 'principalb1');
    expect((await principal.get(`/api/enrollment/applications/${appA}`)).statusCode).toBe(404);
  });

  it('refuses bad input with coded 4xx and changes nothing', async () => {
    const before = await count('enrollment_application');
    const cases: [Record<string, unknown>, string][] = [
      [{ childIdNumber: '110108202003011234' }, 'enrollment.id_number_invalid'],
      [{ route: 'feederQuota' }, 'enrollment.route_not_offered'],
      [{ category: 'nobody' }, 'enrollment.category_unknown'],
      [
        { choices: [schools[0], schools[1], schools[2], world.units.schoolA1] },
        'enrollment.too_many_choices',
      ],
      [{ choices: [world.units.schoolA1] }, 'enrollment.choice_invalid'],
      [{ zoneId: world.units.schoolA1 }, 'enrollment.zone_invalid'],
    ];
    for (const [override, code] of cases) {
      const res = await parentA.post('/api/enrollment/my/applications', application(override));
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code, JSON.stringify(override)).toBe(code);
    }
    const missing = await parentA.post('/api/enrollment/my/applications', { yearId });
    expect(missing.statusCode).toBe(400);
    // The same child from another account: one account per child.
    const detail = (await parentA.get(`/api/enrollment/applications/${appA}`)).json();
    expect(detail.lotteryId).toMatch(/^E2026/);
    expect(await count('enrollment_application')).toBe(before);
  });

  it('one account per child, at most three children per guardian phone', async () => {
    const child = makeIdNumber('20200402');
    const first = await parentA.post(
      '/api/enrollment/my/applications',
      application({ childIdNumber: child }),
    );
    expect(first.statusCode, first.body).toBe(200);
    const other = await parentB.post(
      '/api/enrollment/my/applications',
      application({ childIdNumber: child }),
    );
    expect(other.json().error.code).toBe('enrollment.child_other_account');
    const phone = '13700001111';
    for (let i = 0; i < 3; i++) {
      const res = await parentB.post(
        '/api/enrollment/my/applications',
        application({ guardians: [{ name: '赵', relation: '母亲', phone }] }),
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const fourth = await parentB.post(
      '/api/enrollment/my/applications',
      application({ guardians: [{ name: '赵', relation: '母亲', phone }] }),
    );
    expect(fourth.json().error.code).toBe('enrollment.too_many_children');
  });
  it('links twins into one sibling group, only within the same account', async () => {
    const first = await parentA.post('/api/enrollment/my/applications', application({ childName: '孙大双' }));
    const twin = await parentA.post(
      '/api/enrollment/my/applications',
      application({ childName: '孙小双', twinOfApplicationId: first.json().id }),
    );
    expect(twin.statusCode, twin.body).toBe(200);
    const again = (await parentA.get(`/api/enrollment/applications/${first.json().id}`)).json();
    expect(twin.json().siblingGroup).toBe(again.siblingGroup);
    expect(again.siblingGroup).toMatch(/^GE2026/);
    const stranger = await parentB.post(
      '/api/enrollment/my/applications',
      application({ twinOfApplicationId: first.json().id }),
    );
    expect(stranger.statusCode).toBe(404);
    const differs = await parentA.post(
      '/api/enrollment/my/applications',
      application({ choices: [schools[1]], twinOfApplicationId: first.json().id }),
    );
    expect(differs.json().error.code).toBe('enrollment.twin_invalid');
  });
});

describe('review', () => {
  it('an agency rejection shows its reason; the family corrects and resubmits once', async () => {
    const fail = await zoneA.post(`/api/enrollment/applications/${appB}/reviews`, {
      agency: 'housing',
      passed: false,
    });
    expect(fail.json().error.code).toBe('enrollment.reason_required');
    await zoneA.post(`/api/enrollment/applications/${appB}/reviews`, {
      agency: 'housing',
      passed: false,
      reason: '房产证与住址不符',
    });
    const approve = await zoneA.post(`/api/enrollment/applications/${appB}/decision`, { approve: true });
    expect(approve.json().error.code).toBe('enrollment.reviews_incomplete');
    const reject = await zoneA.post(`/api/enrollment/applications/${appB}/decision`, {
      approve: false,
      reason: '住房核验未通过',
    });
    expect(reject.json().status).toBe('rejected');
    const seen = (await parentB.get(`/api/enrollment/applications/${appB}`)).json();
    expect(seen.decisionReason).toBe('住房核验未通过');
    expect(seen.reviews.find((r: { agency: string }) => r.agency === 'housing').reason).toBe(
      '房产证与住址不符',
    );
    expect(seen.actions).toContain('resubmit');
    // A decision on a decided application is refused.
    expect(
      (await zoneA.post(`/api/enrollment/applications/${appB}/decision`, { approve: false, reason: 'x' }))
        .statusCode,
    ).toBe(409);
    const fixed = application({ childName: '李小二' }) as Record<string, unknown>;
    delete fixed.clientKey;
    delete fixed.yearId;
    delete fixed.stage;
    fixed.childIdNumber = undefined;
    const original = await db.execute<{ lottery_id: string }>(
      sql`SELECT lottery_id FROM enrollment_application WHERE id = ${appB}`,
    );
    // The child's own ID: taken from the first submission (decrypt not needed: resubmit with a new valid id of the same child is refused)
    const resubmit = await parentB.post(`/api/enrollment/my/applications/${appB}/resubmit`, {
      ...fixed,
      childIdNumber: makeIdNumber('20200505'),
    });
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    expect(resubmit.json()).toMatchObject({
      status: 'resubmitted',
      resubmissions: 1,
      lotteryId: original.rows[0]!.lottery_id,
    });
    await passAll(appB);
    await zoneA.post(`/api/enrollment/applications/${appB}/decision`, { approve: false, reason: 'x' });
    const again = await parentB.post(`/api/enrollment/my/applications/${appB}/resubmit`, {
      ...fixed,
      childIdNumber: makeIdNumber(),
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('the address ledger', () => {
  it('flags an application on a locked address with the earlier use; an exception names its approver', async () => {
    const address = '北京市海淀区学院路 30 号 5 号楼 201';
    await db.execute(sql`
      INSERT INTO enrollment_address_use (district_id, address_hash, address_masked, child_id_hash, child_name, year, school_id, span)
      SELECT ${world.districtId}, address_hash, address_masked, 'someone-else', '陈大哥', 2022, ${schools[0]}, 6
      FROM (SELECT 1) one, LATERAL (SELECT ${'x'}::text AS address_hash, '北京市海淀区****'::text AS address_masked) v`);
    // Use the application's own hashing: submit once to learn the key, then point the ledger at it.
    const probe = await parentA.post(
      '/api/enrollment/my/applications',
      application({ address: `${address}X` }),
    );
    expect(probe.json().flagged).toBe(false);
    const res = await parentA.post('/api/enrollment/my/applications', application({ address }));
    const id = res.json().id;
    await db.execute(
      sql`UPDATE enrollment_address_use SET address_hash = (SELECT address_hash FROM enrollment_application WHERE id = ${id}) WHERE child_name = '陈大哥'`,
    );
    // Resubmission-free check: a second family on the same address (normalised) is flagged.
    const second = await parentB.post(
      '/api/enrollment/my/applications',
      application({ address: address.replaceAll(' ', '') }),
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().flagged).toBe(true);
    expect(second.json().addressFlag).toMatchObject({ year: 2022, childName: '陈大哥', span: 6 });
    const flagged = (await zoneA.get(`/api/enrollment/applications?yearId=${yearId}&flagged=true`)).json();
    expect(flagged.items.map((a: { id: number }) => a.id)).toContain(second.json().id);
    await passAll(second.json().id).catch(() => {});
    const locked = await zoneA.post(`/api/enrollment/applications/${second.json().id}/decision`, {
      approve: true,
    });
    expect(locked.json().error.code).toBe('enrollment.address_locked');
    const exception = await zoneA.post(`/api/enrollment/applications/${second.json().id}/address-exception`, {
      reason: '政策允许的二孩',
    });
    expect(exception.json().addressException).toMatchObject({
      reason: '政策允许的二孩',
      approverName: 'zonea',
    });
    expect(
      (
        await zoneA.post(`/api/enrollment/applications/${second.json().id}/decision`, { approve: true })
      ).json().status,
    ).toBe('approved');
  });
});

let drawId: number;
const reveals: Record<string, string> = {
  区教委: '11'.repeat(16),
  公证处: '22'.repeat(16),
  家长代表: '33'.repeat(16),
};

describe('the draw', () => {
  it('freezes, takes commitments and reveals, runs as a job, publishes a bundle that verifies', async () => {
    await passAll(appA);
    const created = await officer.post('/api/enrollment/draws', {
      yearId,
      name: '2026年小学派位（中关村学区）',
      stage: 'primary',
      route: 'area',
      zoneId: world.units.zoneA,
      parties: Object.keys(reveals),
    });
    expect(created.statusCode, created.body).toBe(200);
    drawId = created.json().id;
    expect((await officer.post(`/api/enrollment/draws/${drawId}/run`)).statusCode).toBe(409);
    const frozen = await officer.post(`/api/enrollment/draws/${drawId}/freeze`);
    expect(frozen.statusCode, frozen.body).toBe(200);
    expect(frozen.json().poolRoot).toMatch(/^[0-9a-f]{64}$/);
    const poolSize = frozen.json().poolSize;
    expect(poolSize).toBeGreaterThanOrEqual(3);
    // A receipt before the draw, without a session.
    const lotteryId = (await parentA.get(`/api/enrollment/applications/${appA}`)).json().lotteryId;
    const receipt = await app.app.inject({
      method: 'GET',
      url: `/api/public/enrollment/draws/${drawId}/family?lotteryId=${lotteryId}`,
    });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(
      verifyReceipt(frozen.json().poolRoot, receipt.json().receipt.entry, receipt.json().receipt.proof),
    ).toBe(true);
    expect(receipt.json().explanation).toBeNull();
    // Reveal before everyone committed: refused.
    await officer.post(`/api/enrollment/draws/${drawId}/commitments`, {
      party: '区教委',
      commitment: commitmentOf(reveals.区教委!),
    });
    expect(
      (
        await officer.post(`/api/enrollment/draws/${drawId}/reveals`, {
          party: '区教委',
          reveal: reveals.区教委,
        })
      ).json().error.code,
    ).toBe('enrollment.reveals_missing');
    for (const party of ['公证处', '家长代表'])
      await officer.post(`/api/enrollment/draws/${drawId}/commitments`, {
        party,
        commitment: commitmentOf(reveals[party]!),
      });
    const wrong = await officer.post(`/api/enrollment/draws/${drawId}/reveals`, {
      party: '公证处',
      reveal: '44'.repeat(16),
    });
    expect(wrong.json().error.code).toBe('enrollment.reveal_mismatch');
    for (const [party, reveal] of Object.entries(reveals)) {
      const res = await officer.post(`/api/enrollment/draws/${drawId}/reveals`, { party, reveal });
      expect(res.statusCode, res.body).toBe(200);
    }
    const run = await officer.post(`/api/enrollment/draws/${drawId}/run`);
    expect(run.statusCode, run.body).toBe(200);
    let draw = run.json().draw;
    for (let i = 0; i < 200 && draw.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      draw = (await officer.get(`/api/enrollment/draws/${drawId}`)).json();
    }
    expect(draw.status).toBe('drawn');
    expect(
      (await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${drawId}/bundle` }))
        .statusCode,
    ).toBe(404);
    const published = await officer.post(`/api/enrollment/draws/${drawId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const text = (
      await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${drawId}/bundle` })
    ).body;
    const bundle = JSON.parse(text) as DrawBundle;
    expect(verifyBundle(bundle, { poolRoot: frozen.json().poolRoot })).toEqual({ ok: true });
    const file = path.join(dir, 'bundle.json');
    fs.writeFileSync(file, text);
    const cli = execFileSync(
      'npx',
      ['tsx', 'server/cli.ts', 'lottery', 'verify', file, '--pool-root', frozen.json().poolRoot],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(cli).toContain('verified');
    // An edited bundle does not verify.
    const someone = Object.keys(bundle.result.assignments).find(
      (id) => bundle.result.assignments[id] !== null,
    )!;
    const edited = structuredClone(bundle);
    edited.result.assignments[someone] = null;
    expect(verifyBundle(edited).ok).toBe(false);
    fs.writeFileSync(path.join(dir, 'edited.json'), JSON.stringify(edited));
    let exit = 0;
    try {
      execFileSync('npx', ['tsx', 'server/cli.ts', 'lottery', 'verify', path.join(dir, 'edited.json')], {
        stdio: 'ignore',
      });
    } catch (error) {
      exit = (error as { status: number }).status;
    }
    expect(exit).toBe(1);
    const family = (
      await app.app.inject({
        method: 'GET',
        url: `/api/public/enrollment/draws/${drawId}/family?lotteryId=${lotteryId}`,
      })
    ).json();
    expect(family.explanation.lotteryNumber).toMatch(/^[0-9a-f]{64}$/);
    expect(family.explanation.assigned).toBe(bundle.result.assignments[lotteryId]);
    const comparison = (
      await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${drawId}/comparison` })
    ).json();
    expect(comparison.da.resultHash).toBe(bundle.resultHash);
    expect(comparison.da.students).toBe(bundle.pool.length);
  }, 60_000);

  it('offers follow the bundle; a decline fills the waitlist in lottery order', async () => {
    const bundle = JSON.parse(
      (await app.app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${drawId}/bundle` })).body,
    ) as DrawBundle;
    const offers = await db.execute<{
      lottery_id: string;
      code: string;
      id: number;
      application_id: number;
    }>(sql`
      SELECT a.lottery_id, u.code, o.id, o.application_id FROM enrollment_offer o
      JOIN enrollment_application a ON a.id = o.application_id JOIN org_unit u ON u.id = o.org_id WHERE o.draw_id = ${drawId}`);
    const placed = Object.entries(bundle.result.assignments).filter(([, s]) => s !== null);
    expect(offers.rows.length).toBe(placed.length);
    for (const o of offers.rows) expect(bundle.result.assignments[o.lottery_id]).toBe(o.code);
    const deadline = await db.execute<{ deadline: Date }>(
      sql`SELECT deadline FROM enrollment_offer WHERE draw_id = ${drawId} LIMIT 1`,
    );
    expect(new Date(deadline.rows[0]!.deadline).getTime()).toBeGreaterThan(Date.now());
    // The waitlist of EP1 in (class, lottery number) order, from the bundle.
    const waitlist = await db.execute<{ lottery_id: string; position: number }>(sql`
      SELECT a.lottery_id, w.position FROM enrollment_waitlist w JOIN enrollment_application a ON a.id = w.application_id
      WHERE w.draw_id = ${drawId} AND w.school_id = ${schools[0]} ORDER BY w.position`);
    const { lotteryNumberHex } = await import('../../../engines/lottery/index.ts');
    const key = (id: string) => {
      const entry = bundle.pool.find((p) => p.id === id)!;
      return `${String(entry.priority?.EP1 ?? 99).padStart(2, '0')}${lotteryNumberHex(bundle.seed, id)}`;
    };
    const ids = waitlist.rows.map((r) => r.lottery_id);
    expect(ids).toEqual([...ids].sort((x, y) => (key(x) < key(y) ? -1 : 1)));
    // The holder of EP1's seat declines (through its own parent account).
    const holder = offers.rows.find((o) => o.code === 'EP1')!;
    const owner = holder.application_id === appA ? parentA : parentB;
    const otherParent = owner === parentA ? parentB : parentA;
    expect((await otherParent.post(`/api/enrollment/my/offers/${holder.id}/decline`)).statusCode).toBe(404);
    const declined = await owner.post(`/api/enrollment/my/offers/${holder.id}/decline`);
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await owner.post(`/api/enrollment/my/offers/${holder.id}/confirm`)).json().error.code).toBe(
      'enrollment.offer_closed',
    );
    if (ids.length) {
      const next = await db.execute<{ lottery_id: string }>(sql`
        SELECT a.lottery_id FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
        WHERE o.draw_id = ${drawId} AND o.source = 'waitlist' AND o.org_id = ${schools[0]}`);
      expect(next.rows[0]?.lottery_id).toBe(ids[0]);
    }
  });

  it('offers past their deadline expire and their seats go down the waitlist', async () => {
    const open = await db.execute<{ id: number }>(
      sql`SELECT id FROM enrollment_offer WHERE draw_id = ${drawId} AND status = 'offered' ORDER BY id LIMIT 1`,
    );
    const id = open.rows[0]?.id;
    if (!id) return;
    await db.execute(sql`UPDATE enrollment_offer SET deadline = now() - interval '1 hour' WHERE id = ${id}`);
    expect((await zoneA.post(`/api/enrollment/draws/${drawId}/expire-offers`)).statusCode).toBe(403);
    const res = await officer.post(`/api/enrollment/draws/${drawId}/expire-offers`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().expired).toBe(1);
    const status = await db.execute<{ status: string }>(
      sql`SELECT status FROM enrollment_offer WHERE id = ${id}`,
    );
    expect(status.rows[0]!.status).toBe('expired');
    await db.execute(
      sql`UPDATE enrollment_offer SET status = 'offered', deadline = now() + interval '5 days' WHERE id = ${id}`,
    );
  });

  it('expires offers on the schedule too, as the system', async () => {
    const open = await db.execute<{ id: number }>(
      sql`SELECT id FROM enrollment_offer WHERE draw_id = ${drawId} AND status = 'offered' ORDER BY id LIMIT 1`,
    );
    const id = open.rows[0]?.id;
    if (!id) return;
    await db.execute(sql`UPDATE enrollment_offer SET deadline = now() - interval '1 hour' WHERE id = ${id}`);
    const inputs = await expireOffersJob.every!.inputs(db);
    expect(inputs).toContainEqual({ drawId });
    const ctx = { input: { drawId }, db, actor: systemActor('scheduler') } as Parameters<
      typeof expireOffersJob.run
    >[0];
    expect(await expireOffersJob.run(ctx)).toMatchObject({ expired: 1 });
    await db.execute(
      sql`UPDATE enrollment_offer SET status = 'offered', deadline = now() + interval '5 days' WHERE id = ${id}`,
    );
  });

  it('a confirmed offer records the address use, prints a notice, and exports to the registry', async () => {
    const mine = (await parentA.get('/api/enrollment/my/applications')).json();
    const offer = mine.items
      .flatMap((a: { offers: { id: number; status: string }[] }) => a.offers)
      .find((o: { status: string }) => o.status === 'offered');
    if (!offer) return;
    const before = await count('enrollment_address_use');
    const confirmed = await parentA.post(`/api/enrollment/my/offers/${offer.id}/confirm`);
    expect(confirmed.json().status).toBe('confirmed');
    expect(await count('enrollment_address_use')).toBe(before + 1);
    const notice = await parentA.get(`/api/enrollment/offers/${offer.id}/notice`);
    expect(notice.json()).toMatchObject({ status: 'confirmed', noticeNo: expect.any(String) });
    expect((await parentB.get(`/api/enrollment/offers/${offer.id}/notice`)).statusCode).toBe(404);
    const registry = await officer.get(`/api/enrollment/years/${yearId}/registry.xlsx`);
    expect(registry.statusCode).toBe(200);
    const supply = (await officer.get(`/api/enrollment/years/${yearId}/supply`)).json();
    const zoneRow = supply.rows.find(
      (r: { zoneId: number; stage: string }) => r.zoneId === world.units.zoneA && r.stage === 'primary',
    );
    expect(zoneRow.seats).toBe(3);
    expect(zoneRow.applications).toBeGreaterThan(3);
  });
});

describe('exports', () => {
  it('exports the applications, the offers and the address ledger to Excel, audited', async () => {
    for (const list of ['applications', 'offers', 'address-uses']) {
      const res = await officer.get(`/api/enrollment/${list}/export.xlsx`);
      expect(res.statusCode, `${list}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    }
    const wanted = ['enrollment.export', 'enrollment.export_ledger', 'enrollment.export_offers'];
    const now = await auditedExports(db, 'enrollment.export', wanted);
    expect(now).toEqual(expect.arrayContaining(wanted));
  });
});
