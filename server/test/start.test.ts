import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/db/embedded.ts';

/**
 * The real server as a child process on its own DATA_DIR with the embedded PostgreSQL: it becomes
 * healthy, a second server on the same directory is refused, SIGTERM stops everything cleanly
 * (exit 0, lock released, no PostgreSQL left), and a restart on the same directory works.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_PASSWORD = 'Start-Test-Admin-2026';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-start-'));
const started: ChildProcess[] = [];

interface Server {
  child: ChildProcess;
  port: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startServer(port?: number): Promise<Server> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['bin/edugov.js', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      EDUGOV_DEMO: '0',
      EDUGOV_CRYPTO: 'intl',
      EDUGOV_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORT: String(listenPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port: listenPort, output: () => output, exited };
}

async function waitHealthy(server: Server, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before it was healthy:\n${server.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      if (res.status === 200) {
        expect(await res.json()).toEqual({ status: 'ok' });
        return;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);
}

/** PostgreSQL processes running on this DATA_DIR. */
function postgresFor(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `${dir}/pg`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

afterAll(async () => {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await withTimeout(new Promise((r) => child.once('exit', r)), 30_000, 'stopping a server').catch(() =>
        child.kill('SIGKILL'),
      );
    }
  }
  // PostgreSQL runs as its own process group; stop any left behind on this test's directory only.
  for (const pid of postgresFor(dataDir)) {
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      /* gone */
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('edugov start', () => {
  it('starts, refuses a second server on the same DATA_DIR, stops on SIGTERM and restarts', {
    timeout: 180_000,
  }, async () => {
    const first = await startServer();
    await waitHealthy(first);
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
