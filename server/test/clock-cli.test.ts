import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `edugov clock due` as a child process with no server and no database (DATABASE_URL unset, an
 * empty DATA_DIR): it counts with the bundled official calendar, prints JSON, creates no database,
 * and exits 2 when the period reaches a year the calendar does not cover.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-clock-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function edugov(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/edugov.js', ...args],
      { cwd: root, timeout: 60_000, env },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('edugov clock due', () => {
  it('counts working days across National Day 2026 with the bundled calendar', async () => {
    const run = await edugov(['clock', 'due', '--from', '2026-09-30T10:00:00+08:00', '--working-days', '3']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.calendar).toBe('bundled');
    expect(out.due).toBe('2026-10-11T00:00:00+08:00');
    expect(Date.parse(out.due)).toBeGreaterThan(Date.parse('2026-10-08T00:00:00+08:00'));
    expect(out.explain.some((s: { zh: string }) => s.zh.includes('国庆节'))).toBe(true);
    // No database was started just to count days.
    expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
  });

  it('takes pauses and extensions', async () => {
    const run = await edugov([
      'clock',
      'due',
      '--from',
      '2026-03-02T09:00:00+08:00',
      '--days',
      '60',
      '--pause',
      '2026-03-04T10:00:00+08:00,2026-03-06T09:00:00+08:00,等待补正',
      '--extend',
      '30d,王主任,情况复杂',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.explain.map((s: { kind: string }) => s.kind)).toEqual(
      expect.arrayContaining(['pause', 'extension']),
    );
  });

  it('exits 2 with a message when the calendar does not cover the year', async () => {
    const run = await edugov(['clock', 'due', '--from', '2031-03-02T10:00:00+08:00', '--days', '5']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('2031');
  });

  it('refuses a missing or doubled rule', async () => {
    const none = await edugov(['clock', 'due', '--from', '2026-03-02T10:00:00+08:00']);
    expect(none.code).toBe(1);
    const both = await edugov(['clock', 'due', '--from', '2026-03-02', '--days', '1', '--hours', '2']);
    expect(both.code).toBe(1);
  });
});
