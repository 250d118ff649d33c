import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, seedCalendar } from '../../core/calendar/index.ts';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld } from '../../test/world.ts';

/**
 * The calendar module over HTTP against a real PostgreSQL: seeding from the bundled data, reading
 * years and days, an administrator entering a year (audited before/after), the deadline calculator
 * and its refusal of a year the calendar does not cover.
 */
let db: Db;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof testApp>>;
let admin: Client;
let staff: Client;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  await buildWorld(db);
  expect((await seedCalendar(db)).added).toContain(2026);
  app = await testApp(db);
  admin = await loginAs(app.app, 'admin');
  staff = await loginAs(app.app, 'staffa1');
});
afterAll(async () => {
  await app.app.close();
  await close();
});

const put = (client: Client, year: number | string, body: unknown) =>
  app.app.inject({
    method: 'PUT',
    url: `/api/calendar/years/${year}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
    payload: body as object,
  });

const year2027 = {
  notice: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  days: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦', statutory: true },
    { date: '2027-01-02', kind: 'holiday', name: '元旦' },
    { date: '2027-01-03', kind: 'holiday', name: '元旦' },
    { date: '2027-02-20', kind: 'workday', name: '春节' },
  ],
};

describe('calendar: seeding and reading', () => {
  it('seeds once: a second run adds nothing', async () => {
    expect((await seedCalendar(db)).added).toEqual([]);
    const calendar = await loadCalendar(db);
    expect(calendar.years).toContain(2025);
    expect(calendar.covers(2027)).toBe(false);
  });

  it('refuses without a session (401) and lists years for any session (200)', async () => {
    expect((await app.app.inject('/api/calendar/years')).statusCode).toBe(401);
    const res = await staff.get('/api/calendar/years');
    expect(res.statusCode).toBe(200);
    const y2026 = res.json().items.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({ source: 'chinese-days', holidays: 33, workdays: 6 });
    expect(res.json().actions).toEqual([]);
    expect((await admin.get('/api/calendar/years')).json().actions).toEqual(['edit']);
  });

  it("reads a year's days, and answers a bad year with 400", async () => {
    const res = await staff.get('/api/calendar/days?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, covered: true, source: 'chinese-days' });
    expect(res.json().days).toContainEqual({
      date: '2026-10-10',
      kind: 'workday',
      name: '国庆节',
      statutory: false,
    });
    const uncovered = await staff.get('/api/calendar/days?year=2030');
    expect(uncovered.json()).toMatchObject({ covered: false, days: [] });
    const bad = await staff.get('/api/calendar/days?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('year');
  });

  it("exports a year's days to Excel, audited", async () => {
    const res = await staff.get('/api/calendar/days/export.xlsx?year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('2026')!;
    expect(sheet.rowCount).toBe(1 + 39);
    const { rows } = await db.$client.query(
      `SELECT * FROM audit_event WHERE action = 'calendar.export_days'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe('calendar: the deadline calculator', () => {
  it('computes across National Day 2026 with the explanation', async () => {
    const res = await staff.post('/api/calendar/due', {
      from: '2026-09-30T10:00:00+08:00',
      rule: { workingDays: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ due: '2026-10-11T00:00:00+08:00', lastDay: '2026-10-10' });
    expect(res.json().explain.map((s: { kind: string }) => s.kind)).toContain('adjustedWorkday');
  });

  it('refuses a year the calendar does not cover with the coded error', async () => {
    const res = await staff.post('/api/calendar/due', {
      from: '2031-03-02T10:00:00+08:00',
      rule: { days: 5 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('calendar.not_covered');
    expect(res.json().error.messageEn).toContain('State Council');
  });

  it('refuses malformed requests (400), and needs a session (401)', async () => {
    for (const body of [
      { from: 'yesterday', rule: { days: 1 } },
      { from: '2026-03-02T10:00:00+08:00', rule: { days: 0 } },
      { from: '2026-03-02T10:00:00+08:00', rule: { days: 1, hours: 2 } },
      { from: '2026-03-02T10:00:00+08:00', rule: { weeks: 1 } },
    ]) {
      const res = await staff.post('/api/calendar/due', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const reversed = await staff.post('/api/calendar/due', {
      from: '2026-03-02T10:00:00+08:00',
      rule: { days: 3 },
      pauses: [{ from: '2026-03-04T10:00:00+08:00', to: '2026-03-03T10:00:00+08:00', reason: 'x' }],
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({ code: 'calendar.invalid_clock', field: 'pauses.0.to' });
    const anonymous = await app.app.inject({ method: 'POST', url: '/api/calendar/due', payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('calendar: entering a year', () => {
  it('refuses a user without calendar.manage (403) and bad days (400)', async () => {
    const refused = await put(staff, 2027, year2027);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.forbidden');
    const outside = await put(admin, 2027, {
      ...year2027,
      days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'calendar.day_outside_year', field: 'days.0.date' });
    const weekday = await put(admin, 2027, {
      ...year2027,
      days: [{ date: '2027-02-17', kind: 'workday', name: '春节' }],
    });
    expect(weekday.json().error.code).toBe('calendar.workday_not_weekend');
    const twice = await put(admin, 2027, { ...year2027, days: [year2027.days[0], year2027.days[0]] });
    expect(twice.json().error.code).toBe('calendar.duplicate_day');
    const badKind = await put(admin, 2027, {
      ...year2027,
      days: [{ date: '2027-01-01', kind: 'party', name: 'x' }],
    });
    expect(badKind.statusCode).toBe(400);
  });

  it('enters 2027 (audited), after which deadlines count into it', async () => {
    const before = await staff.post('/api/calendar/due', {
      from: '2026-12-31T10:00:00+08:00',
      rule: { workingDays: 1 },
    });
    expect(before.json().error.code).toBe('calendar.not_covered');
    const res = await put(admin, 2027, year2027);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, covered: true, source: 'admin', days: expect.any(Array) });
    expect(res.json().days).toHaveLength(4);
    const after = await staff.post('/api/calendar/due', {
      from: '2026-12-31T10:00:00+08:00',
      rule: { workingDays: 1 },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().lastDay).toBe('2027-01-04');
    const { rows } = await db.$client.query(
      `SELECT before, after FROM audit_event WHERE action = 'calendar.put_year' AND entity_id = '2027'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].before).toBeNull();
    expect(rows[0].after.days).toHaveLength(4);
  });

  it('replaces a year, keeping the old days in the audit trail', async () => {
    const res = await put(admin, 2027, { notice: '更正', days: year2027.days.slice(0, 1) });
    expect(res.json().days).toHaveLength(1);
    const { rows } = await db.$client.query(
      `SELECT before, after FROM audit_event WHERE action = 'calendar.put_year' AND entity_id = '2027' ORDER BY seq`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1].before.days).toHaveLength(4);
    expect(rows[1].after).toMatchObject({ notice: '更正', source: 'admin' });
    // 01-02 and 01-03 fall on a weekend anyway; 01-01 is still a holiday.
    const due = await staff.post('/api/calendar/due', {
      from: '2026-12-31T10:00:00+08:00',
      rule: { days: 1 },
    });
    expect(due.json().lastDay).toBe('2027-01-04');
  });
});
