import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresFor, ServerProcesses, waitHealthy } from './server-process.ts';

/**
 * A job survives a crash of its server: the real server (child process, embedded PostgreSQL,
 * EDUGOV_TEST_JOBS=1) starts a counting job, is SIGKILLed mid-job (its PostgreSQL left running, as
 * it always is), and is started again on the same DATA_DIR. The job then ends — resumed to
 * 'succeeded', or 'failed' with job.interrupted — and is never left 'running'.
 */
const ADMIN_PASSWORD = 'Restart-Test-Admin-2026';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-jobs-restart-'));
const servers = new ServerProcesses(dataDir, ADMIN_PASSWORD, { EDUGOV_TEST_JOBS: '1' });

/** Start a server, wait until healthy, log in as admin; `call` sends the session and CSRF token. */
async function startServer() {
  const server = await servers.start();
  await waitHealthy(server);
  const base = server.baseUrl;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return { child: server.child, exited: server.exited, call, output: server.output };
}

afterAll(() => servers.cleanUp());

describe('a job across a server crash', () => {
  it('is resumed or failed visibly after SIGKILL and restart, never left running', {
    timeout: 240_000,
  }, async () => {
    const first = await startServer();
    const startedJob = await first.call('POST', '/api/jobs/self-test', { count: 60, stepMs: 250 });
    expect(startedJob.status, JSON.stringify(startedJob.json)).toBe(200);
    const id = startedJob.json.id as string;

    // Wait until it is visibly under way.
    for (let i = 0; ; i++) {
      const job = await first.call('GET', `/api/jobs/${id}`);
      if (job.json.status === 'running' && (job.json.done as number) >= 5) break;
      if (i > 200) throw new Error(`the job did not start: ${JSON.stringify(job.json)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // Crash: the server dies at once. Its PostgreSQL does not die with it (it never does): the
    // next start must stop that orphan itself and take the data directory over.
    first.child.kill('SIGKILL');
    await first.exited;
    expect(postgresFor(dataDir).length).toBeGreaterThan(0);

    const second = await startServer();
    const seen = new Set<string>();
    let final: Record<string, unknown> | undefined;
    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      const job = await second.call('GET', `/api/jobs/${id}`);
      expect(job.status).toBe(200);
      seen.add(job.json.status as string);
      if (['succeeded', 'failed', 'cancelled'].includes(job.json.status as string)) {
        final = job.json;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(final, `the job was still ${[...seen].join(' → ')}:\n${second.output()}`).toBeDefined();
    if (final!.status === 'succeeded') {
      expect(final).toMatchObject({ done: 60, total: 60, attempts: 2 });
      expect(final!.result).toMatchObject({ counted: 60, attempt: 2 });
      expect((final!.result as { resumedFrom: number }).resumedFrom).toBeGreaterThanOrEqual(5);
    } else {
      expect(final).toMatchObject({ status: 'failed', error: { code: 'job.interrupted' } });
    }

    second.child.kill('SIGTERM');
    await second.exited;
  });
});
