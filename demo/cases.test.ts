import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistrict } from '../server/core/bootstrap.ts';
import type { Db } from '../server/core/db/index.ts';
import { testDatabase } from '../server/test/db.ts';
import { loginAs, testApp } from '../server/test/http.ts';
import { generateDemo } from './index.ts';

/**
 * The demo's year of cases at a small scale: the volume follows the scale, the seasons show, the
 * rankings have spread, the demo accounts see their own cases, and the generated rows are
 * consistent with what the operations would have written (clocks, masked complainants).
 */
let db: Db;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof testApp>>;
const PASSWORD = 'Demo-Test-Password-1';
const scale = 0.05;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
  await generateDemo(db, {
    seed: 'haidian-2020',
    districtId: district.id,
    demoPassword: PASSWORD,
    scale,
  });
  app = await testApp(db);
}, 300_000);
afterAll(async () => {
  await app.app.close();
  await close();
});

describe('demo cases', () => {
  it('generates the seed’s volume at scale, with open cases at the end of the year', async () => {
    const { rows } = await db.execute<{ kind: string; n: number; open: number }>(sql`
      SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE closed_at IS NULL AND state <> 'merged')::int AS open
      FROM case_record GROUP BY kind ORDER BY kind`);
    expect(rows.map((r) => r.kind)).toEqual(['hotline', 'petition']);
    expect(Number(rows[0]!.n)).toBe(Math.round(21_323 * scale));
    expect(Number(rows[1]!.n)).toBe(Math.round(1_455 * scale));
    expect(Number(rows[0]!.open)).toBeGreaterThan(0);
    const months = await db.execute<{ m: string; n: number }>(sql`
      SELECT to_char(received_at AT TIME ZONE 'Asia/Shanghai', 'MM') AS m, count(*)::int AS n
      FROM case_record WHERE category_code = 'ENROLL' AND kind = 'hotline' GROUP BY 1`);
    const by = Object.fromEntries(months.rows.map((r) => [r.m, Number(r.n)]));
    expect(by['06']!).toBeGreaterThan(3 * (by['11'] ?? 0));
  });

  it('the rankings of a month have spread and the officer sees every unit', async () => {
    const officer = await loginAs(app.app, 'officer', PASSWORD);
    const res = await officer.get('/api/cases/rankings?month=2026-06');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { composite: number; valid: number }[];
    expect(items.length).toBeGreaterThan(20);
    const composites = items.filter((r) => r.valid >= 3).map((r) => r.composite);
    expect(Math.max(...composites) - Math.min(...composites)).toBeGreaterThan(0.1);
    const list = await officer.get('/api/cases?atRisk=true');
    expect(list.statusCode).toBe(200);
    const detail = await officer.get(
      `/api/cases/${(await officer.get('/api/cases?pageSize=1')).json().items[0].id}`,
    );
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().clocks.length).toBeGreaterThan(0);
    expect(detail.json().clocks[0].explanation.length).toBeGreaterThan(1);
  });

  it('a principal sees only the school’s cases, masked', async () => {
    const principal = await loginAs(app.app, 'principal01', PASSWORD);
    const res = await principal.get('/api/cases?pageSize=200');
    expect(res.statusCode).toBe(200);
    const orgs = new Set(res.json().items.map((c: { orgId: number }) => c.orgId));
    expect(orgs.size).toBeLessThanOrEqual(1);
    expect(res.body).not.toMatch(/"complainantPhone":"1\d{10}"/);
  });
});
