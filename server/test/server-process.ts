import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../core/db/embedded.ts';

/**
 * The real server as a child process (`edugov start`, embedded PostgreSQL, no demo) on a test's own
 * DATA_DIR, for tests of starting, stopping and crashing. `cleanUp` stops whatever a test started.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export class ServerProcesses {
  private readonly started: ChildProcess[] = [];

  constructor(
    readonly dataDir: string,
    private readonly adminPassword: string,
    private readonly env: Record<string, string> = {},
  ) {}

  async start(port?: number): Promise<ServerProcess> {
    const listenPort = port ?? (await freePort());
    const child = spawn(process.execPath, ['bin/edugov.js', 'start'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        DATABASE_URL: '',
        EDUGOV_DEMO: '0',
        EDUGOV_CRYPTO: 'intl',
        EDUGOV_ADMIN_PASSWORD: this.adminPassword,
        PORT: String(listenPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.started.push(child);
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
    return {
      child,
      port: listenPort,
      baseUrl: `http://127.0.0.1:${listenPort}`,
      output: () => output,
      exited,
    };
  }

  /** Stop every server still running (SIGTERM, then SIGKILL), any PostgreSQL left on the directory, and remove it. */
  async cleanUp(): Promise<void> {
    for (const child of this.started) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([
          new Promise((r) => child.once('exit', () => r(true))),
          new Promise((r) => setTimeout(() => r(false), 30_000)),
        ]);
        if (!stopped) child.kill('SIGKILL');
      }
    }
    for (const pid of postgresFor(this.dataDir)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Poll /healthz until 200; fails with the server's output if it exits or times out. */
export async function waitHealthy(server: ServerProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before it was healthy:\n${server.output()}`);
    const ok = await fetch(`${server.baseUrl}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

/** The PostgreSQL processes running on a DATA_DIR. */
export function postgresFor(dir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `${dir}/pg`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
