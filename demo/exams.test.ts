import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZHONGKAO_2020 } from './exams.ts';
import { type DemoWorld, demoWorld } from './fixtures.ts';

/**
 * The demo's 2020 中考 at a small scale: the candidates follow the scale, the arrangement is
 * sound (no same-school neighbours, no invigilator conflicts, every school spread evenly), locked
 * and published with its seal in the audit trail, and the first paper has exam-day records.
 */
const scale = 0.05;
let world: DemoWorld;
let db: DemoWorld['db'];
let officer: DemoWorld['officer'];

beforeAll(async () => {
  world = await demoWorld(scale);
  ({ db, officer } = world);
}, 300_000);
afterAll(() => world?.close());

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
