import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `edugov exams arrange` as a child process with no server and no database (DATABASE_URL unset, an
 * empty DATA_DIR): exit 0 with the plan (stdout or --out, byte-identical across runs), 3 when the
 * rules cannot be met, 2 for a malformed instance — and no database is created.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-exams-'));
const dataDir = path.join(dir, 'data');
fs.mkdirSync(dataDir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function edugov(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/edugov.js', ...args],
      { cwd: root, timeout: 60_000, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

function instance(candidatesPerSchool: number, invigilators = 40) {
  const schools = ['H1', 'H2', 'H3', 'H4', 'H5'];
  return {
    seed: 'c0ffee',
    rules: { rows: 5, cols: 4, adjacency: 'king', invigilatorsPerRoom: 2, backupRoomsPerSite: 3 },
    sites: [{ id: 'X1', schoolId: 'H1', rooms: 60 }],
    candidates: schools.flatMap((s) =>
      Array.from({ length: candidatesPerSchool }, (_, i) => ({
        id: `${s}-${i}`,
        schoolId: s,
        siteId: 'X1',
        group: i % 2 ? 'G1' : 'G2',
        special: i === 3,
      })),
    ),
    invigilators: Array.from({ length: invigilators }, (_, i) => ({
      id: `I${i}`,
      schoolId: `T${i % 4}`,
      relativeSiteIds: [],
    })),
  };
}

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('edugov exams arrange', () => {
  it('writes the plan with --out, the same bytes as stdout, and opens no database', async () => {
    const file = write('ok.json', instance(30));
    const out = path.join(dir, 'plan.json');
    const run = await edugov(['exams', 'arrange', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(plan.resultHash).toMatch(/^[0-9a-f]{64}$/);
    const seated = plan.rooms.flatMap((r: { seats: { candidateId: string }[] }) =>
      r.seats.map((s) => s.candidateId),
    );
    expect(new Set(seated).size).toBe(150);
    expect(plan.rooms.filter((r: { kind: string }) => r.kind === 'backup')).toHaveLength(3);
    const again = await edugov(['exams', 'arrange', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(fs.readFileSync(out, 'utf8'));
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });

  it('exits 3 naming the rule and the site when the rules cannot be met', async () => {
    const run = await edugov(['exams', 'arrange', write('short.json', instance(30, 4))]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/rule invigilators: site X1 is \d+ eligible invigilator\(s\) short/);
  });

  it('exits 2 naming the field of a malformed instance', async () => {
    const bad = { ...instance(2), rules: { ...instance(2).rules, adjacency: 'diagonal' } };
    const run = await edugov(['exams', 'arrange', write('bad.json', bad)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('rules.adjacency');
    const notJson = await edugov(['exams', 'arrange', write('broken.json', '{"seed":')]);
    expect(notJson.code).toBe(2);
  });
});
