import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, type World } from '../../test/world.ts';

/**
 * The org module over HTTP against a real PostgreSQL: scoped lists with filters, sorting and
 * paging, the tree, creating and changing units (audited), effective-dated moves, and export.
 */

interface Env {
  db: Db;
  world: World;
  app: Awaited<ReturnType<typeof testApp>>;
  close(): Promise<void>;
}

async function environment(): Promise<Env> {
  const t = await testDatabase();
  const world = await buildWorld(t.db);
  const app = await testApp(t.db);
  return {
    db: t.db,
    world,
    app,
    close: async () => {
      await app.app.close();
      await t.close();
    },
  };
}

async function auditRows(db: Db, action: string, entityId?: number) {
  const { rows } = await db.$client.query(
    `SELECT * FROM audit_event WHERE action = $1 ${entityId === undefined ? '' : 'AND entity_id = $2'} ORDER BY seq`,
    entityId === undefined ? [action] : [action, String(entityId)],
  );
  return rows;
}

const codes = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((u) => u.code);

describe('org: reading', () => {
  let env: Env;
  let admin: Client;
  let zoneA: Client;
  let principalA1: Client;
  beforeAll(async () => {
    env = await environment();
    admin = await loginAs(env.app.app, 'admin');
    zoneA = await loginAs(env.app.app, 'zonea');
    principalA1 = await loginAs(env.app.app, 'principala1');
  });
  afterAll(() => env.close());

  it('refuses the list without a session (401) and with a bad filter (400)', async () => {
    const anonymous = await env.app.app.inject('/api/org/units');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('auth.unauthenticated');
    const badKind = await admin.get('/api/org/units?kind=castle');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.code).toBe('request.invalid');
    expect(badKind.json().error.field).toBe('kind');
    const badSort = await admin.get('/api/org/units?sort=password');
    expect(badSort.statusCode).toBe(400);
    expect(badSort.json().error.field).toBe('sort');
    const badDate = await admin.get('/api/org/units?asOf=2026-02-30');
    expect(badDate.statusCode).toBe(400);
  });

  it('lists every unit for the administrator, with a total', async () => {
    const res = await admin.get('/api/org/units?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(8);
    expect(codes(res).sort()).toEqual(['110108', 'D1', 'KB1', 'SA1', 'SA2', 'SB1', 'ZA', 'ZB']);
  });

  it('filters by kind, subtree and text', async () => {
    const schools = await admin.get('/api/org/units?kind=school');
    expect(schools.json().total).toBe(3);
    expect(codes(schools)).toEqual(['SA1', 'SA2', 'SB1']);
    const a1 = schools.json().items[0];
    expect(a1).toMatchObject({
      id: env.world.units.schoolA1,
      parentId: env.world.units.zoneA,
      parentName: '中关村学区',
      kind: 'school',
      stage: 'primary',
      ownership: 'public',
      actions: ['edit', 'move'],
    });
    const within = await admin.get(`/api/org/units?within=${env.world.units.zoneA}`);
    expect(codes(within)).toEqual(['SA1', 'SA2', 'ZA']);
    const withinSchools = await admin.get(`/api/org/units?within=${env.world.units.zoneB}&kind=school`);
    expect(codes(withinSchools)).toEqual(['SB1']);
    const q = await admin.get(`/api/org/units?q=${encodeURIComponent('中关村')}`);
    expect(q.json().total).toBe(3);
    expect(codes(q)).toEqual(['SA1', 'SA2', 'ZA']);
    const byCode = await admin.get('/api/org/units?q=sb');
    expect(codes(byCode)).toEqual(['SB1']);
    const literal = await admin.get(`/api/org/units?q=${encodeURIComponent('%')}`);
    expect(literal.json().total).toBe(0);
  });

  it('sorts and pages on the server', async () => {
    const desc = await admin.get('/api/org/units?kind=school&sort=-code');
    expect(codes(desc)).toEqual(['SB1', 'SA2', 'SA1']);
    const byName = await admin.get('/api/org/units?kind=school&sort=name');
    const names = byName.json().items.map((u: { name: string }) => u.name);
    expect([...names].sort()).toEqual(names);
    const page1 = await admin.get('/api/org/units?kind=school&pageSize=2&page=1');
    const page2 = await admin.get('/api/org/units?kind=school&pageSize=2&page=2');
    expect(page1.json().total).toBe(3);
    expect(page2.json().total).toBe(3);
    expect(codes(page1)).toEqual(['SA1', 'SA2']);
    expect(codes(page2)).toEqual(['SB1']);
    const beyond = await admin.get('/api/org/units?kind=school&pageSize=2&page=9');
    expect(beyond.json()).toEqual({ items: [], total: 3 });
    expect((await admin.get('/api/org/units?pageSize=201')).statusCode).toBe(400);
  });

  it("shows a zone manager only their zone's units, and B1 as not found", async () => {
    const schools = await zoneA.get('/api/org/units?kind=school');
    expect(schools.statusCode).toBe(200);
    expect(codes(schools)).toEqual(['SA1', 'SA2']);
    expect(schools.json().total).toBe(2);
    // Reading without org.manage: no actions.
    expect(schools.json().items[0].actions).toEqual([]);
    const all = await zoneA.get('/api/org/units?pageSize=100');
    expect(codes(all)).not.toContain('SB1');
    expect(codes(all)).not.toContain('110108');
    const b1 = await zoneA.get(`/api/org/units/${env.world.units.schoolB1}`);
    expect(b1.statusCode).toBe(404);
    expect(b1.json().error.code).toBe('org.unit_not_found');
    const withinB = await zoneA.get(`/api/org/units?within=${env.world.units.zoneB}`);
    expect(withinB.json().total).toBe(0);
    const a1 = await zoneA.get(`/api/org/units/${env.world.units.schoolA1}`);
    expect(a1.statusCode).toBe(200);
    expect(a1.json().path.map((n: { code: string }) => n.code)).toEqual(['110108', 'ZA', 'SA1']);
  });

  it('answers a unit that does not exist with 404, and a bad id with 400', async () => {
    const missing = await admin.get('/api/org/units/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('org.unit_not_found');
    const bad = await admin.get('/api/org/units/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('id');
  });

  it('gives each user the roots of their scope in the tree, then level by level', async () => {
    const root = await admin.get('/api/org/tree');
    expect(root.statusCode).toBe(200);
    expect(root.json().nodes).toEqual([
      expect.objectContaining({ id: env.world.districtId, kind: 'district', childCount: 3 }),
    ]);
    const level1 = await admin.get(`/api/org/tree?parentId=${env.world.districtId}`);
    expect(
      level1
        .json()
        .nodes.map((n: { code: string }) => n.code)
        .sort(),
    ).toEqual(['D1', 'ZA', 'ZB']);
    const zoneRoot = await zoneA.get('/api/org/tree');
    expect(zoneRoot.json().nodes).toEqual([
      expect.objectContaining({ id: env.world.units.zoneA, code: 'ZA', childCount: 2 }),
    ]);
    const zoneChildren = await zoneA.get(`/api/org/tree?parentId=${env.world.units.zoneA}`);
    expect(zoneChildren.json().nodes.map((n: { code: string }) => n.code)).toEqual(['SA1', 'SA2']);
    const outside = await zoneA.get(`/api/org/tree?parentId=${env.world.units.zoneB}`);
    expect(outside.statusCode).toBe(404);
    const principalRoot = await principalA1.get('/api/org/tree');
    expect(principalRoot.json().nodes.map((n: { code: string }) => n.code)).toEqual(['SA1']);
  });
});

describe('org: changing', () => {
  let env: Env;
  let admin: Client;
  let officer: Client;
  let principalA1: Client;
  let zoneA: Client;
  beforeAll(async () => {
    env = await environment();
    admin = await loginAs(env.app.app, 'admin');
    officer = await loginAs(env.app.app, 'officer');
    principalA1 = await loginAs(env.app.app, 'principala1');
    zoneA = await loginAs(env.app.app, 'zonea');
  });
  afterAll(() => env.close());

  const newSchool = (overrides: Record<string, unknown> = {}) => ({
    code: 'SA3',
    name: '中关村第三小学',
    kind: 'school',
    stage: 'primary',
    ownership: 'public',
    capacity: 1200,
    openedOn: '2020-09-01',
    ...overrides,
  });

  it('creates a unit under a zone and audits it', async () => {
    const res = await admin.post('/api/org/units', newSchool({ parentId: env.world.units.zoneA }));
    expect(res.statusCode).toBe(200);
    const unit = res.json();
    expect(unit).toMatchObject({
      id: expect.any(Number),
      districtId: env.world.districtId,
      code: 'SA3',
      name: '中关村第三小学',
      kind: 'school',
      stage: 'primary',
      ownership: 'public',
      subsidised: false,
      capacity: 1200,
      parentId: env.world.units.zoneA,
      parentName: '中关村学区',
      openedOn: '2020-09-01',
      closedOn: null,
      childCount: 0,
      actions: ['edit', 'move'],
    });
    const events = await auditRows(env.db, 'org.create_unit', unit.id);
    expect(events).toHaveLength(1);
    expect(events[0].actor_name).toBe('admin');
    expect(events[0].after).toMatchObject({ code: 'SA3', parentId: env.world.units.zoneA });
    // The zone manager sees the new school in their scope at once.
    const seen = await zoneA.get('/api/org/units?kind=school');
    expect(codes(seen)).toEqual(['SA1', 'SA2', 'SA3']);
  });

  it('refuses a duplicate code (409), a school under a department (400) and a missing stage (400)', async () => {
    const dup = await admin.post(
      '/api/org/units',
      newSchool({ code: 'SA1', parentId: env.world.units.zoneA }),
    );
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'org.code_taken', field: 'code' });
    const underDept = await admin.post(
      '/api/org/units',
      newSchool({ code: 'SX1', parentId: env.world.units.dept }),
    );
    expect(underDept.statusCode).toBe(400);
    expect(underDept.json().error).toMatchObject({ code: 'org.parent_invalid', field: 'parentId' });
    const noStage = await admin.post(
      '/api/org/units',
      newSchool({ code: 'SX2', stage: undefined, parentId: env.world.units.zoneA }),
    );
    expect(noStage.statusCode).toBe(400);
    expect(noStage.json().error.field).toBe('stage');
    const badCode = await admin.post(
      '/api/org/units',
      newSchool({ code: 'S X', parentId: env.world.units.zoneA }),
    );
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.field).toBe('code');
    const district = await admin.post(
      '/api/org/units',
      newSchool({ code: 'DX', kind: 'district', parentId: env.world.units.zoneA }),
    );
    expect(district.statusCode).toBe(400);
    expect(await auditRows(env.db, 'org.create_unit')).toHaveLength(1);
  });

  it('refuses users without org.manage (403) and anonymous callers (401)', async () => {
    for (const client of [principalA1, zoneA]) {
      const res = await client.post(
        '/api/org/units',
        newSchool({ code: 'SX3', parentId: env.world.units.zoneA }),
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.forbidden');
      const patch = await client.patch(`/api/org/units/${env.world.units.schoolA1}`, { name: 'x' });
      expect(patch.statusCode).toBe(403);
    }
    const anonymous = await env.app.app.inject({
      method: 'POST',
      url: '/api/org/units',
      payload: newSchool({ parentId: env.world.units.zoneA }),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('changes a name and audits before and after', async () => {
    const res = await officer.patch(`/api/org/units/${env.world.units.schoolA1}`, {
      name: '中关村第一小学（本部）',
      phone: '010-62512345',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '中关村第一小学（本部）', phone: '010-62512345', code: 'SA1' });
    const events = await auditRows(env.db, 'org.update_unit', env.world.units.schoolA1);
    expect(events).toHaveLength(1);
    expect(events[0].actor_name).toBe('officer');
    expect(events[0].before).toEqual({ name: '中关村第一小学', phone: null });
    expect(events[0].after).toEqual({ name: '中关村第一小学（本部）', phone: '010-62512345' });
    const detail = await admin.get(`/api/org/units/${env.world.units.schoolA1}`);
    expect(detail.json().name).toBe('中关村第一小学（本部）');
    const empty = await officer.patch(`/api/org/units/${env.world.units.schoolA1}`, { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe('name');
  });

  it('moves school A2 from zone A to zone B from 2026-09-01, keeping history', async () => {
    const { schoolA2, zoneA: zoneAId, zoneB: zoneBId } = env.world.units;
    const res = await admin.post(`/api/org/units/${schoolA2}/move`, {
      parentId: zoneBId,
      effectiveFrom: '2026-09-01',
      reason: '学区划片调整',
    });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail.parentId).toBe(zoneBId);
    expect(detail.history).toEqual([
      expect.objectContaining({ parentId: zoneAId, validFrom: '2000-01-01', validTo: '2026-09-01' }),
      expect.objectContaining({
        parentId: zoneBId,
        parentName: '万寿路学区',
        validFrom: '2026-09-01',
        validTo: null,
        reason: '学区划片调整',
      }),
    ]);
    const before = await admin.get(`/api/org/units?within=${zoneAId}&asOf=2026-08-31`);
    expect(codes(before)).toContain('SA2');
    const after = await admin.get(`/api/org/units?within=${zoneAId}&asOf=2026-09-01`);
    expect(codes(after)).not.toContain('SA2');
    const inB = await admin.get(`/api/org/units?within=${zoneBId}&asOf=2026-09-01`);
    expect(codes(inB)).toContain('SA2');
    const asOfBefore = await admin.get(`/api/org/units/${schoolA2}?asOf=2026-08-31`);
    expect(asOfBefore.json().parentId).toBe(zoneAId);
    expect(asOfBefore.json().path.map((n: { code: string }) => n.code)).toEqual(['110108', 'ZA', 'SA2']);
    const history = await admin.get(`/api/org/units/${schoolA2}?asOf=2026-09-01`);
    expect(history.json().history).toHaveLength(2);
    expect(history.json().path.map((n: { code: string }) => n.code)).toEqual(['110108', 'ZB', 'SA2']);
    const events = await auditRows(env.db, 'org.move_unit', schoolA2);
    expect(events).toHaveLength(1);
    expect(events[0].before).toEqual({ parentId: zoneAId, validFrom: '2000-01-01' });
    expect(events[0].after).toEqual({ parentId: zoneBId, validFrom: '2026-09-01', reason: '学区划片调整' });
  });

  it("lets the zone-A manager's scope follow the date of the move", async () => {
    const before = await zoneA.get('/api/org/units?kind=school&asOf=2026-08-31');
    expect(codes(before)).toContain('SA2');
    const after = await zoneA.get('/api/org/units?kind=school&asOf=2026-09-01');
    expect(codes(after)).not.toContain('SA2');
    expect(codes(after)).toContain('SA1');
    const treeBefore = await zoneA.get(`/api/org/tree?parentId=${env.world.units.zoneA}&asOf=2026-08-31`);
    expect(treeBefore.json().nodes.map((n: { code: string }) => n.code)).toContain('SA2');
    const treeAfter = await zoneA.get(`/api/org/tree?parentId=${env.world.units.zoneA}&asOf=2026-09-01`);
    expect(treeAfter.json().nodes.map((n: { code: string }) => n.code)).not.toContain('SA2');
  });

  it('refuses a move into its own subtree, under itself or under the same parent (400)', async () => {
    const { zoneA: zoneAId, schoolA1 } = env.world.units;
    const intoOwnSchool = await admin.post(`/api/org/units/${zoneAId}/move`, {
      parentId: schoolA1,
      effectiveFrom: '2026-10-01',
      reason: '环',
    });
    expect(intoOwnSchool.statusCode).toBe(400);
    expect(intoOwnSchool.json().error.code).toBe('org.parent_invalid');
    const underItself = await admin.post(`/api/org/units/${schoolA1}/move`, {
      parentId: schoolA1,
      effectiveFrom: '2026-10-01',
      reason: '环',
    });
    expect(underItself.statusCode).toBe(400);
    expect(underItself.json().error.code).toBe('org.parent_invalid');
    const sameParent = await admin.post(`/api/org/units/${schoolA1}/move`, {
      parentId: zoneAId,
      effectiveFrom: '2026-10-01',
      reason: '原地',
    });
    expect(sameParent.statusCode).toBe(400);
    expect(sameParent.json().error.code).toBe('org.parent_invalid');
  });

  it('refuses a move dated before the current placement (400 org.move_date_invalid)', async () => {
    const { schoolA2, schoolA1, zoneA: zoneAId, zoneB: zoneBId } = env.world.units;
    const beforeLatest = await admin.post(`/api/org/units/${schoolA2}/move`, {
      parentId: zoneAId,
      effectiveFrom: '2026-08-01',
      reason: '回调',
    });
    expect(beforeLatest.statusCode).toBe(400);
    expect(beforeLatest.json().error).toMatchObject({
      code: 'org.move_date_invalid',
      field: 'effectiveFrom',
    });
    const sameDay = await admin.post(`/api/org/units/${schoolA2}/move`, {
      parentId: zoneAId,
      effectiveFrom: '2026-09-01',
      reason: '回调',
    });
    expect(sameDay.statusCode).toBe(400);
    expect(sameDay.json().error.code).toBe('org.move_date_invalid');
    const beforeOpening = await admin.post(`/api/org/units/${schoolA1}/move`, {
      parentId: zoneBId,
      effectiveFrom: '1999-01-01',
      reason: '太早',
    });
    expect(beforeOpening.statusCode).toBe(400);
    expect(beforeOpening.json().error.code).toBe('org.move_date_invalid');
    expect(await auditRows(env.db, 'org.move_unit')).toHaveLength(1);
    const zoneMove = await zoneA.post(`/api/org/units/${schoolA1}/move`, {
      parentId: zoneBId,
      effectiveFrom: '2026-10-01',
      reason: '无权',
    });
    expect(zoneMove.statusCode).toBe(403);
  });
});

describe('org: export', () => {
  let env: Env;
  let admin: Client;
  let zoneA: Client;
  beforeAll(async () => {
    env = await environment();
    admin = await loginAs(env.app.app, 'admin');
    zoneA = await loginAs(env.app.app, 'zonea');
  });
  afterAll(() => env.close());

  async function readSheet(body: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { name: sheet.name, rows };
  }

  it('exports the filtered list as an xlsx with a header and one row per school, audited', async () => {
    const res = await admin.get('/api/org/units/export.xlsx?kind=school');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const body = res.rawPayload;
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheet = await readSheet(body);
    expect(sheet.name).toBe('组织机构');
    expect(sheet.rows[0]).toEqual(
      expect.arrayContaining(['代码 Code', '名称 Name', '类型 Kind', '上级 Parent']),
    );
    expect(sheet.rows).toHaveLength(4);
    expect(sheet.rows.slice(1).map((r) => r[0])).toEqual(['SA1', 'SA2', 'SB1']);
    expect(sheet.rows[1]).toEqual(
      expect.arrayContaining(['中关村第一小学', '学校', '小学', '公办', '中关村学区']),
    );
    const events = await auditRows(env.db, 'org.export_units');
    expect(events).toHaveLength(1);
    expect(events[0].actor_name).toBe('admin');
    expect(events[0].after).toMatchObject({ rows: 3, filters: { kind: 'school' } });
  });

  it("exports only the zone manager's scope", async () => {
    const res = await zoneA.get('/api/org/units/export.xlsx?kind=school');
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.rows.slice(1).map((r) => r[0])).toEqual(['SA1', 'SA2']);
    const anonymous = await env.app.app.inject('/api/org/units/export.xlsx');
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('org: renaming a unit', () => {
  let env: Env;
  let admin: Client;
  beforeAll(async () => {
    env = await environment();
    admin = await loginAs(env.app.app, 'admin');
  });
  afterAll(() => env.close());

  it("re-indexes the unit's people, whose search documents carry the unit's name", async () => {
    const res = await admin.patch(`/api/org/units/${env.world.units.schoolB1}`, { name: '万寿路实验小学' });
    expect(res.statusCode, res.body).toBe(200);
    const found = (await admin.get(`/api/search?q=${encodeURIComponent('万寿路实验小学')}`)).json();
    const people = found.items.filter((i: { entityType: string }) => i.entityType === 'person');
    expect(people.map((p: { title: string }) => p.title).sort()).toEqual(['李小红', '王老师']);
    expect(people.every((p: { subtitle: string }) => p.subtitle.startsWith('万寿路实验小学'))).toBe(true);
  });
});
