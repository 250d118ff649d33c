import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { services } from '../../core/services.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, makeIdNumber, type World } from '../../test/world.ts';
import { countStudentsPerZone } from './index.ts';

/**
 * The people module over HTTP: masked lists and details, scope (out of scope is "not found"),
 * audited reveals, lookups through keyed hashes, creating and changing people with sealed fields,
 * and a masked, audited export.
 */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;
let admin: Client;
let principalA1: Client;
let principalB1: Client;
let staffA1: Client;
let supervisor: Client;

/** The plain values of a person, read by decrypting their sealed columns. */
async function plainOf(id: number): Promise<{ idNumber: string; phone: string; address: string }> {
  const { rows } = await db.$client.query(
    'SELECT id_number_enc, phone_enc, address_enc FROM person WHERE id = $1',
    [id],
  );
  const { cipher } = services();
  return {
    idNumber: cipher.decrypt(rows[0].id_number_enc),
    phone: cipher.decrypt(rows[0].phone_enc),
    address: cipher.decrypt(rows[0].address_enc),
  };
}

async function auditRows(action: string) {
  return (await db.$client.query('SELECT * FROM audit_event WHERE action = $1 ORDER BY seq', [action])).rows;
}

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  app = await testApp(db);
  admin = await loginAs(app.app, 'admin');
  principalA1 = await loginAs(app.app, 'principala1');
  principalB1 = await loginAs(app.app, 'principalb1');
  staffA1 = await loginAs(app.app, 'staffa1');
  supervisor = await loginAs(app.app, 'supervisor');
});
afterAll(async () => {
  await app.app.close();
  await close();
});

describe('people: reading', () => {
  it('lists masked values only, never the plain ID number, phone or address', async () => {
    const res = await admin.get('/api/people?pageSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(4);
    for (const id of Object.values(world.people)) {
      const plain = await plainOf(id);
      for (const value of Object.values(plain)) expect(res.body).not.toContain(value);
      const item = res.json().items.find((p: { id: number }) => p.id === id);
      expect(item.idNumber).toBe(`${plain.idNumber.slice(0, 6)}********${plain.idNumber.slice(-4)}`);
      expect(item.phone).toBe(`${plain.phone.slice(0, 3)}****${plain.phone.slice(-4)}`);
      expect(item.address).toBe('北京市海淀区****');
    }
    expect(res.body).not.toMatch(/_enc|Enc"|Hash"/);
  });

  it('refuses anonymous callers (401) and users without people.read (403)', async () => {
    expect((await app.app.inject('/api/people')).statusCode).toBe(401);
    const res = await supervisor.get('/api/people');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
    expect((await supervisor.get(`/api/people/${world.people.studentA1}`)).statusCode).toBe(403);
    expect((await app.app.inject(`/api/people/${world.people.studentA1}`)).statusCode).toBe(401);
  });

  it("never shows A1's people to the principal of B1", async () => {
    const list = await principalB1.get('/api/people?pageSize=100');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((p: { id: number }) => p.id);
    expect(ids.sort()).toEqual([world.people.studentB1, world.people.staffB1].sort());
    expect(list.json().total).toBe(2);
    const filtered = await principalB1.get(`/api/people?orgId=${world.units.schoolA1}`);
    expect(filtered.json().total).toBe(0);
    const plain = await plainOf(world.people.studentA1);
    const byId = await principalB1.get(`/api/people?q=${plain.idNumber}`);
    expect(byId.json().total).toBe(0);
    const detail = await principalB1.get(`/api/people/${world.people.studentA1}`);
    expect(detail.statusCode).toBe(404);
    expect(detail.json().error.code).toBe('people.person_not_found');
    const reveal = await principalB1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'idNumber',
      reason: '核对学籍',
    });
    expect(reveal.statusCode).toBe(404);
    expect(reveal.json().error.code).toBe('people.person_not_found');
    expect(reveal.body).not.toContain(plain.idNumber);
    const patch = await principalB1.patch(`/api/people/${world.people.studentA1}`, { name: '改名' });
    expect(patch.statusCode).toBe(404);
  });

  it('shows a student with their guardians, and a guardian with their children, masked', async () => {
    const res = await principalA1.get(`/api/people/${world.people.studentA1}`);
    expect(res.statusCode).toBe(200);
    const guardianPlain = await plainOf(world.people.guardianA1);
    expect(res.json()).toMatchObject({
      id: world.people.studentA1,
      name: '张小明',
      kind: 'student',
      orgName: '中关村第一小学',
      actions: ['reveal', 'edit'],
      guardians: [
        {
          id: world.people.guardianA1,
          name: '张大明',
          relation: '父亲',
          phone: `${guardianPlain.phone.slice(0, 3)}****${guardianPlain.phone.slice(-4)}`,
        },
      ],
      children: [],
    });
    expect(res.body).not.toContain(guardianPlain.phone);
    expect(res.body).not.toContain((await plainOf(world.people.studentA1)).idNumber);
    const guardian = await principalA1.get(`/api/people/${world.people.guardianA1}`);
    expect(guardian.json().children).toEqual([
      { id: world.people.studentA1, name: '张小明', relation: '父亲', orgName: '中关村第一小学' },
    ]);
    expect((await principalA1.get('/api/people/99999999')).statusCode).toBe(404);
  });

  it('finds a person by exact ID number, by phone, by name prefix', async () => {
    const plain = await plainOf(world.people.studentA1);
    const byId = await principalA1.get(`/api/people?q=${plain.idNumber}`);
    expect(byId.json().items.map((p: { id: number }) => p.id)).toEqual([world.people.studentA1]);
    expect(byId.body).not.toContain(plain.idNumber);
    const byPhone = await principalA1.get(`/api/people?q=${plain.phone}`);
    expect(byPhone.json().items.map((p: { id: number }) => p.id)).toEqual([world.people.studentA1]);
    const byFormattedPhone = await principalA1.get(
      `/api/people?q=${encodeURIComponent(`+86 ${plain.phone.slice(0, 3)}-${plain.phone.slice(3, 7)}-${plain.phone.slice(7)}`)}`,
    );
    expect(byFormattedPhone.json().items.map((p: { id: number }) => p.id)).toEqual([world.people.studentA1]);
    const byName = await principalA1.get(`/api/people?q=${encodeURIComponent('张')}`);
    expect(
      byName
        .json()
        .items.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['张大明', '张小明']);
    const byLongerName = await principalA1.get(`/api/people?q=${encodeURIComponent('张小')}`);
    expect(byLongerName.json().items.map((p: { id: number }) => p.id)).toEqual([world.people.studentA1]);
    // A prefix, not a substring, and no partial ID numbers.
    expect((await principalA1.get(`/api/people?q=${encodeURIComponent('小明')}`)).json().total).toBe(0);
    expect((await principalA1.get(`/api/people?q=${plain.idNumber.slice(0, 10)}`)).json().total).toBe(0);
    const students = await principalA1.get('/api/people?kind=student');
    expect(students.json().items.map((p: { id: number }) => p.id)).toEqual([world.people.studentA1]);
  });

  it('lets school staff read people but not reveal them (no action, 403)', async () => {
    const list = await staffA1.get('/api/people');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    for (const p of list.json().items) expect(p.actions).toEqual([]);
    const detail = await staffA1.get(`/api/people/${world.people.studentA1}`);
    expect(detail.json().actions).not.toContain('reveal');
    const reveal = await staffA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'idNumber',
      reason: '核对学籍',
    });
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('auth.forbidden');
    const create = await staffA1.post('/api/people', {
      kind: 'student',
      orgId: world.units.schoolA1,
      name: '无权',
    });
    expect(create.statusCode).toBe(403);
  });
});

describe('people: reveal', () => {
  it('reveals the plain ID number to the principal, audited with the reason and not the value', async () => {
    const plain = await plainOf(world.people.studentA1);
    const res = await principalA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'idNumber',
      reason: '办理转学手续',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ field: 'idNumber', value: plain.idNumber });
    const phone = await principalA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'phone',
      reason: '联系家长',
    });
    expect(phone.json()).toEqual({ field: 'phone', value: plain.phone });
    const address = await principalA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'address',
      reason: '家访',
    });
    expect(address.json().value).toBe(plain.address);
    const events = await auditRows('people.reveal');
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      actor_name: 'principala1',
      entity_type: 'person',
      entity_id: String(world.people.studentA1),
      org_id: world.units.schoolA1,
      after: { field: 'idNumber', reason: '办理转学手续' },
    });
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(plain.idNumber);
    expect(trail).not.toContain(plain.phone);
    expect(trail).not.toContain('中关村大街');
  });

  it('refuses a reveal without a reason or of an unknown field (400), unaudited', async () => {
    const count = (await auditRows('people.reveal')).length;
    const noReason = await principalA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'idNumber',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    const badField = await principalA1.post(`/api/people/${world.people.studentA1}/reveal`, {
      field: 'passwordHash',
      reason: '好奇',
    });
    expect(badField.statusCode).toBe(400);
    expect((await auditRows('people.reveal')).length).toBe(count);
  });
});

describe('people: creating and changing', () => {
  const newStudent = (overrides: Record<string, unknown> = {}) => ({
    kind: 'student',
    orgId: world.units.schoolA1,
    name: '刘小华',
    gender: 'F',
    birthDate: '2016-03-05',
    phone: '13900001111',
    address: '北京市海淀区学院路30号5单元',
    grade: 2,
    className: '二(3)班',
    ...overrides,
  });

  it('refuses an invalid ID number (400 with the field) and a duplicate one (409)', async () => {
    // The check digit of 11010820160305123 is 0, so 1 is wrong.
    const invalid = await principalA1.post('/api/people', newStudent({ idNumber: '110108201603051231' }));
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'people.id_number_invalid', field: 'idNumber' });
    const duplicate = await principalA1.post(
      '/api/people',
      newStudent({ idNumber: (await plainOf(world.people.studentB1)).idNumber }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'people.id_number_taken', field: 'idNumber' });
    const outside = await principalA1.post(
      '/api/people',
      newStudent({ orgId: world.units.schoolB1, idNumber: makeIdNumber('20160305') }),
    );
    expect(outside.statusCode).toBe(404);
    expect((await auditRows('people.create')).length).toBe(0);
  });

  it('creates a person with sealed fields and answers masked', async () => {
    const idNumber = makeIdNumber('20160305').replace(/X$/, 'x');
    const res = await principalA1.post('/api/people', newStudent({ idNumber }));
    expect(res.statusCode).toBe(200);
    const created = res.json();
    const normalised = idNumber.toUpperCase();
    expect(created).toMatchObject({
      kind: 'student',
      name: '刘小华',
      orgId: world.units.schoolA1,
      orgName: '中关村第一小学',
      idNumber: `${normalised.slice(0, 6)}********${normalised.slice(-4)}`,
      phone: '139****1111',
      address: '北京市海淀区****',
      grade: 2,
      status: 'active',
      actions: ['reveal', 'edit'],
    });
    expect(res.body).not.toContain(normalised);
    expect(res.body).not.toContain('13900001111');
    const { rows } = await db.$client.query('SELECT * FROM person WHERE id = $1', [created.id]);
    const row = rows[0];
    const { cipher } = services();
    expect(row.id_number_enc).not.toBe(normalised);
    expect(row.id_number_enc).not.toContain(normalised);
    expect(row.phone_enc).not.toContain('13900001111');
    expect(row.address_enc).not.toContain('学院路');
    expect(cipher.decrypt(row.id_number_enc)).toBe(normalised);
    expect(cipher.decrypt(row.phone_enc)).toBe('13900001111');
    expect(row.id_number_hash).toBe(cipher.lookupHash(normalised));
    expect(JSON.stringify(row)).not.toContain('13900001111');
    const events = await auditRows('people.create');
    expect(events).toHaveLength(1);
    expect(events[0].entity_id).toBe(String(created.id));
    const trail = JSON.stringify(events[0]);
    expect(trail).not.toContain(normalised);
    expect(trail).not.toContain('13900001111');
    expect(trail).not.toContain('学院路');
    const found = await principalA1.get(`/api/people?q=${normalised}`);
    expect(found.json().items.map((p: { id: number }) => p.id)).toEqual([created.id]);
    const again = await principalA1.post('/api/people', newStudent({ idNumber: normalised, name: '重复' }));
    expect(again.statusCode).toBe(409);
  });

  it('re-seals a changed phone: new ciphertext and hash, old phone no longer found', async () => {
    const id = world.people.studentA1;
    const before = (await db.$client.query('SELECT * FROM person WHERE id = $1', [id])).rows[0];
    const oldPhone = services().cipher.decrypt(before.phone_enc);
    const res = await principalA1.patch(`/api/people/${id}`, {
      phone: '138 0013 8000',
      className: '三(1)班',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '138****8000', className: '三(1)班' });
    const after = (await db.$client.query('SELECT * FROM person WHERE id = $1', [id])).rows[0];
    expect(after.phone_enc).not.toBe(before.phone_enc);
    expect(after.phone_hash).not.toBe(before.phone_hash);
    expect(services().cipher.decrypt(after.phone_enc)).toBe('13800138000');
    expect(after.id_number_enc).toBe(before.id_number_enc);
    expect(
      (await principalA1.get('/api/people?q=13800138000')).json().items.map((p: { id: number }) => p.id),
    ).toEqual([id]);
    expect((await principalA1.get(`/api/people?q=${oldPhone}`)).json().total).toBe(0);
    const reveal = await principalA1.post(`/api/people/${id}/reveal`, { field: 'phone', reason: '核对' });
    expect(reveal.json().value).toBe('13800138000');
    const events = await auditRows('people.update');
    expect(events).toHaveLength(1);
    expect(events[0].after).toMatchObject({ phoneMasked: '138****8000', className: '三(1)班' });
    expect(JSON.stringify(events[0])).not.toContain('13800138000');
    expect(JSON.stringify(events[0])).not.toContain(oldPhone);
  });

  it('refuses a change to an ID number another person holds (409) and a bad one (400)', async () => {
    const taken = (await plainOf(world.people.guardianA1)).idNumber;
    const res = await principalA1.patch(`/api/people/${world.people.studentA1}`, { idNumber: taken });
    expect(res.statusCode).toBe(409);
    const bad = await principalA1.patch(`/api/people/${world.people.studentA1}`, { idNumber: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('idNumber');
    const own = (await plainOf(world.people.studentA1)).idNumber;
    const same = await principalA1.patch(`/api/people/${world.people.studentA1}`, { idNumber: own });
    expect(same.statusCode).toBe(200);
  });
});

describe('people: export', () => {
  it('exports the list as a masked xlsx and audits it', async () => {
    // 入学日期 (migration 0019): in the list, the detail and the export.
    await db.execute(sql`UPDATE person SET entry_date = '2026-09-01' WHERE id = ${world.people.studentA1}`);
    const student = (await principalA1.get(`/api/people/${world.people.studentA1}`)).json();
    expect(student.entryDate).toBe('2026-09-01');
    const listed = (await principalA1.get('/api/people?kind=student&pageSize=100')).json();
    const entryDates = listed.items.map((p: { id: number; entryDate: string | null }) => [p.id, p.entryDate]);
    expect(entryDates).toContainEqual([world.people.studentA1, '2026-09-01']);
    expect(entryDates.filter(([, d]: [number, string | null]) => d === null).length).toBe(listed.total - 1);
    const res = await principalA1.get('/api/people/export.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(expect.arrayContaining(['姓名 Name', '身份证号 ID number', '电话 Phone']));
    const entryColumn = (rows[0] as string[]).indexOf('入学日期 Entry date');
    expect(entryColumn).toBeGreaterThan(0);
    expect(rows.filter((r) => r[entryColumn] === '2026-09-01')).toHaveLength(1);
    const inScope = (await principalA1.get('/api/people?pageSize=100')).json();
    expect(rows).toHaveLength(inScope.total + 1);
    const cells = JSON.stringify(rows);
    for (const p of inScope.items as { id: number; idNumber: string }[]) {
      const plain = await plainOf(p.id);
      expect(cells).not.toContain(plain.idNumber);
      expect(cells).not.toContain(plain.phone);
      expect(cells).toContain(p.idNumber);
    }
    expect(cells).not.toContain('李小红');
    const events = await auditRows('people.export');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_name: 'principala1', after: { rows: inScope.total } });
    expect((await supervisor.get('/api/people/export.xlsx')).statusCode).toBe(403);
  });
});

describe('counts for other modules', () => {
  it('counts active students per zone, by birth window and by grade', async () => {
    await db.execute(sql`UPDATE person SET birth_date = '2013-05-05' WHERE id = ${world.people.studentA1}`);
    const cohort = await countStudentsPerZone(db, {
      districtId: world.districtId,
      bornAfter: '2012-12-31',
      bornOnOrBefore: '2013-12-31',
    });
    expect(cohort.get(world.units.zoneA)).toBe(1);
    expect(cohort.has(world.units.zoneB)).toBe(false);
    const byGrade = await countStudentsPerZone(db, { districtId: world.districtId, grade: 99 });
    expect(byGrade.size).toBe(0);
  });
});
