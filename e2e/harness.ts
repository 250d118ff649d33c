import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { freePort } from '../server/core/db/embedded.ts';

/**
 * The platform as a user gets it: `edugov start` in a child process with its own DATA_DIR and the
 * demo district (at a reduced people scale, so the journey starts in seconds), and Debian Chromium.
 */
export const ADMIN_PASSWORD = 'E2e-Admin-Password-1';
export const DEMO_PASSWORD = 'E2e-Demo-Password-1';

export interface RunningPlatform {
  baseUrl: string;
  dataDir: string;
  log: () => string;
  stop(): Promise<number | null>;
}

export async function startPlatform(env: Record<string, string> = {}): Promise<RunningPlatform> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/edugov.js', 'start'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      EDUGOV_ADMIN_PASSWORD: ADMIN_PASSWORD,
      EDUGOV_DEMO_PASSWORD: DEMO_PASSWORD,
      EDUGOV_DEMO_SCALE: '0.02',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseUrl}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the server was not healthy in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    dataDir,
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Screenshots of each step land in .tmp/e2e/ for a person to look at. */
export function shotPath(name: string): string {
  const dir = path.resolve(import.meta.dirname, '../.tmp/e2e');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
