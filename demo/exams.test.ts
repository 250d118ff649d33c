import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistrict } from '../server/core/bootstrap.ts';
import type { Db } from '../server/core/db/index.ts';
import { testDatabase } from '../server/test/db.ts';
import { type Client, loginAs, testApp } from '../server/test/http.ts';
import { ZHONGKAO_2020 } from './exams.ts';
import { generateDemo } from './index.ts';

/**
 * The demo's 2020 中考 at a small scale: the candidates follow the scale, the arrangement is
 * sound (no same-school neighbours, no invigilator conflicts, every school spread evenly), locked
 * and published with its seal in the audit trail, and the first paper has exam-day records.
 */
let db: Db;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof testApp>>;
let officer: Client;
const PASSWORD = 'Demo-Test-Password-1';
const scale = 0.05;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
  await generateDemo(db, { seed: 'haidian-2020', districtId: district.id, demoPassword: PASSWORD, scale });
  app = await testApp(db);
  officer = await loginAs(app.app, 'officer', PASSWORD);
}, 300_000);
afterAll(async () => {
  await app.app.close();
  await close();
});

describe('demo 2020 中考', () => {
  it('is arranged, reviewed sound, locked and published at the scaled size', async () => {
    const list = (await officer.get('/api/exams')).json();
    expect(list.total).toBe(1);
    const exam = list.items[0];
    expect(exam).toMatchObject({
      code: 'ZK2020',
      status: 'published',
      latestPlan: { version: 1, status: 'published' },
    });
    expect(exam.candidates).toBe(Math.round(ZHONGKAO_2020.candidates * scale));
    const plan = (await officer.get(`/api/exams/${exam.id}/plans/1`)).json();
    expect(plan.stats).toMatchObject({ adjacencies: 0, invigilatorConflicts: 0, problems: [] });
    expect(plan.stats.seated).toBe(exam.candidates);
    expect(plan.stats.rooms.backup).toBe(exam.sites * ZHONGKAO_2020.backups);
    expect(plan.stats.rooms.normal).toBeGreaterThanOrEqual(Math.ceil(exam.candidates / 20));
    expect(plan.stats.schoolsEven).toBe(plan.stats.schools);
    const seal = await db.execute<{ after: { resultHash: string } }>(
      sql`SELECT after FROM audit_event WHERE action = 'exams.lock_plan'`,
    );
    expect(seal.rows[0]!.after.resultHash).toBe(plan.resultHash);
  });

  it('has exam-day records on the first paper, summed in the live counts', async () => {
    const exam = (await officer.get('/api/exams')).json().items[0];
    const detail = (await officer.get(`/api/exams/${exam.id}`)).json();
    const live = (await officer.get(`/api/exams/${exam.id}/live?sessionId=${detail.sessions[0].id}`)).json();
    expect(live.total.expected).toBe(exam.candidates);
    expect(live.total.absent).toBeGreaterThan(0);
    expect(live.total.present).toBe(live.total.expected - live.total.absent);
  });
});
