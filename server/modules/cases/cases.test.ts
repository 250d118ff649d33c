import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type THotlineIntake, ZOpen311Request, ZOpen311Service } from '../../../contracts/cases.ts';
import type { Db } from '../../core/db/index.ts';
import type { RawRow } from '../../core/imports/kinds.ts';
import { authenticateAs } from '../../test/actors.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, makeIdNumber, type World } from '../../test/world.ts';
import { refreshCaseDue } from './clocks.ts';
import { escalateOverdue } from './escalate-overdue.ts';
import { prepareCalendar } from './fixtures.ts';
import { hotlineOrderImport } from './import-hotline-orders.ts';
import { caseClock, caseRecord } from './schema.ts';

/**
 * The cases module over HTTP: intake (single, batch idempotent, coded refusals that change
 * nothing), scope (a school sees only its cases), complainant privacy (masked everywhere, reveal
 * by handlers only and audited), accusations hidden from the accused, the three rates on a
 * hand-built month, reports, notices, duplicates, escalation and the Open311 API.
 */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;
let officer: Client;
let zoneA: Client;
let principalA1: Client;
let principalB1: Client;
let staffA1: Client;
let auditor: Client;
let serial = 0;

const PHONE = '13812345678';

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  await prepareCalendar(db);
  app = await testApp(db);
  officer = await loginAs(app.app, 'officer');
  zoneA = await loginAs(app.app, 'zonea');
  principalA1 = await loginAs(app.app, 'principala1');
  principalB1 = await loginAs(app.app, 'principalb1');
  staffA1 = await loginAs(app.app, 'staffa1');
  auditor = await loginAs(app.app, 'auditor');
});
afterAll(async () => {
  await app.app.close();
  await close();
});

function order(extra: Record<string, unknown> = {}) {
  return {
    externalNo: `GD2026${String(++serial).padStart(6, '0')}`,
    channel: 'phone',
    categoryCode: 'TEACHING',
    title: '学校作业负担过重',
    content: '家长来电反映孩子每天作业写到深夜十一点，希望学校减轻作业负担',
    complainantName: '王建国',
    complainantPhone: PHONE,
    complainantIdNumber: makeIdNumber('19800101'),
    ...extra,
  };
}

async function intake(extra: Record<string, unknown> = {}): Promise<number> {
  const res = await officer.post('/api/cases/hotline', order(extra));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function act(client: Client, id: number, body: Record<string, unknown>) {
  return client.post(`/api/cases/${id}/transitions`, body);
}

async function dispatchedTo(orgId: number, extra: Record<string, unknown> = {}): Promise<number> {
  const id = await intake(extra);
  expect((await act(officer, id, { action: 'sign_for' })).statusCode).toBe(200);
  const res = await act(officer, id, { action: 'dispatch', orgId });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

const count = async () =>
  Number((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM case_record`)).rows[0]!.n);

describe('intake', () => {
  it('receives an order with its clocks, masked complainant and an audit entry', async () => {
    const res = await officer.post('/api/cases/hotline', order());
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({
      kind: 'hotline',
      state: 'dispatched',
      complainantPhone: '138****5678',
      complainantName: '王**',
    });
    expect(c.dueKind).toBe('sign_for');
    expect(c.minutesLeft).toBeGreaterThan(100);
    expect(res.body).not.toContain(PHONE);
    const detail = await officer.get(`/api/cases/${c.id}`);
    expect(
      detail
        .json()
        .clocks.map((k: { kind: string }) => k.kind)
        .sort(),
    ).toEqual(['reply', 'sign_for']);
    expect(detail.json().clocks[0].explanation.length).toBeGreaterThan(1);
  });

  it('a batch is idempotent by the centre’s order number', async () => {
    const orders = [order(), order(), order()];
    const first = await officer.post('/api/cases/hotline/batch', { orders });
    expect(first.statusCode).toBe(200);
    expect(first.json().created).toHaveLength(3);
    const before = await count();
    const again = await officer.post('/api/cases/hotline/batch', { orders: [...orders, order()] });
    expect(again.json().created).toHaveLength(1);
    expect(again.json().existing.map((e: { externalNo: string }) => e.externalNo)).toEqual(
      orders.map((o) => o.externalNo),
    );
    expect(await count()).toBe(before + 1);
  });

  it('bad input is a coded 4xx and changes nothing', async () => {
    const before = await count();
    const unknown = await officer.post('/api/cases/hotline/batch', {
      orders: [order(), order({ categoryCode: 'NOPE' })],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'cases.category_unknown',
      field: 'orders.1.categoryCode',
    });
    const invalid = await officer.post('/api/cases/hotline', order({ externalNo: '!' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('request.invalid');
    const badId = await officer.post(
      '/api/cases/hotline',
      order({ complainantIdNumber: '110108198001011234' }),
    );
    expect(badId.json().error).toMatchObject({
      code: 'cases.id_number_invalid',
      field: 'complainantIdNumber',
    });
    const badUnit = await officer.post('/api/cases/hotline', order({ subjectOrgId: 999_999 }));
    expect(badUnit.json().error.code).toBe('cases.unit_invalid');
    expect(await count()).toBe(before);
    const id = await intake();
    const illegal = await act(officer, id, { action: 'reply', reply: '已答复' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('cases.illegal_transition');
    expect(illegal.json().error.messageEn).toContain('not allowed');
    const noTarget = await act(officer, id, { action: 'dispatch' });
    expect(noTarget.statusCode).toBe(400);
  });

  it('refuses anonymous (401) and users without the permission (403)', async () => {
    expect((await app.app.inject('/api/cases')).statusCode).toBe(401);
    expect((await staffA1.get('/api/cases')).statusCode).toBe(403);
    expect((await principalA1.post('/api/cases/hotline', order())).statusCode).toBe(403);
    expect((await auditor.post('/api/cases/hotline', order())).statusCode).toBe(403);
  });

  it('dispatches a set of orders at once, all or nothing', async () => {
    const batch = await officer.post('/api/cases/hotline/batch', { orders: [order(), order()] });
    const ids = batch.json().created.map((c: { id: number }) => c.id);
    const res = await officer.post('/api/cases/dispatch', { ids, orgId: world.units.schoolB1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().dispatched).toEqual(ids);
    const detail = (await officer.get(`/api/cases/${ids[0]}`)).json();
    expect(detail).toMatchObject({ state: 'dispatched', orgId: world.units.schoolB1, dueKind: 'sign_for' });
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual([
      'intake',
      'sign_for',
      'dispatch',
    ]);
    expect(
      detail.clocks
        .filter((k: { kind: string }) => k.kind === 'sign_for')
        .map((k: { status: string }) => k.status),
    ).toEqual(['met', 'running']);
    const seen = (await principalB1.get('/api/cases?pageSize=200'))
      .json()
      .items.map((c: { id: number }) => c.id);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const fresh = await intake();
    const refused = await officer.post('/api/cases/dispatch', {
      ids: [fresh, ...ids],
      orgId: world.units.schoolA1,
    });
    expect(refused.statusCode).toBe(409);
    const [row] = await db.select().from(caseRecord).where(eq(caseRecord.id, fresh));
    expect(row).toMatchObject({ state: 'dispatched', orgId: world.districtId });
  });

  it('imports the centre’s Excel rows: validated, committed, duplicates refused, rolled back', async () => {
    const actor = await authenticateAs(db, 'officer');
    const ctx = { tx: db, actor, orgId: world.districtId, districtId: world.districtId, targetId: null };
    const rows: RawRow[] = [
      {
        externalNo: 'XLS0001',
        receivedAt: '2026-03-02 09:30',
        channel: '电话',
        categoryCode: 'FOOD',
        title: '食堂问题',
        content: '反映食堂饭菜凉',
        complainantPhone: '13811112222',
        subjectCode: 'SA1',
      },
      {
        externalNo: 'XLS0002',
        receivedAt: '2026/3/2',
        categoryCode: 'FOOD',
        title: '食堂问题',
        content: '反映食堂饭菜凉',
      },
      { externalNo: 'XLS0001', receivedAt: 'yesterday', categoryCode: 'NOPE', title: '', content: '' },
    ];
    const checked = await hotlineOrderImport.validate(ctx, rows, new Map(), [2, 3, 4]);
    expect(checked.map((r) => r.ok)).toEqual([true, true, false]);
    const errors = (checked[2] as { errors: { column: string }[] }).errors.map((e) => e.column);
    expect(errors).toEqual(expect.arrayContaining(['工单编号', '受理时间', '诉求类别代码']));
    const values = checked.filter((r) => r.ok).map((r) => (r as unknown as { value: THotlineIntake }).value);
    const batch = { id: 424242, districtId: world.districtId, orgId: world.districtId, targetId: null };
    expect(await db.transaction((tx) => hotlineOrderImport.commit(tx, actor, batch, values))).toBe(2);
    const again = await hotlineOrderImport.validate(ctx, rows.slice(0, 1), new Map(), [2]);
    expect(again[0]!.ok).toBe(false);
    expect(await db.transaction((tx) => hotlineOrderImport.rollback(tx, actor, batch))).toBe(2);
    expect(await db.select().from(caseRecord).where(eq(caseRecord.externalNo, 'XLS0001'))).toEqual([]);
  });

  it('registers a petition with a registration number and a 15-day clock', async () => {
    const res = await officer.post('/api/cases/petitions', {
      channel: 'visit',
      title: '对学校处分决定不服',
      content: '来访人口述：孩子在校受到处分，认为处分过重，要求撤销。（口头信访，已如实记录）',
      complainantName: '赵敏',
      complainantPhone: '13600001111',
      subjectOrgId: world.units.schoolB1,
      visitors: 2,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().externalNo).toMatch(/^XF\d{4}\d{5}$/);
    expect(res.json()).toMatchObject({ state: 'registered', dueKind: 'petition_accept' });
  });
});

describe('scope and privacy', () => {
  it('a school user sees only its cases, and never an unmasked complainant phone', async () => {
    const mine = await dispatchedTo(world.units.schoolA1);
    const theirs = await dispatchedTo(world.units.schoolB1);
    const list = await principalA1.get('/api/cases?pageSize=200');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((c: { id: number }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(list.json().items.every((c: { orgId: number }) => c.orgId === world.units.schoolA1)).toBe(true);
    expect((await principalA1.get(`/api/cases/${theirs}`)).statusCode).toBe(404);
    expect((await principalB1.get(`/api/cases/${mine}`)).statusCode).toBe(404);
    const detail = await principalA1.get(`/api/cases/${mine}`);
    for (const res of [list, detail, await principalA1.get('/api/cases/export.xlsx')]) {
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain('王建国');
    }
    expect(detail.json().complainantPhone).toBe('138****5678');
    expect(detail.json().complainantIdNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  it('only the handlers reveal the complainant, with a reason, and every reveal is audited', async () => {
    const id = await dispatchedTo(world.units.schoolA1);
    const plain = await principalA1.post(`/api/cases/${id}/reveal`, { field: 'phone', reason: '回访诉求人' });
    expect(plain.statusCode).toBe(200);
    expect(plain.json().value).toBe(PHONE);
    const audit = await db.$client.query(
      "SELECT after FROM audit_event WHERE action = 'cases.reveal' AND entity_id = $1",
      [String(id)],
    );
    expect(audit.rows[0].after).toMatchObject({ field: 'phone', reason: '回访诉求人' });
    expect(
      (await auditor.post(`/api/cases/${id}/reveal`, { field: 'phone', reason: '抽查' })).statusCode,
    ).toBe(403);
    expect(
      (await principalB1.post(`/api/cases/${id}/reveal`, { field: 'phone', reason: '看看' })).statusCode,
    ).toBe(404);
    const actions = (await principalA1.get(`/api/cases/${id}`)).json().actions;
    expect(actions).toContain('reveal');
    expect(actions).toContain('sign_for');
    expect(actions).not.toContain('merge');
    expect((await auditor.get(`/api/cases/${id}`)).json().actions).toEqual([]);
  });

  it('a 检举 case is invisible to the accused school, and cannot be dispatched to it', async () => {
    const id = await intake({
      accusation: true,
      accusedOrgId: world.units.schoolA1,
      title: '检举某校违规收费',
    });
    await act(officer, id, { action: 'sign_for' });
    const refused = await act(officer, id, { action: 'dispatch', orgId: world.units.schoolA1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('cases.dispatch_to_accused');
    expect((await act(officer, id, { action: 'dispatch', orgId: world.units.zoneA })).statusCode).toBe(200);
    const zoneList = await zoneA.get('/api/cases?pageSize=200');
    expect(zoneList.json().items.map((c: { id: number }) => c.id)).toContain(id);
    const schoolList = await principalA1.get('/api/cases?pageSize=200&q=检举');
    expect(schoolList.json().items).toEqual([]);
    expect((await principalA1.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await principalA1.get(`/api/cases/${id}/similar`)).statusCode).toBe(404);
    const rows = await db.select({ orgId: caseRecord.orgId }).from(caseRecord).where(eq(caseRecord.id, id));
    expect(rows[0]!.orgId).toBe(world.units.zoneA);
  });
});

describe('the three rates on a hand-built month', () => {
  it('computes 响应率, 解决率, 满意率 and the composite over valid callbacks', async () => {
    const month = '2026-06';
    // Ten valid callbacks at school B1: 9 contacted, 7 solved; 5 satisfied, 3 basically, 2 not.
    const outcomes = [
      ...Array.from({ length: 5 }, () => 'satisfied'),
      ...Array.from({ length: 3 }, () => 'basically_satisfied'),
      'unsatisfied',
      'unsatisfied',
    ];
    const ids: number[] = [];
    for (const [i, satisfaction] of outcomes.entries()) {
      const id = await intake({ receivedAt: '2026-06-03T09:00:00+08:00' });
      ids.push(id);
      await db
        .update(caseRecord)
        .set({
          orgId: world.units.schoolB1,
          state: 'closed',
          contactedAt: i === 9 ? null : new Date('2026-06-03T10:00:00+08:00'),
          callbackAt: new Date('2026-06-12T10:00:00+08:00'),
          callbackValid: true,
          callbackSolved: i < 7,
          callbackSatisfaction: satisfaction,
          rankMonth: month,
        })
        .where(eq(caseRecord.id, id));
    }
    // Not counted: an invalid callback, a merged duplicate, and the second order of a linked pair.
    const extra = [await intake(), await intake(), await intake()];
    await db
      .update(caseRecord)
      .set({
        orgId: world.units.schoolB1,
        callbackValid: true,
        callbackSolved: false,
        callbackSatisfaction: 'unsatisfied',
        rankMonth: month,
      })
      .where(sql`${caseRecord.id} IN (${sql.join(extra, sql`, `)})`);
    await db.update(caseRecord).set({ callbackValid: false }).where(eq(caseRecord.id, extra[0]!));
    await db
      .update(caseRecord)
      .set({ mergedIntoId: ids[0]!, state: 'merged' })
      .where(eq(caseRecord.id, extra[1]!));
    await db
      .update(caseRecord)
      .set({ linkGroupId: ids[0]! })
      .where(sql`${caseRecord.id} IN (${ids[0]!}, ${extra[2]!})`);

    const res = await officer.get(`/api/cases/rankings?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = res.json().items.find((r: { orgId: number }) => r.orgId === world.units.schoolB1);
    expect(row).toMatchObject({
      valid: 10,
      contacted: 9,
      solved: 7,
      satisfied: 5,
      basicallySatisfied: 3,
      responseRate: 0.9,
      resolutionRate: 0.7,
      satisfactionRate: 0.77,
      composite: 0.748,
      rank: 1,
    });
    expect(res.json().weights).toMatchObject({
      response: 0.1,
      resolution: 0.5,
      satisfaction: 0.4,
      basicFactor: 0.9,
    });
    expect(res.json().forecast).toBeNull();

    // New weights from June on change the composite; May keeps the defaults.
    const weights = await app.app.inject({
      method: 'PUT',
      url: '/api/cases/rank-weights',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      payload: { fromMonth: '2026-06', response: 0.2, resolution: 0.4, satisfaction: 0.4, basicFactor: 0.9 },
    });
    expect(weights.statusCode, weights.body).toBe(200);
    const after = await officer.get(`/api/cases/rankings?month=${month}`);
    const row2 = after.json().items.find((r: { orgId: number }) => r.orgId === world.units.schoolB1);
    expect(row2.composite).toBe(0.768);
    const zones = await officer.get(`/api/cases/rankings?month=${month}&level=zone`);
    expect(zones.json().items.find((r: { orgId: number }) => r.orgId === world.units.zoneB).valid).toBe(10);
    const bad = await app.app.inject({
      method: 'PUT',
      url: '/api/cases/rank-weights',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      payload: { fromMonth: '2026-07', response: 0.5, resolution: 0.5, satisfaction: 0.5, basicFactor: 0.9 },
    });
    expect(bad.json().error.code).toBe('cases.weights_invalid');
    const xlsx = await officer.get(`/api/cases/rankings/export.xlsx?month=${month}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('the current month carries a live forecast with the cases at risk', async () => {
    const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const id = await dispatchedTo(world.units.schoolA1);
    await db
      .update(caseRecord)
      .set({ riskAt: new Date(Date.now() - 60_000) })
      .where(eq(caseRecord.id, id));
    const res = await officer.get(`/api/cases/rankings?month=${now}`);
    expect(res.json().forecast.atRisk.map((c: { id: number }) => c.id)).toContain(id);
    const atRisk = await officer.get('/api/cases?atRisk=true&pageSize=200');
    expect(atRisk.json().items.map((c: { id: number }) => c.id)).toContain(id);
  });
});

describe('handling end to end', () => {
  it('a school replies, the centre calls back, the ranking and weekly report change', async () => {
    const id = await dispatchedTo(world.units.schoolA1);
    for (const body of [
      { action: 'sign_for' },
      { action: 'contact', note: '已电话联系家长' },
      { action: 'start' },
      { action: 'reply', reply: '学校已调整作业量并向家长说明' },
    ])
      expect((await act(principalA1, id, body)).statusCode).toBe(200);
    const cb = await act(officer, id, {
      action: 'record_callback',
      solved: true,
      satisfaction: 'basically_satisfied',
    });
    expect(cb.json()).toMatchObject({
      state: 'callback',
      onTime: true,
      callbackSatisfaction: 'basically_satisfied',
    });
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const ranking = await officer.get(`/api/cases/rankings?month=${month}`);
    const row = ranking.json().items.find((r: { orgId: number }) => r.orgId === world.units.schoolA1);
    expect(row).toMatchObject({ valid: 1, contacted: 1, solved: 1, basicallySatisfied: 1, onTimeRate: 1 });
    const day = new Date(Date.now() + 8 * 3_600_000);
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const report = await officer.get(`/api/cases/weekly-report?weekStart=${monday}`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().received).toBeGreaterThan(0);
    expect(report.json().trend).toHaveLength(8);
    expect(report.json().topSchools.map((s: { key: string }) => Number(s.key))).toContain(
      world.units.schoolA1,
    );
    expect((await officer.get(`/api/cases/weekly-report/export.xlsx?weekStart=${monday}`)).statusCode).toBe(
      200,
    );
    const clusters = await officer.get(`/api/cases/clusters?month=${month}`);
    expect(clusters.statusCode).toBe(200);
    expect(clusters.json().items.some((c: { topic: string }) => c.topic === '作业')).toBe(true);
  });

  it('a return cites the catalogue and suggests a unit; the commission re-dispatches', async () => {
    const id = await dispatchedTo(world.units.schoolA1);
    const ret = await act(principalA1, id, {
      action: 'request_return',
      reason: '属于校外培训机构退费，不属学校职责',
      catalogueCode: 'TRAINING',
      suggestedOrgId: world.units.dept,
    });
    expect(ret.json().state).toBe('return_requested');
    const detail = (await officer.get(`/api/cases/${id}`)).json();
    expect(detail.detail.returnRequest).toMatchObject({
      catalogueCode: 'TRAINING',
      catalogueName: '校外培训与退费',
    });
    expect((await act(officer, id, { action: 'approve_return' })).json()).toMatchObject({
      state: 'returned',
      orgId: world.districtId,
    });
    expect((await act(officer, id, { action: 'dispatch', orgId: world.units.dept })).json().state).toBe(
      'dispatched',
    );
  });

  it('suggests a similar open case at the same school; merging is reversible and audited', async () => {
    const a = await dispatchedTo(world.units.schoolB1, {
      subjectOrgId: world.units.schoolB1,
      title: '食堂饭菜质量差',
      content: '家长反映学校食堂饭菜质量差，孩子吃不饱',
    });
    const b = await dispatchedTo(world.units.schoolB1, {
      subjectOrgId: world.units.schoolB1,
      title: '学校食堂饭菜质量',
      content: '反映食堂饭菜质量不好，孩子经常吃不饱饭',
    });
    const similar = await officer.get(`/api/cases/${b}/similar`);
    expect(similar.statusCode).toBe(200);
    expect(similar.json().items[0]).toMatchObject({ id: a });
    expect(similar.json().items[0].similarity).toBeGreaterThan(0.2);
    const merged = await officer.post(`/api/cases/${b}/merge`, { intoId: a, reason: '同一诉求重复来电' });
    expect(merged.json()).toMatchObject({
      state: 'merged',
      mergedIntoId: a,
      actions: expect.arrayContaining(['unmerge']),
    });
    const list = await officer.get('/api/cases?pageSize=200&subjectOrgId=' + world.units.schoolB1);
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(b);
    const back = await officer.post(`/api/cases/${b}/unmerge`, { reason: '核实为不同家长的诉求' });
    expect(back.json()).toMatchObject({ state: 'dispatched', mergedIntoId: null });
    expect(back.json().dueKind).toBe('sign_for');
    const audit = await db.$client.query(
      "SELECT action FROM audit_event WHERE entity_id = $1 AND action IN ('cases.merge','cases.unmerge') ORDER BY seq",
      [String(b)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['cases.merge', 'cases.unmerge']);
    const link = await officer.post(`/api/cases/${a}/link`, { otherId: b });
    expect(link.json().linkGroupId).toBe(Math.min(a, b));
  });

  it('petition notices carry the legally required fields', async () => {
    const p = await officer.post('/api/cases/petitions', {
      channel: 'letter',
      title: '课后服务收费',
      content: '来信反映课后服务收费标准不清',
      complainantName: '李红',
    });
    const id = p.json().id;
    expect((await officer.get(`/api/cases/${id}/notices/acceptance`)).json().error.code).toBe(
      'cases.notice_unavailable',
    );
    await act(officer, id, { action: 'accept' });
    const acceptance = (await officer.get(`/api/cases/${id}/notices/acceptance`)).json();
    expect(acceptance.title).toBe('信访事项受理告知书');
    expect(acceptance.addressee).toBe('李红');
    expect(acceptance.fields.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['matter', 'acceptedAt', 'deadline', 'legalBasis']),
    );
    await act(officer, id, { action: 'extend', days: 30, reason: '需多部门联合调查' });
    const ext = (await officer.get(`/api/cases/${id}/notices/extension`)).json();
    expect(ext.fields.find((f: { key: string }) => f.key === 'reason').value).toBe('需多部门联合调查');
    const missing = await act(officer, id, {
      action: 'issue_opinion',
      request: '要求说明',
      decision: '维持',
    });
    expect(missing.statusCode).toBe(400);
    await act(officer, id, {
      action: 'issue_opinion',
      request: '要求公开课后服务收费标准',
      factsAndReasons: '经查，学校已在校务公开栏公示收费标准',
      decision: '维持，并请学校在家长群再次说明',
      legalBasis: '《信访工作条例》第三十二条',
    });
    const decision = (await officer.get(`/api/cases/${id}/notices/decision`)).json();
    expect(decision.title).toBe('信访事项处理意见书');
    expect(decision.fields.map((f: { key: string }) => f.key)).toEqual([
      'request',
      'factsAndReasons',
      'decision',
      'legalBasis',
    ]);
    expect(decision.rights).toContain('30日内');
    const auditorView = (await auditor.get(`/api/cases/${id}/notices/decision`)).json();
    expect(auditorView.addressee).toBe('李*');
  });

  it('overdue clocks escalate once to the unit head and the district office', async () => {
    const id = await dispatchedTo(world.units.schoolA1);
    await db
      .update(caseClock)
      .set({ dueAt: new Date(Date.now() - 3_600_000) })
      .where(eq(caseClock.caseId, id));
    await db.transaction((tx) => refreshCaseDue(tx, id));
    const actor = await authenticateAs(db, 'admin');
    const first = await db.transaction((tx) =>
      escalateOverdue({ actor, tx, input: { districtId: world.districtId } }),
    );
    expect(first.escalated).toBeGreaterThanOrEqual(2);
    const notes = await db.$client.query(
      "SELECT account_id FROM notification WHERE template = 'cases.overdue' AND link = $1",
      [`/cases?id=${id}`],
    );
    const to = new Set(notes.rows.map((r) => r.account_id));
    expect(to.has(world.accounts.principalA1)).toBe(true);
    expect(to.has(world.accounts.officer)).toBe(true);
    const again = await db.transaction((tx) =>
      escalateOverdue({ actor, tx, input: { districtId: world.districtId } }),
    );
    expect(again.escalated).toBe(0);
    expect(
      (await officer.get(`/api/cases?overdue=true&pageSize=200`))
        .json()
        .items.map((c: { id: number }) => c.id),
    ).toContain(id);
  });
});

describe('Open311 GeoReport v2', () => {
  const specRequestFields = Object.keys(ZOpen311Request.shape).sort();

  it('services.json lists the catalogue with exactly the spec fields', async () => {
    const res = await app.app.inject('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    for (const s of res.json())
      expect(Object.keys(s).sort()).toEqual(Object.keys(ZOpen311Service.shape).sort());
    expect(res.json().map((s: { service_code: string }) => s.service_code)).toContain('ENROLL');
  });

  it('requests.json is public, carries exactly the spec fields and no personal data', async () => {
    const id = await dispatchedTo(world.units.schoolA1, {
      title: '入学咨询',
      content: '张某某家长询问入学时间，电话13812345678',
    });
    const accused = await intake({ accusation: true, accusedOrgId: world.units.schoolB1 });
    const res = await app.app.inject('/open311/v2/requests.json');
    expect(res.statusCode).toBe(200);
    const items = res.json();
    expect(items.length).toBeGreaterThan(0);
    for (const r of items) expect(Object.keys(r).sort()).toEqual(specRequestFields);
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain('王建国');
    expect(res.body).not.toContain('张某某');
    const [row] = await db.select().from(caseRecord).where(eq(caseRecord.id, id));
    const mine = items.find((r: { service_request_id: string }) => r.service_request_id === row!.externalNo);
    expect(mine).toMatchObject({
      status: 'open',
      agency_responsible: '中关村第一小学',
      service_code: 'TEACHING',
    });
    expect(mine.expected_datetime).toMatch(/\+08:00$/);
    expect(new Date(mine.expected_datetime).getTime()).toBe(row!.replyDueAt!.getTime());
    const [acc] = await db.select().from(caseRecord).where(eq(caseRecord.id, accused));
    expect(res.body).not.toContain(acc!.externalNo);
    const one = await app.app.inject(`/open311/v2/requests/${row!.externalNo}.json`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toHaveLength(1);
    expect((await app.app.inject(`/open311/v2/requests/${acc!.externalNo}.json`)).statusCode).toBe(404);
    const closed = await app.app.inject('/open311/v2/requests.json?status=closed&service_code=TEACHING');
    expect(closed.json().every((r: { status: string }) => r.status === 'closed')).toBe(true);
  });

  it('POST needs an API key; with one it creates an order', async () => {
    const bad = await app.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: 'not-a-real-key', service_code: 'FOOD', description: '食堂卫生问题' },
    });
    expect(bad.statusCode).toBe(403);
    const key = await officer.post('/api/cases/api-keys', { name: '12345平台' });
    expect(key.statusCode).toBe(200);
    const before = await count();
    const ok = await app.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: key.json().key,
        service_code: 'FOOD',
        description: '学校食堂卫生问题',
        phone: '13700001111',
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()[0].service_request_id).toMatch(/^O311-/);
    expect(await count()).toBe(before + 1);
    const unknown = await app.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: key.json().key, service_code: 'NOPE', description: '测试' },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
