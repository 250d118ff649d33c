import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../core/access/index.ts';
import { recordAudit } from '../core/audit/index.ts';
import type { Db } from '../core/db/index.ts';
import { testDatabase } from './db.ts';

/**
 * The real `edugov` command as a child process against a test database: `audit verify` exits 0
 * and says "intact" on a sound chain, and exits 1 naming the first broken event after tampering.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let db: Db;
let url: string;
let close: () => Promise<void>;
let dataDir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function edugov(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/edugov.js', ...args],
      {
        cwd: root,
        timeout: 60_000,
        env: {
          ...process.env,
          DATABASE_URL: url,
          DATA_DIR: dataDir,
          EDUGOV_CRYPTO: 'intl',
          LOG_LEVEL: 'warn',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  url = t.url;
  close = t.close;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-cli-'));
  for (let i = 1; i <= 5; i++) {
    await db.transaction((tx) =>
      recordAudit(tx, systemActor('cli-test'), {
        action: 'test.cli',
        entityType: 'thing',
        entityId: i,
        after: { i, 名称: `事件${i}` },
      }),
    );
  }
});
afterAll(async () => {
  await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('edugov audit verify', () => {
  it('exits 0 and says the chain is intact', async () => {
    const run = await edugov(['audit', 'verify']);
    expect(run.stderr).not.toMatch(/BROKEN/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('intact');
    expect(run.stdout).toMatch(/5 events, last seq 5/);
  });

  it('refuses to open the database with another crypto mode', async () => {
    const run = await edugov(['audit', 'verify'], { EDUGOV_CRYPTO: 'sm' });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('EDUGOV_CRYPTO=intl');
  });

  it('exits 1 naming the first broken event after a superuser changed it', async () => {
    const client = await db.$client.connect();
    try {
      await client.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await client.query(`UPDATE audit_event SET after = '{"i": 3, "forged": true}' WHERE seq = 3`);
    } finally {
      await client.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      client.release();
    }
    const run = await edugov(['audit', 'verify']);
    expect(run.stderr).toMatch(/BROKEN at event 3\b/);
    // The exit code is what scripts and monitoring act on.
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).not.toContain('intact');
  });

  it('answers an unknown command with a non-zero exit', async () => {
    const run = await edugov(['no-such-command']);
    expect(run.code).not.toBe(0);
  });
});
