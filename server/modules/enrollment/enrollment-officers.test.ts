import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import { type Client, loginAs } from '../../test/http.ts';
import { buildAccount, buildPerson, type World } from '../../test/world.ts';
import {
  applicationBody,
  buildSchool,
  countRows,
  createYear,
  type EnrollmentTest,
  openEnrollmentTest,
  publishDraw,
  registerParent,
} from './fixtures.ts';

/**
 * The officers' side of enrollment against a real PostgreSQL, over HTTP: the year form's rules
 * refused with coded errors (and nothing changed), waitlists listed, scoped and exported (audited),
 * offers expired with the per-school refill, and the hand-over of confirmed children to the student
 * registry — idempotent, counted, sealed IDs carried unchanged, a known child moved not duplicated,
 * refused to a principal and to a zone manager.
 */
let t: EnrollmentTest;
let db: Db;
let app: EnrollmentTest['app'];
let world: World;
let officer: Client;
let zoneA: Client;
let parent: Client;
let yearId: number;
let drawId: number;
const schools: number[] = [];
const children: { id: string; name: string }[] = [];

beforeAll(async () => {
  t = await openEnrollmentTest({ jobs: true });
  ({ db, app, world, officer, zoneA } = t);
  for (let i = 1; i <= 3; i++) schools.push(await buildSchool(t, `OP${i}`, `官员测试小学${i}`));
  await buildAccount(db, {
    districtId: world.districtId,
    orgId: world.units.zoneB,
    username: 'zoneb',
    grants: [{ role: 'zoneManager', orgId: world.units.zoneB }],
  });
});
afterAll(async () => {
  await t.close();
});

const config = {
  routes: [
    { route: 'area', stage: 'primary', maxChoices: 3, lottery: true },
    { route: 'feederQuota', stage: 'junior', maxChoices: 1, quotaPercent: 30, lottery: true },
  ],
  phases: [
    { id: 'platformOpen', from: '2026-05-01', to: '2026-05-01' },
    { id: 'dataCollection', from: '2026-05-06', to: '2026-05-31' },
    { id: 'areaDraw', from: '2026-07-03', to: '2026-07-03' },
  ],
  categories: [
    { id: 'localProperty', zh: '本区户籍房产', en: 'District hukou, own property', priorityClass: 0 },
    { id: 'nonBeijing', zh: '非京籍', en: 'Non-Beijing', priorityClass: 2 },
  ],
  confirmWorkingDays: 5,
  birthCutoff: '2026-08-31',
};

const count = (table: string, where?: string) => countRows(db, table, where);

/** Wait for an export's audit event: the export's transaction commits just after the last byte. */
async function auditedSoon(action: string, before: number): Promise<number> {
  let n = await count('audit_event', `action = '${action}'`);
  for (let i = 0; i < 60 && n === before; i++) {
    await new Promise((r) => setTimeout(r, 50));
    n = await count('audit_event', `action = '${action}'`);
  }
  return n;
}

describe('the year form’s rules', () => {
  it('refuses what the form must not send, with the field and a coded error, and changes nothing', async () => {
    const base = { orgId: world.units.dept, year: 2026, name: '2026年义务教育入学' };
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { routes: [...config.routes, { route: 'area', stage: 'primary', maxChoices: 2, lottery: false }] },
        'enrollment.route_duplicate',
        'config.routes.2.route',
      ],
      [
        { routes: [{ route: 'feederQuota', stage: 'junior', maxChoices: 1, lottery: true }] },
        'enrollment.quota_required',
        'config.routes.0.quotaPercent',
      ],
      [
        { phases: [{ id: 'dataCollection', from: '2026-05-31', to: '2026-05-06' }] },
        'enrollment.phase_dates',
        'config.phases.0.to',
      ],
      [
        {
          phases: [
            { id: 'dataCollection', from: '2026-05-06', to: '2026-05-31' },
            { id: 'platformOpen', from: '2026-06-01', to: '2026-06-01' },
          ],
        },
        'enrollment.phases_order',
        'config.phases.1.from',
      ],
      [
        {
          phases: [
            { id: 'dataCollection', from: '2026-05-06', to: '2026-05-31' },
            { id: 'schoolReview', from: '2026-05-31', to: '2026-06-10' },
          ],
        },
        'enrollment.phases_order',
        'config.phases.1.from',
      ],
      [
        {
          phases: [
            { id: 'dataCollection', from: '2026-05-06', to: '2026-05-10' },
            { id: 'dataCollection', from: '2026-05-20', to: '2026-05-31' },
          ],
        },
        'enrollment.phase_duplicate',
        'config.phases.1.id',
      ],
      [
        {
          categories: [...config.categories, { id: 'nonBeijing', zh: '重复', en: 'Again', priorityClass: 3 }],
        },
        'enrollment.category_duplicate',
        'config.categories.2.id',
      ],
    ];
    for (const [override, code, field] of cases) {
      const res = await officer.post('/api/enrollment/years', {
        ...base,
        config: { ...config, ...override },
      });
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error, code).toMatchObject({ code, field });
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count('enrollment_year')).toBe(0);
    const zoneManager = await zoneA.post('/api/enrollment/years', { ...base, config });
    expect(zoneManager.statusCode).toBe(403);
    yearId = await createYear(officer, {
      ...base,
      config,
      schools: schools.map((schoolId) => ({ schoolId, stage: 'primary', route: 'area', seats: 1 })),
      open: false,
    });
  });

  it('moves a year draft → open → closed only, and keeps routes with seats and categories in use', async () => {
    const skip = await officer.patch(`/api/enrollment/years/${yearId}`, { status: 'closed' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'enrollment.status_transition', field: 'status' });
    const dropRoute = await officer.patch(`/api/enrollment/years/${yearId}`, {
      config: { ...config, routes: [config.routes[1]] },
    });
    expect(dropRoute.json().error.code).toBe('enrollment.route_in_use');
    const badConfig = await officer.patch(`/api/enrollment/years/${yearId}`, {
      config: { ...config, categories: [config.categories[0], config.categories[0]] },
    });
    expect(badConfig.json().error.code).toBe('enrollment.category_duplicate');
    expect((await officer.get(`/api/enrollment/years/${yearId}`)).json()).toMatchObject({
      status: 'draft',
      configVersion: 1,
    });
    expect(await count('enrollment_year_version')).toBe(1);
    const open = await officer.patch(`/api/enrollment/years/${yearId}`, { status: 'open' });
    expect(open.json().status).toBe('open');
    const back = await officer.patch(`/api/enrollment/years/${yearId}`, { status: 'draft' });
    expect(back.json().error.code).toBe('enrollment.status_transition');
    // The same status again is no transition.
    expect((await officer.patch(`/api/enrollment/years/${yearId}`, { status: 'open' })).statusCode).toBe(200);
  });
});

describe('waitlists, offers and the expiry', () => {
  it('a published draw leaves offers and waitlists', async () => {
    parent = await registerParent(t, '13955550001');
    for (let i = 0; i < 6; i++) {
      const body = applicationBody(world, '2020-03-01', {
        yearId,
        category: i % 2 ? 'nonBeijing' : 'localProperty',
        childName: `候补儿童${i}`,
        // One guardian phone per three children (the portal's limit).
        guardians: [
          { name: '监护人', relation: '母亲', phone: `1380000${String(100 + Math.floor(i / 3))}0` },
        ],
        choices: [schools[0], schools[1]],
      });
      const res = await parent.post('/api/enrollment/my/applications', body);
      expect(res.statusCode, res.body).toBe(200);
      children.push({ id: body.childIdNumber, name: body.childName });
    }
    // The joint review is another test's subject: approve these directly.
    await db.execute(sql`UPDATE enrollment_application SET status = 'approved' WHERE year_id = ${yearId}`);
    drawId = (
      await publishDraw(t, {
        yearId,
        name: '2026年小学派位（官员测试）',
        stage: 'primary',
        route: 'area',
        zoneId: world.units.zoneA,
      })
    ).id;
    expect(await count('enrollment_offer', `draw_id = ${drawId}`)).toBe(2);
    expect(await count('enrollment_waitlist', `draw_id = ${drawId}`)).toBeGreaterThan(0);
  }, 60_000);

  it('lists a school’s waitlist in its order with the child masked; filters; 401/403 and scope', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/api/enrollment/waitlists' })).statusCode).toBe(401);
    const principal = await loginAs(app.app, 'principala1');
    expect((await principal.get('/api/enrollment/waitlists')).statusCode).toBe(403);
    const res = await zoneA.get(
      `/api/enrollment/waitlists?drawId=${drawId}&schoolId=${schools[0]}&sort=position`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    const stored = await db.execute<{ lottery_id: string }>(sql`
      SELECT a.lottery_id FROM enrollment_waitlist w JOIN enrollment_application a ON a.id = w.application_id
      WHERE w.draw_id = ${drawId} AND w.school_id = ${schools[0]} ORDER BY w.position`);
    expect(list.total).toBe(stored.rows.length);
    expect(list.items.map((e: { lotteryId: string }) => e.lotteryId)).toEqual(
      stored.rows.map((r) => r.lottery_id),
    );
    for (const e of list.items) {
      expect(e.childIdNumber).toMatch(/^110108\*{8}[\dX]{4}$/);
      expect(e).toMatchObject({
        drawId,
        schoolId: schools[0],
        schoolName: '官员测试小学1',
        status: 'waiting',
      });
    }
    expect(res.body).not.toMatch(/110108\d{12}/);
    const offered = await zoneA.get(`/api/enrollment/waitlists?drawId=${drawId}&status=offered`);
    expect(offered.json().total).toBe(0);
    // Another 学区's manager sees none of these schools' waitlists.
    const zoneB = await loginAs(app.app, 'zoneb');
    expect((await zoneB.get(`/api/enrollment/waitlists?drawId=${drawId}`)).json().total).toBe(0);
    const summary = (await zoneA.get(`/api/enrollment/waitlists/schools?drawId=${drawId}`)).json();
    expect(summary.items.find((s: { schoolId: number }) => s.schoolId === schools[0])).toMatchObject({
      waiting: stored.rows.length,
      offered: 0,
    });
  });

  it('exports the waitlists to Excel, audited; refused to a principal', async () => {
    const principal = await loginAs(app.app, 'principala1');
    expect((await principal.get('/api/enrollment/waitlists/export.xlsx')).statusCode).toBe(403);
    const before = await count('audit_event', `action = 'enrollment.export_waitlists'`);
    const res = await officer.get(`/api/enrollment/waitlists/export.xlsx?drawId=${drawId}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(await auditedSoon('enrollment.export_waitlists', before)).toBe(before + 1);
    const event = await db.execute<{ after: { rows: number; filters: { drawId: number } } }>(
      sql`SELECT after FROM audit_event WHERE action = 'enrollment.export_waitlists' ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.rows[0]!.after.filters.drawId).toBe(drawId);
    expect(event.rows[0]!.after.rows).toBe(await count('enrollment_waitlist', `draw_id = ${drawId}`));
  });

  it('keeps a category that applications use', async () => {
    const res = await officer.patch(`/api/enrollment/years/${yearId}`, {
      config: { ...config, categories: [config.categories[0]] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('enrollment.category_in_use');
    expect((await officer.get(`/api/enrollment/years/${yearId}`)).json().configVersion).toBe(1);
  });

  it('filters offers by school and source', async () => {
    const all = (await officer.get(`/api/enrollment/offers?drawId=${drawId}`)).json();
    expect(all.total).toBe(2);
    const atFirst = (
      await officer.get(`/api/enrollment/offers?drawId=${drawId}&schoolId=${schools[0]}`)
    ).json();
    expect(atFirst.total).toBe(1);
    expect(atFirst.items[0].schoolId).toBe(schools[0]);
    expect((await officer.get(`/api/enrollment/offers?drawId=${drawId}&source=waitlist`)).json().total).toBe(
      0,
    );
  });

  it('expires offers past their deadline now and reports the refill per school', async () => {
    const [first] = (
      await db.execute<{ id: number; org_id: number }>(
        sql`SELECT id, org_id FROM enrollment_offer WHERE draw_id = ${drawId} AND org_id = ${schools[0]}`,
      )
    ).rows;
    await db.execute(
      sql`UPDATE enrollment_offer SET deadline = now() - interval '1 hour' WHERE id = ${first!.id}`,
    );
    expect((await zoneA.post(`/api/enrollment/draws/${drawId}/expire-offers`)).statusCode).toBe(403);
    const res = await officer.post(`/api/enrollment/draws/${drawId}/expire-offers`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.expired).toBe(1);
    expect(body.filled).toBeGreaterThanOrEqual(1);
    const first0 = body.schools.find((s: { schoolId: number }) => s.schoolId === schools[0]);
    expect(first0).toMatchObject({ schoolName: '官员测试小学1', expired: 1, filled: 1 });
    expect(body.schools.reduce((n: number, s: { filled: number }) => n + s.filled, 0)).toBe(body.filled);
    const fromWaitlist = (
      await officer.get(`/api/enrollment/offers?drawId=${drawId}&source=waitlist`)
    ).json();
    expect(fromWaitlist.total).toBe(body.filled);
    const summary = (await zoneA.get(`/api/enrollment/waitlists/schools?drawId=${drawId}`)).json();
    expect(summary.items.find((s: { schoolId: number }) => s.schoolId === schools[0]).offered).toBe(1);
  });
});

describe('the hand-over to the student registry (录取名单转学籍)', () => {
  async function confirmOpenOffers(limit: number) {
    const mine = (await parent.get('/api/enrollment/my/applications')).json();
    const open = mine.items
      .flatMap((a: { offers: { id: number; status: string }[] }) => a.offers)
      .filter((o: { status: string }) => o.status === 'offered')
      .slice(0, limit);
    for (const o of open) {
      const res = await parent.post(`/api/enrollment/my/offers/${o.id}/confirm`);
      expect(res.statusCode, res.body).toBe(200);
    }
    return open.length;
  }
  const studentsOfYear = () =>
    db.execute<{
      id: number;
      org_id: number;
      grade: number;
      entry_date: string;
      kind: string;
      id_number_enc: string;
      id_number_hash: string;
      id_number_masked: string;
      name: string;
    }>(sql`SELECT p.id, p.org_id, p.grade, p.entry_date::text, p.kind, p.id_number_enc, p.id_number_hash, p.id_number_masked, p.name
      FROM person p JOIN enrollment_application a ON a.child_id_hash = p.id_number_hash AND a.year_id = ${yearId}`);

  it('is refused to a principal and to a zone manager, and a bad stage is a 400', async () => {
    const principal = await loginAs(app.app, 'principala1');
    const url = `/api/enrollment/years/${yearId}/registry-transfer`;
    expect((await principal.post(url, { stage: 'primary' })).statusCode).toBe(403);
    expect((await zoneA.post(url, { stage: 'primary' })).statusCode).toBe(403);
    expect((await officer.post(url, { stage: 'kindergarten' })).statusCode).toBe(400);
    expect(
      (await officer.post('/api/enrollment/years/999999/registry-transfer', { stage: 'primary' })).statusCode,
    ).toBe(404);
    expect(await count('audit_event', `action = 'enrollment.transfer_registry'`)).toBe(0);
  });

  it('enters each confirmed child once, at its school, grade 1, September intake, the ID sealed as stored', async () => {
    // One child is already in the registry (a kindergarten pupil); one child's ID is a guardian's record.
    const offered = await db.execute<{ child_name: string; lottery_id: string }>(sql`
      SELECT a.child_name, a.lottery_id FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
      WHERE o.draw_id = ${drawId} AND o.status = 'offered' ORDER BY o.id`);
    expect(offered.rows.length).toBeGreaterThanOrEqual(2);
    const known = children.find((c) => c.name === offered.rows[0]!.child_name)!;
    const kindergartner = await buildPerson(db, {
      districtId: world.districtId,
      orgId: world.units.kgB,
      kind: 'student',
      name: known.name,
      idNumber: known.id,
      grade: 0,
    });
    const confirmed = await confirmOpenOffers(10);
    expect(confirmed).toBe(offered.rows.length);
    const before = await count('person');
    const res = await officer.post(`/api/enrollment/years/${yearId}/registry-transfer`, { stage: 'primary' });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({
      yearId,
      stage: 'primary',
      grade: 1,
      entryDate: '2026-09-01',
      confirmed,
      added: confirmed - 1,
      updated: 1,
      unchanged: 0,
      conflicts: 0,
    });
    expect(result.children).toEqual([
      expect.objectContaining({ childName: known.name, outcome: 'updated', fromOrgName: '万寿路幼儿园' }),
    ]);
    expect(result.children[0].idNumber).toMatch(/\*{8}/);
    expect(await count('person')).toBe(before + confirmed - 1);
    const people = (await studentsOfYear()).rows;
    const apps = await db.execute<{ child_id_enc: string; child_id_hash: string; org_id: number }>(sql`
      SELECT a.child_id_enc, a.child_id_hash, o.org_id FROM enrollment_offer o
      JOIN enrollment_application a ON a.id = o.application_id WHERE o.status = 'confirmed'`);
    expect(people).toHaveLength(apps.rows.length);
    for (const app of apps.rows) {
      const p = people.find((x) => x.id_number_hash === app.child_id_hash)!;
      expect(p).toMatchObject({ kind: 'student', grade: 1, entry_date: '2026-09-01', org_id: app.org_id });
      expect(p.id_number_masked).toMatch(/^110108\*{8}[\dX]{4}$/);
      if (p.id !== kindergartner) expect(p.id_number_enc).toBe(app.child_id_enc);
      expect(p.id_number_enc).not.toMatch(/110108\d{12}/);
    }
    // The kindergarten pupil was moved, not duplicated.
    expect(people.find((p) => p.id === kindergartner)).toMatchObject({ grade: 1, entry_date: '2026-09-01' });
    expect(
      await count(
        'person',
        `id_number_hash = '${people.find((p) => p.id === kindergartner)!.id_number_hash}'`,
      ),
    ).toBe(1);
    const transferred = await count(
      'enrollment_offer',
      `status = 'confirmed' AND transferred_at IS NOT NULL`,
    );
    expect(transferred).toBe(confirmed);
    // Both modules audited it with the counts.
    const events = await db.execute<{ action: string; after: Record<string, unknown> }>(sql`
      SELECT action, after FROM audit_event WHERE action IN ('enrollment.transfer_registry', 'people.admit_students') ORDER BY seq`);
    expect(events.rows.map((e) => e.action)).toEqual([
      'people.admit_students',
      'enrollment.transfer_registry',
    ]);
    expect(events.rows[1]!.after).toMatchObject({
      added: confirmed - 1,
      updated: 1,
      unchanged: 0,
      confirmed,
    });
    expect(JSON.stringify(events.rows)).not.toMatch(/110108\d{12}/);
  });

  it('adds nobody when run again, and only the newly confirmed after more confirmations', async () => {
    const before = await count('person');
    const again = (
      await officer.post(`/api/enrollment/years/${yearId}/registry-transfer`, { stage: 'primary' })
    ).json();
    expect(again).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: again.confirmed,
      conflicts: 0,
      children: [],
    });
    expect(await count('person')).toBe(before);
    // A school gives a class to a handed-over child: a re-run does not undo it.
    await db.execute(sql`UPDATE person SET class_name = '1年级1班' WHERE entry_date = '2026-09-01'`);
    // More confirmations: another seat is offered (a waitlist refill) and its child confirms.
    await db.execute(sql`
      INSERT INTO enrollment_offer (district_id, org_id, draw_id, application_id, source, deadline, notice_no)
      SELECT ${world.districtId}, ${schools[2]}, ${drawId}, a.id, 'waitlist', now() + interval '5 days', 'TEST-EXTRA-1'
      FROM enrollment_application a WHERE a.year_id = ${yearId}
        AND NOT EXISTS (SELECT 1 FROM enrollment_offer o WHERE o.application_id = a.id AND o.status IN ('offered','confirmed'))
      ORDER BY a.id LIMIT 1`);
    expect(await confirmOpenOffers(1)).toBe(1);
    const more = (
      await officer.post(`/api/enrollment/years/${yearId}/registry-transfer`, { stage: 'primary' })
    ).json();
    expect(more).toMatchObject({ added: 1, updated: 0, unchanged: more.confirmed - 1, conflicts: 0 });
    expect(await count('person')).toBe(before + 1);
    expect(await count('person', `entry_date = '2026-09-01' AND class_name = '1年级1班'`)).toBe(
      more.confirmed - 1,
    );
    expect(await count('audit_event', `action = 'enrollment.transfer_registry'`)).toBe(3);
  });

  it('reports a child whose ID belongs to a guardian record as a conflict and leaves that record', async () => {
    const unplaced = await db.execute<{ id: number; child_name: string }>(sql`
      SELECT a.id, a.child_name FROM enrollment_application a WHERE a.year_id = ${yearId}
        AND NOT EXISTS (SELECT 1 FROM enrollment_offer o WHERE o.application_id = a.id AND o.status IN ('offered','confirmed'))
      ORDER BY a.id LIMIT 1`);
    const child = children.find((c) => c.name === unplaced.rows[0]!.child_name)!;
    const guardian = await buildPerson(db, {
      districtId: world.districtId,
      orgId: schools[1],
      kind: 'guardian',
      name: '同号监护人',
      idNumber: child.id,
    });
    await db.execute(sql`
      INSERT INTO enrollment_offer (district_id, org_id, draw_id, application_id, source, deadline, notice_no)
      VALUES (${world.districtId}, ${schools[2]}, ${drawId}, ${unplaced.rows[0]!.id}, 'waitlist', now() + interval '5 days', 'TEST-EXTRA-2')`);
    expect(await confirmOpenOffers(1)).toBe(1);
    const before = await count('person');
    const res = (
      await officer.post(`/api/enrollment/years/${yearId}/registry-transfer`, { stage: 'primary' })
    ).json();
    expect(res).toMatchObject({ added: 0, updated: 0, conflicts: 1 });
    expect(res.children).toEqual([expect.objectContaining({ childName: child.name, outcome: 'conflict' })]);
    expect(await count('person')).toBe(before);
    const g = await db.execute<{ kind: string; org_id: number }>(
      sql`SELECT kind, org_id FROM person WHERE id = ${guardian}`,
    );
    expect(g.rows[0]).toMatchObject({ kind: 'guardian', org_id: schools[1] });
  });

  it('hands over nothing for a stage without confirmed offers', async () => {
    const res = (
      await officer.post(`/api/enrollment/years/${yearId}/registry-transfer`, { stage: 'junior' })
    ).json();
    expect(res).toMatchObject({
      stage: 'junior',
      grade: 7,
      confirmed: 0,
      added: 0,
      updated: 0,
      unchanged: 0,
    });
  });
});
