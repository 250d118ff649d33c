import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrange, type SeatingInstance } from '../../../engines/seating/index.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Db } from '../../core/db/index.ts';
import ExcelJS from '../../core/exceljs.ts';
import { configureFiles } from '../../core/files/index.ts';
import { commitImport, createImportBatch, rollbackImport, stageImport } from '../../core/imports/pipeline.ts';
import { startJobWorkers, stopJobWorkers } from '../../core/jobs/index.ts';
import { authenticateAs } from '../../test/actors.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildUnit, buildWorld, makeIdNumber, type World } from '../../test/world.ts';

/**
 * The exams module against a real PostgreSQL: an exam with sites, candidates and invigilators
 * imported into it, the arrangement run into a version, reviewed, locked (sealed and never changed),
 * published to the schools (who then see only their own rows), a second version with its diff,
 * printable sheets and tickets, exam-day records and live counts, and refusals of bad input.
 */
let db: Db;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof testApp>>;
let world: World;
let officer: Client;
let officerActor: Actor;
let principalA1: Client;
let staffA1: Client;
let dir: string;
const schools: { id: number; code: string }[] = [];
let examId: number;
let sites: { id: number; code: string; orgId: number }[];

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  for (let i = 1; i <= 6; i++) {
    const code = `JX${i}`;
    const id = await buildUnit(db, {
      districtId: world.districtId,
      parentId: i % 2 ? world.units.zoneA : world.units.zoneB,
      code,
      name: `第${i}中学`,
      kind: 'school',
      stage: 'junior',
    });
    schools.push({ id, code });
  }
  // Primary schools with no candidates: where invigilators come from (never their own pupils).
  for (let i = 1; i <= 3; i++)
    await buildUnit(db, {
      districtId: world.districtId,
      parentId: world.units.zoneB,
      code: `JY${i}`,
      name: `第${i}小学`,
      kind: 'school',
      stage: 'primary',
    });
  configureFiles({ root: `/tmp/edugov-files-${process.pid}` });
  await startJobWorkers({ db, url: t.url, pollingIntervalSeconds: 0.5, log: () => {} });
  app = await testApp(db);
  officer = await loginAs(app.app, 'officer');
  officerActor = await authenticateAs(db, 'officer');
  principalA1 = await loginAs(app.app, 'principala1');
  staffA1 = await loginAs(app.app, 'staffa1');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-exams-'));
});
afterAll(async () => {
  await app.app.close();
  await stopJobWorkers();
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function workbook(name: string, header: string[], rows: (string | number)[][]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('导入');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

async function importInto(kind: string, file: string, target = examId) {
  const batch = await db.transaction((tx) =>
    createImportBatch(tx, officerActor, {
      kind,
      orgId: world.units.dept,
      fileName: path.basename(file),
      targetId: target,
    }),
  );
  const counts = await stageImport(db, officerActor, batch.id, file);
  return { batch, counts };
}

const rules = {
  rows: 4,
  cols: 5,
  adjacency: 'orthogonal',
  invigilatorsPerRoom: 2,
  backupRoomsPerSite: 1,
  roversPerSite: 1,
  ticketPattern: '1108{site}{room:2}{seat:2}',
};

/** Run a version through its job and wait until the job has stored the result. */
async function runVersion(seed?: string, exam = examId) {
  const res = await officer.post(`/api/exams/${exam}/plans`, seed ? { seed } : {});
  expect(res.statusCode, res.body).toBe(200);
  const { plan } = res.json();
  for (let i = 0; i < 300; i++) {
    const now = (await officer.get(`/api/exams/${exam}/plans/${plan.version}`)).json();
    if (now.status !== 'running') return now;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the arrangement job did not finish');
}

describe('exams: set-up', () => {
  it('creates an exam in draft; bad input is refused with the field named and nothing written', async () => {
    const bad = await officer.post('/api/exams', {
      orgId: world.units.dept,
      code: 'ZK2020',
      name: '2020年中考',
      kind: 'zhongkao',
      year: 2020,
      rules: { ...rules, rows: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toContain('rows');
    const res = await officer.post('/api/exams', {
      orgId: world.units.dept,
      code: 'ZK2020',
      name: '2020年中考',
      kind: 'zhongkao',
      year: 2020,
      rules,
      sessions: [
        { subject: '语文', startsAt: '2020-07-18T09:00:00+08:00', endsAt: '2020-07-18T11:30:00+08:00' },
        { subject: '数学', startsAt: '2020-07-18T15:00:00+08:00', endsAt: '2020-07-18T17:00:00+08:00' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const exam = res.json();
    expect(exam).toMatchObject({ status: 'draft', sessions: [{ subject: '语文' }, { subject: '数学' }] });
    expect(exam.actions).toEqual(expect.arrayContaining(['edit', 'arrange']));
    examId = exam.id;
    const again = await officer.post('/api/exams', { ...exam, orgId: world.units.dept, rules, sessions: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('exams.code_taken');
  });

  it('refuses the exam to principals and staff before publication', async () => {
    expect((await principalA1.post('/api/exams', {})).statusCode).toBe(403);
    expect((await principalA1.get(`/api/exams/${examId}`)).statusCode).toBe(404);
    expect((await principalA1.get('/api/exams')).json().total).toBe(0);
  });

  it('imports sites into the exam, refusing a kind without its target and a bad row', async () => {
    await expect(
      db.transaction((tx) =>
        createImportBatch(tx, officerActor, {
          kind: 'examSites',
          orgId: world.units.dept,
          fileName: 'x.xlsx',
        }),
      ),
    ).rejects.toMatchObject({ code: 'imports.target_required' });
    const file = await workbook(
      'sites.xlsx',
      ['考点代码', '考点名称', '承办学校代码', '考场数', '无障碍考场数', '地址'],
      [
        ['01', '第一中学考点', 'JX1', 8, 1, '海淀区一号'],
        ['02', '中关村中学考点', 'SA2', 8, 0, '海淀区二号'],
        ['03', '幼儿园考点', 'KB1', 5, 0, ''],
      ],
    );
    const { batch, counts } = await importInto('examSites', file);
    expect(counts).toEqual({ totalRows: 3, validRows: 2, errorRows: 1 });
    const rows = await db.execute<{ errors: { code: string }[] }>(
      sql`SELECT errors FROM import_row WHERE batch_id = ${batch.id} ORDER BY row_number`,
    );
    expect(rows.rows[2]!.errors[0]!.code).toBe('exams.not_a_school');
    // A clean file instead.
    const clean = await workbook(
      'sites-ok.xlsx',
      ['考点代码', '考点名称', '承办学校代码', '考场数', '无障碍考场数', '地址'],
      [
        ['01', '第一中学考点', 'JX1', 8, 1, '海淀区一号'],
        ['02', '中关村中学考点', 'SA2', 8, 0, '海淀区二号'],
      ],
    );
    const ok = await importInto('examSites', clean);
    expect(ok.counts.errorRows).toBe(0);
    await db.transaction((tx) => commitImport(tx, officerActor, ok.batch.id));
    const list = (await officer.get(`/api/exams/${examId}/sites`)).json();
    expect(list.total).toBe(2);
    sites = list.items;
  });

  it('imports candidates: 四同 groups, special needs, ID numbers checked and masked', async () => {
    const rows: (string | number)[][] = [];
    let n = 0;
    for (const school of [...schools, { code: 'SA1' }]) {
      for (let k = 0; k < 16; k++) {
        n++;
        const site = n % 2 ? '01' : '02';
        rows.push([
          `2020${String(n).padStart(6, '0')}`,
          `考生${n}`,
          k % 2 ? '男' : '女',
          n <= 3 ? makeIdNumber('20050301') : '',
          school.code,
          site,
          k % 5 === 0 ? '日语' : '英语',
          n === 7 || n === 8 ? '大字号试卷' : '',
        ]);
      }
    }
    rows.push(['2020999999', '坏数据', '男', '110108200503011230', 'JX1', '09', '英语', '']);
    const file = await workbook(
      'candidates.xlsx',
      ['报名号', '姓名', '性别', '身份证号', '学校代码', '考点代码', '科类组', '特殊需要'],
      rows,
    );
    const { batch, counts } = await importInto('examCandidates', file);
    expect(counts).toEqual({ totalRows: 113, validRows: 112, errorRows: 1 });
    const bad = await db.execute<{ errors: { code: string }[]; data: { cells: Record<string, string> } }>(
      sql`SELECT errors, data FROM import_row WHERE batch_id = ${batch.id} AND errors <> '[]'::jsonb`,
    );
    expect(bad.rows[0]!.errors.map((e) => e.code).sort()).toEqual([
      'exams.site_not_found',
      'people.id_number_invalid',
    ]);
    expect(JSON.stringify(bad.rows[0]!.data)).not.toContain('110108200503011230');
    await db.execute(sql`DELETE FROM import_row WHERE batch_id = ${batch.id} AND errors <> '[]'::jsonb`);
    await db.execute(sql`UPDATE import_batch SET error_rows = 0, total_rows = 112 WHERE id = ${batch.id}`);
    await db.transaction((tx) => commitImport(tx, officerActor, batch.id));
    const list = (await officer.get(`/api/exams/${examId}/candidates?pageSize=200`)).json();
    expect(list.total).toBe(112);
    const withId = list.items.find((c: { registrationNo: string }) => c.registrationNo === '2020000001');
    expect(withId.idNumber).toMatch(/^110108\*+\d{3}[\dX]$/);
  });

  it('imports invigilators, with relatives sitting at a site', async () => {
    const rows: (string | number)[][] = [];
    // Every room holds candidates of every school (they are spread), so invigilators come from
    // schools without candidates; a few have a relative sitting at site 01.
    const all = ['SA2', 'SB1', 'JY1', 'JY2', 'JY3'];
    for (let i = 0; i < 30; i++)
      rows.push([
        `T${String(i + 1).padStart(3, '0')}`,
        `监考${i + 1}`,
        all[i % all.length]!,
        i % 7 === 0 ? '01' : '',
        i % 10,
      ]);
    const file = await workbook('inv.xlsx', ['编号', '姓名', '学校代码', '亲属应考考点', '监考年限'], rows);
    const { batch, counts } = await importInto('examInvigilators', file);
    expect(counts.errorRows).toBe(0);
    await db.transaction((tx) => commitImport(tx, officerActor, batch.id));
    expect((await officer.get(`/api/exams/${examId}/invigilators`)).json().total).toBe(30);
  });
});

let v1: { version: number; resultHash: string; seed: string; inputHash: string };

describe('exams: arrangement, review, seal', () => {
  it('runs into a version whose independent review finds no broken rule', async () => {
    const plan = await runVersion('00112233445566778899aabbccddeeff');
    expect(plan.status, JSON.stringify(plan.reasons)).toBe('ready');
    expect(plan.stats.adjacencies).toBe(0);
    expect(plan.stats.invigilatorConflicts).toBe(0);
    expect(plan.stats.problems).toEqual([]);
    expect(plan.stats.seated).toBe(112);
    expect(plan.stats.rooms.backup).toBe(2);
    expect(plan.stats.rooms.special).toBeGreaterThanOrEqual(1);
    expect(plan.stats.schoolsEven).toBe(plan.stats.schools);
    expect(plan.diff).toBeNull();
    // One rover per site, from a school with no candidates there, listed with the invigilators.
    const { sites: roving } = (await officer.get(`/api/exams/${examId}/plans/${plan.version}/rovers`)).json();
    expect(roving).toHaveLength(2);
    for (const site of roving) expect(site.invigilators).toHaveLength(1);
    const invigilators = (await officer.get(`/api/exams/${examId}/invigilators?pageSize=50`)).json().items;
    const rovers = invigilators.flatMap((i: { assignments: { role: string }[] }) =>
      i.assignments.filter((a) => a.role === 'rover'),
    );
    expect(rovers).toHaveLength(2);
    expect(plan.actions).toEqual(['lock']);
    v1 = plan;
    const exam = (await officer.get(`/api/exams/${examId}`)).json();
    expect(exam.status).toBe('arranged');
    // Candidates show where the version seats them.
    const first = (await officer.get(`/api/exams/${examId}/candidates?pageSize=1`)).json().items[0];
    expect(first.ticket).toMatch(/^1108\d{6}$/);
  });

  it('gives the same plan for the same data and seed, as anyone re-running the bundle gets', async () => {
    const bundle = (await officer.get(`/api/exams/${examId}/plans/${v1.version}/bundle.json`)).json();
    expect(bundle.inputHash).toBe(v1.inputHash);
    const again = arrange(bundle.instance as SeatingInstance);
    expect(again.ok && again.plan.resultHash).toBe(v1.resultHash);
    expect(JSON.stringify(bundle.instance)).not.toContain('考生');
  });

  it('locks and seals: audited with seed and hashes; a principal may not; never locked twice', async () => {
    expect((await principalA1.post(`/api/exams/${examId}/plans/${v1.version}/lock`)).statusCode).toBe(403);
    const res = await officer.post(`/api/exams/${examId}/plans/${v1.version}/lock`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'locked', actions: ['publish'] });
    const audit = await db.execute<{ after: Record<string, unknown> }>(
      sql`SELECT after FROM audit_event WHERE action = 'exams.lock_plan' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0]!.after).toMatchObject({
      version: v1.version,
      seed: v1.seed,
      inputHash: v1.inputHash,
      resultHash: v1.resultHash,
    });
    const twice = await officer.post(`/api/exams/${examId}/plans/${v1.version}/lock`);
    expect(twice.json().error.code).toBe('exams.plan_wrong_status');
  });

  it('publishes to the schools: each sees its own candidates and tickets, nothing else', async () => {
    const res = await officer.post(`/api/exams/${examId}/plans/${v1.version}/publish`);
    expect(res.json().status).toBe('published');
    const exams = (await principalA1.get('/api/exams')).json();
    expect(exams.total).toBe(1);
    const mine = (await principalA1.get(`/api/exams/${examId}/candidates?pageSize=200`)).json();
    expect(mine.total).toBe(16);
    expect(new Set(mine.items.map((c: { orgName: string }) => c.orgName))).toEqual(
      new Set(['中关村第一小学']),
    );
    const tickets = (
      await principalA1.get(`/api/exams/${examId}/plans/${v1.version}/tickets?pageSize=500`)
    ).json();
    expect(tickets.total).toBe(16);
    expect(tickets.items[0].sessions).toHaveLength(2);
    // The bundle (every candidate's code) stays with the organisers.
    expect((await principalA1.get(`/api/exams/${examId}/plans/${v1.version}/bundle.json`)).statusCode).toBe(
      404,
    );
  });

  it('prints sheets: one site at a time, each room as its grid', async () => {
    const refused = await officer.get(`/api/exams/${examId}/plans/${v1.version}/sheets`);
    expect(refused.json().error.code).toBe('exams.too_many_rooms');
    const { rooms } = (
      await officer.get(`/api/exams/${examId}/plans/${v1.version}/sheets?siteId=${sites[0]!.id}`)
    ).json();
    const normal = rooms.find((r: { kind: string }) => r.kind === 'normal');
    expect(normal).toMatchObject({ rows: 4, cols: 5 });
    expect(normal.entries.length).toBeGreaterThan(0);
    expect(normal.invigilators).toHaveLength(2);
    for (const e of normal.entries) {
      expect(e.row).toBeGreaterThanOrEqual(1);
      expect(e.col).toBeLessThanOrEqual(5);
    }
    const xlsx = await officer.get(
      `/api/exams/${examId}/plans/${v1.version}/sheets/export.xlsx?siteId=${sites[0]!.id}`,
    );
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(
      1 + rooms.reduce((a: number, r: { entries: unknown[] }) => a + r.entries.length, 0),
    );
  });

  it('makes a change a new version with a diff; the locked one keeps its hash', async () => {
    const added = await officer.post(`/api/exams/${examId}/candidates`, {
      registrationNo: '2020000999',
      name: '补报考生',
      orgId: schools[0]!.id,
      siteId: sites[0]!.id,
      groupCode: '英语',
    });
    expect(added.statusCode, added.body).toBe(200);
    const v2 = await runVersion('ffeeddccbbaa99887766554433221100');
    expect(v2.version).toBe(v1.version + 1);
    expect(v2.diff).toMatchObject({ fromVersion: v1.version, added: 1, removed: 0 });
    expect(v2.diff.moved + v2.diff.unchanged).toBe(112);
    await officer.post(`/api/exams/${examId}/plans/${v2.version}/lock`);
    const old = (await officer.get(`/api/exams/${examId}/plans/${v1.version}`)).json();
    expect(old).toMatchObject({ status: 'superseded', resultHash: v1.resultHash });
    const exams = (await officer.get(`/api/exams/${examId}`)).json();
    expect(exams.status).toBe('locked');
  });

  it('refuses to roll back an import whose candidates sit in a version', async () => {
    const [{ id }] = (
      await db.execute<{ id: number }>(
        sql`SELECT id FROM import_batch WHERE kind = 'examCandidates' AND status = 'committed'`,
      )
    ).rows;
    await expect(db.transaction((tx) => rollbackImport(tx, officerActor, Number(id)))).rejects.toMatchObject({
      code: 'exams.in_plan',
    });
  });
});

describe('exams: exam day', () => {
  it('records absence, a move to a backup room and an incident; live counts follow; withdrawal undoes', async () => {
    const exam = (await officer.get(`/api/exams/${examId}`)).json();
    const session = exam.sessions[0].id;
    const version = exam.plans[0].version;
    const candidate = (
      await officer.get(`/api/exams/${examId}/candidates?siteId=${sites[0]!.id}&pageSize=1`)
    ).json().items[0];
    const before = (await officer.get(`/api/exams/${examId}/live?sessionId=${session}`)).json();
    const site = before.sites.find((s: { siteId: number }) => s.siteId === sites[0]!.id);
    expect(site.absent).toBe(0);
    const absent = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'absent',
    });
    expect(absent.statusCode, absent.body).toBe(200);
    const rooms = (
      await officer.get(`/api/exams/${examId}/plans/${version}/rooms?siteId=${sites[0]!.id}`)
    ).json().items;
    const normal = rooms.find((r: { kind: string }) => r.kind === 'normal');
    const backup = rooms.find((r: { kind: string }) => r.kind === 'backup');
    const wrong = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'moved',
      toRoomId: normal.id,
    });
    expect(wrong.json().error.code).toBe('exams.room_not_allowed');
    const moved = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'moved',
      toRoomId: backup.id,
      note: '体温异常，转入备用考场',
    });
    expect(moved.json()).toMatchObject({ kind: 'moved', toRoom: backup.roomNo });
    const noNote = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'incident',
    });
    expect(noNote.statusCode).toBe(400);
    const noFile = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'incident',
      note: '夹带纸条',
      evidenceFileId: 999999,
    });
    expect(noFile.json().error).toMatchObject({ code: 'files.not_found', field: 'evidenceFileId' });
    const live = (await officer.get(`/api/exams/${examId}/live?sessionId=${session}`)).json();
    const now = live.sites.find((s: { siteId: number }) => s.siteId === sites[0]!.id);
    expect(now).toMatchObject({ absent: 1, present: site.expected - 1, moved: 1 });
    const revoke = await officer.post(`/api/exams/${examId}/day-records`, {
      sessionId: session,
      candidateId: candidate.id,
      kind: 'revoke',
      revokes: absent.json().id,
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const after = (await officer.get(`/api/exams/${examId}/live?sessionId=${session}`)).json();
    expect(after.sites.find((s: { siteId: number }) => s.siteId === sites[0]!.id).absent).toBe(0);
    const list = (await officer.get(`/api/exams/${examId}/day-records`)).json();
    expect(list.items.find((r: { id: number }) => r.id === absent.json().id).revoked).toBe(true);
  });

  it('lets staff record only at a site their school hosts', async () => {
    const exam = (await officer.get(`/api/exams/${examId}`)).json();
    const candidate = (
      await officer.get(`/api/exams/${examId}/candidates?siteId=${sites[0]!.id}&pageSize=1`)
    ).json().items[0];
    // staffa1's school (SA1) hosts no site: the v2 plan is locked, not published, so the exam is not even visible.
    const res = await staffA1.post(`/api/exams/${examId}/day-records`, {
      sessionId: exam.sessions[0].id,
      candidateId: candidate.id,
      kind: 'absent',
    });
    expect([403, 404]).toContain(res.statusCode);
  });
});

describe('exams: infeasible instances and exports', () => {
  it('leaves a version failed with the rule and the place when the rules cannot be met', async () => {
    const res = await officer.post('/api/exams', {
      orgId: world.units.dept,
      code: 'TIGHT',
      name: '容量不足的考试',
      kind: 'other',
      year: 2021,
      rules,
    });
    const tight = res.json().id;
    await officer.post(`/api/exams/${tight}/sites`, {
      orgId: schools[0]!.id,
      code: '01',
      name: '小考点',
      rooms: 1,
    });
    const site = (await officer.get(`/api/exams/${tight}/sites`)).json().items[0];
    for (let i = 0; i < 25; i++)
      await officer.post(`/api/exams/${tight}/candidates`, {
        registrationNo: `T${String(i).padStart(5, '0')}`,
        name: `考生${i}`,
        orgId: schools[i % 3]!.id,
        siteId: site.id,
        groupCode: '英语',
      });
    const plan = await runVersion(undefined, tight);
    expect(plan.status).toBe('failed');
    expect(plan.reasons.join(' ')).toMatch(/site 01/);
    expect(plan.actions).toEqual([]);
    const lock = await officer.post(`/api/exams/${tight}/plans/1/lock`);
    expect(lock.json().error.code).toBe('exams.plan_wrong_status');
  });

  it('exports every list to Excel, audited', async () => {
    for (const list of [
      '',
      `/${examId}/sites`,
      `/${examId}/candidates`,
      `/${examId}/invigilators`,
      `/${examId}/day-records`,
    ]) {
      const res = await officer.get(`/api/exams${list}/export.xlsx`);
      expect(res.statusCode, `${list}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    }
    const rooms = await officer.get(`/api/exams/${examId}/plans/1/rooms/export.xlsx`);
    expect(rooms.statusCode).toBe(200);
    const audited = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'exams.export%'`,
    );
    expect(audited.rows[0]!.n).toBeGreaterThanOrEqual(6);
  });
});
