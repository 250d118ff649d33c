import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, commitmentOf, type LotteryInstance } from '../../engines/lottery/index.ts';

/**
 * `edugov lottery run` and `edugov lottery verify` as child processes with no server and no
 * database (DATABASE_URL unset, an empty DATA_DIR): the fixed interface of issue 4 — the result
 * JSON (stdout or --out, byte-identical), --mechanism ia, exit 2 naming the problem of a bad
 * instance; verify exits 0 for a bundle that reproduces, 1 with the first difference, 2 when the
 * file is not a bundle — and no database is created.
 */
/** Each CLI run starts tsx on the whole CLI: seconds each on a busy 2-core machine. */
const SLOW = 180_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-lottery-'));
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

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The hand-worked example of engines/lottery/lottery.test.ts: DA and IA differ on it. */
const instance: LotteryInstance = {
  seed: '000102030405060708090a0b0c0d0e0f',
  schools: [
    { id: 'X', capacity: 2 },
    { id: 'Y', capacity: 2 },
    { id: 'Z', capacity: 1 },
  ],
  students: [
    { id: 'A', choices: ['X', 'Y'] },
    { id: 'B', choices: ['X', 'Z'], priority: { X: 0 } },
    { id: 'C', choices: ['Y', 'X'] },
    { id: 'D', choices: ['X', 'Y'] },
    { id: 'E', choices: ['X', 'Y', 'Z'], priority: { Y: 0 } },
    { id: 'F', choices: ['Z', 'Y'] },
  ],
};

describe('edugov lottery run', () => {
  it(
    'draws with DA by default, writes --out with the same bytes as stdout, and opens no database',
    async () => {
      const file = write('instance.json', instance);
      const out = path.join(dir, 'result.json');
      const run = await edugov(['lottery', 'run', file, '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(result).toEqual({
        mechanism: 'da',
        assignments: { A: 'Y', B: 'X', C: null, D: 'X', E: 'Y', F: 'Z' },
        resultHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const again = await edugov(['lottery', 'run', file]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toBe(fs.readFileSync(out, 'utf8'));
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    },
    SLOW,
  );

  it(
    'draws with immediate acceptance under --mechanism ia',
    async () => {
      const run = await edugov(['lottery', 'run', write('ia.json', instance), '--mechanism', 'ia']);
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        mechanism: 'ia',
        assignments: { A: null, B: 'X', C: 'Y', D: 'X', E: 'Y', F: 'Z' },
      });
      const bad = await edugov(['lottery', 'run', write('ia2.json', instance), '--mechanism', 'boston']);
      expect(bad.code).toBe(2);
    },
    SLOW,
  );

  it(
    'exits 2 naming the problem of a bad instance',
    async () => {
      // One file per kind of problem: the schema reports field problems before cross-references.
      const cases: [unknown, string[]][] = [
        [
          { ...instance, seed: 'abcdef', schools: [{ id: 'X', capacity: -2 }, ...instance.schools.slice(1)] },
          [
            'seed: the seed must have at least 32 hex digits',
            'schools.0.capacity: capacity must not be negative',
          ],
        ],
        [
          {
            ...instance,
            schools: [...instance.schools, { id: 'X', capacity: 1 }],
            students: [...instance.students, { id: 'G', choices: ['W'] }, instance.students[0]],
          },
          [
            'schools.3.id: duplicate school id X',
            'students.6.choices.0: unknown school W',
            'students.7.id: duplicate student id A',
          ],
        ],
        ['{"seed":', ['malformed instance']],
      ];
      for (const [i, [content, messages]] of cases.entries()) {
        const run = await edugov(['lottery', 'run', write(`bad${i}.json`, content)]);
        expect(run.code, run.stderr).toBe(2);
        for (const message of messages) expect(run.stderr).toContain(message);
      }
    },
    SLOW,
  );
});

describe('edugov lottery verify', () => {
  const reveals = [
    { party: 'commission', reveal: '11'.repeat(16) },
    { party: 'notary', reveal: '22'.repeat(20) },
  ];
  const bundle = buildBundle({
    students: instance.students,
    schools: instance.schools,
    commitments: reveals.map((r) => ({ party: r.party, commitment: commitmentOf(r.reveal) })),
    reveals,
  });

  it(
    'exits 0 when the bundle reproduces exactly',
    async () => {
      const run = await edugov(['lottery', 'verify', write('bundle.json', bundle)]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('verified / 验证通过: 6 applicants, 2 parties');
      const withRoot = await edugov([
        'lottery',
        'verify',
        write('bundle.json', bundle),
        '--pool-root',
        bundle.poolRoot,
      ]);
      expect(withRoot.code, withRoot.stderr).toBe(0);
    },
    SLOW,
  );

  it(
    'exits 1 with the first difference when the bundle was edited, 2 when it is not a bundle',
    async () => {
      const edited = structuredClone(bundle);
      const id = 'C';
      edited.result.assignments[id] = edited.result.assignments[id] === 'X' ? 'Y' : 'X';
      const run = await edugov(['lottery', 'verify', write('edited.json', edited)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/first difference .*assignments\.C: published [XY], re-run /);
      const reveal = structuredClone(bundle);
      reveal.reveals[0]!.reveal = '33'.repeat(16);
      const badReveal = await edugov(['lottery', 'verify', write('reveal.json', reveal)]);
      expect(badReveal.code).toBe(1);
      expect(badReveal.stderr).toContain('reveals: party commission');
      const malformed = await edugov([
        'lottery',
        'verify',
        write('not-a-bundle.json', { ...bundle, poolRoot: 7 }),
      ]);
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('poolRoot');
    },
    SLOW,
  );
});
