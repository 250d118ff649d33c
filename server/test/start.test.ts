import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresFor, ServerProcesses, waitHealthy } from './server-process.ts';

/**
 * The real server as a child process on its own DATA_DIR with the embedded PostgreSQL: it becomes
 * healthy, a second server on the same directory is refused, SIGTERM stops everything cleanly
 * (exit 0, lock released, no PostgreSQL left), and a restart on the same directory works.
 */
const ADMIN_PASSWORD = 'Start-Test-Admin-2026';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-start-'));
const servers = new ServerProcesses(dataDir, ADMIN_PASSWORD);
const startServer = () => servers.start();

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);
}

afterAll(() => servers.cleanUp());

describe('edugov start', () => {
  it('starts, refuses a second server on the same DATA_DIR, stops on SIGTERM and restarts', {
    timeout: 180_000,
  }, async () => {
    const first = await startServer();
    await waitHealthy(first);
    expect(await (await fetch(`${first.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const lockFile = path.join(dataDir, 'edugov.lock');
    expect(fs.existsSync(lockFile)).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({
      pid: first.child.pid,
      role: 'server',
    });
    expect(postgresFor(dataDir).length).toBeGreaterThan(0);

    const second = await startServer();
    const secondExit = await withTimeout(second.exited, 60_000, 'the second start');
    expect(secondExit.code).toBe(3);
    expect(second.output()).toContain('in use');
    // The first server is unharmed.
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    const firstExit = await withTimeout(first.exited, 30_000, 'stopping on SIGTERM');
    expect(firstExit, first.output()).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(postgresFor(dataDir)).toEqual([]);

    const again = await startServer();
    await waitHealthy(again);
    const login = await fetch(`http://127.0.0.1:${again.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const me = await login.json();
    expect(me).toMatchObject({ username: 'admin', mustChangePassword: false });
    expect(me.permissions).toContain('accounts.manage');
    expect(login.headers.get('set-cookie')).toMatch(/edugov_session=.*HttpOnly/i);

    again.child.kill('SIGTERM');
    const againExit = await withTimeout(again.exited, 30_000, 'stopping the restarted server');
    expect(againExit.code).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
