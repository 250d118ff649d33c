import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, type World } from '../../test/world.ts';

/** The audit log over HTTP: scoped, filtered lists, exports that are themselves audited, verify. */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;
let admin: Client;
let auditor: Client;
let principalA1: Client;

function shiftDay(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  app = await testApp(db);
  admin = await loginAs(app.app, 'admin');
  auditor = await loginAs(app.app, 'auditor');
  principalA1 = await loginAs(app.app, 'principala1');
  // Some org changes to find.
  const created = await admin.post('/api/org/units', {
    code: 'SA9',
    name: '中关村第九小学',
    kind: 'school',
    stage: 'primary',
    parentId: world.units.zoneA,
  });
  if (created.statusCode !== 200) throw new Error(created.body);
  const patched = await admin.patch(`/api/org/units/${world.units.schoolB1}`, { capacity: 900 });
  if (patched.statusCode !== 200) throw new Error(patched.body);
});
afterAll(async () => {
  await app.app.close();
  await close();
});

describe('audit events', () => {
  it('refuses anonymous callers (401) and a principal (403)', async () => {
    expect((await app.app.inject('/api/audit/events')).statusCode).toBe(401);
    const res = await principalA1.get('/api/audit/events');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
    expect((await principalA1.post('/api/audit/verify')).statusCode).toBe(403);
    expect((await principalA1.get('/api/audit/events/export.xlsx')).statusCode).toBe(403);
  });

  it('lists the trail for the auditor, newest first, including logins', async () => {
    const res = await auditor.get('/api/audit/events?pageSize=200');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    const { rows } = await db.$client.query('SELECT count(*)::int AS n FROM audit_event');
    expect(total).toBe(rows[0].n);
    const seqs = items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(
      items.some(
        (e: { action: string; actorName: string }) =>
          e.action === 'auth.login' && e.actorName === 'principala1',
      ),
    ).toBe(true);
    expect(items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("filters by action prefix 'org.', exact action and entity type", async () => {
    const org = await auditor.get('/api/audit/events?action=org.&pageSize=200');
    const actions = org.json().items.map((e: { action: string }) => e.action);
    expect(actions.length).toBeGreaterThanOrEqual(3);
    for (const a of actions) expect(a.startsWith('org.')).toBe(true);
    expect(actions).toEqual(
      expect.arrayContaining(['org.create_district', 'org.create_unit', 'org.update_unit']),
    );
    const exact = await auditor.get('/api/audit/events?action=org.update_unit');
    expect(exact.json().total).toBe(1);
    expect(exact.json().items[0]).toMatchObject({
      action: 'org.update_unit',
      actorName: 'admin',
      entityType: 'orgUnit',
      entityId: String(world.units.schoolB1),
      orgName: '万寿路小学',
      before: { capacity: null },
      after: { capacity: 900 },
    });
    // A prefix without the dot is an exact match, not a prefix.
    expect((await auditor.get('/api/audit/events?action=org')).json().total).toBe(0);
    // LIKE wildcards are taken literally.
    expect((await auditor.get('/api/audit/events?action=%25.')).json().total).toBe(0);
    const byEntity = await auditor.get('/api/audit/events?entityType=account&pageSize=200');
    expect(byEntity.json().total).toBeGreaterThan(0);
    for (const e of byEntity.json().items) expect(e.entityType).toBe('account');
    const byEntityId = await auditor.get(
      `/api/audit/events?entityType=orgUnit&entityId=${world.units.schoolB1}`,
    );
    expect(byEntityId.json().items.map((e: { action: string }) => e.action)).toEqual(['org.update_unit']);
  });

  it('filters by date range (the district calendar day)', async () => {
    const day = today();
    const all = (await auditor.get('/api/audit/events?pageSize=1')).json().total;
    const within = await auditor.get(`/api/audit/events?from=${day}&to=${day}&pageSize=1`);
    expect(within.statusCode).toBe(200);
    expect(within.json().total).toBe(all);
    const future = await auditor.get(`/api/audit/events?from=${shiftDay(day, 1)}`);
    expect(future.json().total).toBe(0);
    const past = await auditor.get(`/api/audit/events?to=${shiftDay(day, -1)}`);
    expect(past.json().total).toBe(0);
    const bad = await auditor.get('/api/audit/events?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('from');
  });

  it('shows an export of the people list as a people.export event', async () => {
    const exported = await admin.get('/api/people/export.xlsx?kind=student');
    expect(exported.statusCode).toBe(200);
    const res = await auditor.get('/api/audit/events?action=people.export');
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({
      action: 'people.export',
      actorName: 'admin',
      entityType: 'person',
      after: { filters: { kind: 'student' }, rows: 2 },
    });
  });

  it('exports the trail as an xlsx, and that export is audited too', async () => {
    const res = await auditor.get('/api/audit/events/export.xlsx?action=org.');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(expect.arrayContaining(['序号 Seq', '操作 Action', '哈希 Hash']));
    const orgTotal = (await auditor.get('/api/audit/events?action=org.')).json().total;
    expect(rows).toHaveLength(orgTotal + 1);
    const events = await auditor.get('/api/audit/events?action=audit.export');
    expect(events.json().total).toBe(1);
    expect(events.json().items[0].actorName).toBe('auditor');
  });

  it('verifies the chain: ok with the number of events', async () => {
    const res = await auditor.post('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    const { rows } = await db.$client.query(
      'SELECT count(*)::int AS n, max(seq)::int AS last FROM audit_event',
    );
    expect(res.json()).toEqual({ ok: true, count: rows[0].n, lastSeq: rows[0].last });
    expect(rows[0].n).toBeGreaterThanOrEqual(8);
  });
});
