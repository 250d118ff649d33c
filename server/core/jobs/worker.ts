import { and, eq, inArray, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { type Actor, systemActor } from '../access/index.ts';
import type { Db } from '../db/index.ts';
import { account } from '../db/schema.ts';
import { grantsOf } from '../http/session.ts';
import { BOSS_SCHEMA } from './boss.ts';
import { enqueueJob } from './enqueue.ts';
import { jobError } from './errors.ts';
import { recoverJobs } from './recovery.ts';
import { type JobDefinition, type JobProgress, jobDefinitions, onJobDefined } from './registry.ts';
import { jobRun } from './schema.ts';
import { registerSelfTestJob } from './self-test.ts';

/**
 * The workers of this process: one pg-boss worker per job kind, a heartbeat per running job, and a
 * recovery sweep (at start and every few seconds) for jobs whose worker died.
 */

export interface JobWorkerOptions {
  db: Db;
  /** A PostgreSQL connection string for pg-boss's own pool (Platform.url). */
  url: string;
  /** How often a running job proves it is alive (default 5 s). */
  heartbeatMs?: number;
  /** A running job silent this long is taken to have lost its worker (default 30 s). */
  staleAfterMs?: number;
  /** How often the recovery sweep runs (default 10 s). */
  sweepMs?: number;
  /** pg-boss polling interval (default 1 s, at least 0.5 s). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

interface Running {
  controller: AbortController;
}

let state:
  | {
      boss: PgBoss;
      options: Required<Omit<JobWorkerOptions, 'log'>> & { log: (line: string) => void };
      running: Set<Running>;
      sweep: NodeJS.Timeout;
      schedules: NodeJS.Timeout[];
      unsubscribe: () => void;
      stopping: boolean;
    }
  | undefined;

const MIN_WRITE_MS = 500;

/** Start pg-boss and serve every defined job kind; recovers jobs left running by a dead process. */
export async function startJobWorkers(options: JobWorkerOptions): Promise<void> {
  if (state) throw new Error('job workers already started');
  if (process.env.EDUGOV_TEST_JOBS === '1') registerSelfTestJob();
  const resolved = {
    heartbeatMs: 5000,
    staleAfterMs: 30_000,
    sweepMs: 10_000,
    pollingIntervalSeconds: 1,
    log: (line: string) => console.error(`[edugov jobs] ${line}`),
    ...options,
  };
  const boss = new PgBoss({
    connectionString: options.url,
    schema: BOSS_SCHEMA,
    max: 4,
    application_name: 'edugov-jobs',
    schedule: false,
  });
  boss.on('error', (error) => resolved.log(`pg-boss: ${error.message}`));
  await boss.start();
  const current = {
    boss,
    options: resolved,
    running: new Set<Running>(),
    stopping: false,
    sweep: setInterval(() => {
      void recoverJobs(options.db, { boss, staleAfterMs: resolved.staleAfterMs }).catch((error: Error) =>
        resolved.log(`recovery sweep: ${error.message}`),
      );
    }, resolved.sweepMs),
    unsubscribe: () => {},
    schedules: [] as NodeJS.Timeout[],
  };
  current.sweep.unref();
  state = current;
  const recovered = await recoverJobs(options.db, { boss, staleAfterMs: resolved.staleAfterMs });
  if (recovered.resumed + recovered.failed > 0)
    resolved.log(
      `recovered jobs of a stopped process: ${recovered.resumed} resumed, ${recovered.failed} failed`,
    );
  for (const definition of jobDefinitions()) {
    await serve(current, definition);
    schedule(current, definition);
  }
  current.unsubscribe = onJobDefined((definition) => {
    void serve(current, definition)
      .then(() => schedule(current, definition))
      .catch((error: Error) => resolved.log(`worker ${definition.kind}: ${error.message}`));
  });
}

/** Stop taking jobs, abort running ones (they resume on the next start), close pg-boss. */
export async function stopJobWorkers(): Promise<void> {
  const current = state;
  if (!current) return;
  current.stopping = true;
  current.unsubscribe();
  clearInterval(current.sweep);
  for (const timer of current.schedules) clearInterval(timer);
  for (const run of current.running) run.controller.abort(new Error('the server is stopping'));
  await current.boss.stop({ graceful: true, timeout: 10_000, wait: true });
  state = undefined;
}

/** Kinds with `every` are started by the system on that period, once per input. */
function schedule(current: NonNullable<typeof state>, definition: JobDefinition): void {
  const every = definition.every;
  if (!every) return;
  const tick = async () => {
    if (current.stopping) return;
    const db = current.options.db;
    for (const input of await every.inputs(db))
      await enqueueJob(db, systemActor('scheduler'), definition.kind, input).catch((error: Error) =>
        current.options.log(`schedule ${definition.kind}: ${error.message}`),
      );
  };
  const timer = setInterval(() => {
    void tick().catch((error: Error) => current.options.log(`schedule ${definition.kind}: ${error.message}`));
  }, every.minutes * 60_000);
  timer.unref();
  current.schedules.push(timer);
}

async function serve(current: NonNullable<typeof state>, definition: JobDefinition): Promise<void> {
  await current.boss.createQueue(definition.kind, { name: definition.kind, policy: 'standard' });
  await current.boss.work<{ jobRunId?: string }>(
    definition.kind,
    { batchSize: 1, pollingIntervalSeconds: current.options.pollingIntervalSeconds },
    async (jobs) => {
      for (const job of jobs) await runJob(current, definition, job.data?.jobRunId ?? job.id);
    },
  );
}

async function actorFor(db: Db, accountId: number | null, kind: string): Promise<Actor> {
  if (accountId === null) return systemActor(`job:${kind}`);
  const [row] = await db.select().from(account).where(eq(account.id, accountId));
  if (!row) return systemActor(`job:${kind}`);
  return {
    accountId,
    username: row.username,
    displayName: row.displayName,
    districtId: row.districtId,
    orgId: row.orgId,
    grants: await grantsOf(db, accountId),
  };
}

async function runJob(current: NonNullable<typeof state>, definition: JobDefinition, id: string) {
  const { db } = current.options;
  // Claim: the attempt number fences every later write, so a worker that was presumed dead (and
  // replaced) cannot overwrite its successor's progress or outcome.
  const [previous] = await db
    .select({ stage: jobRun.stage, done: jobRun.done, attempts: jobRun.attempts })
    .from(jobRun)
    .where(eq(jobRun.id, id));
  const [claimed] = await db
    .update(jobRun)
    .set({
      status: 'running',
      attempts: sql`${jobRun.attempts} + 1`,
      startedAt: sql`coalesce(${jobRun.startedAt}, now())`,
      heartbeatAt: sql`now()`,
      finishedAt: null,
      error: null,
    })
    .where(and(eq(jobRun.id, id), inArray(jobRun.status, ['queued', 'running'])))
    .returning();
  if (!claimed) return; // cancelled, or already ended
  const attempt = claimed.attempts;
  const controller = new AbortController();
  const run: Running = { controller };
  current.running.add(run);
  const progress = new ProgressWriter(db, id, attempt, controller, {
    done: claimed.done,
    stage: claimed.stage,
    total: claimed.total,
  });
  const heartbeat = setInterval(() => void progress.flush(), current.options.heartbeatMs);
  heartbeat.unref();
  try {
    const input = definition.input.parse(claimed.input);
    const result = await definition.run({
      input,
      progress: (update) => progress.report(update),
      actor: await actorFor(db, claimed.createdBy, definition.kind),
      db,
      jobId: id,
      attempt,
      resumeFrom: previous && previous.attempts > 0 ? { stage: previous.stage, done: previous.done } : null,
      signal: controller.signal,
    });
    clearInterval(heartbeat);
    await progress.finish({ status: 'succeeded', result: result ?? null });
  } catch (error) {
    clearInterval(heartbeat);
    if (controller.signal.aborted && progress.superseded) return; // cancelled or taken over
    if (controller.signal.aborted && current.stopping) {
      // Shut down mid-job: queued again, and pg-boss retries it on the next start.
      await progress.requeue();
      throw error;
    }
    await progress.finish({ status: 'failed', error: jobError(error) });
  } finally {
    current.running.delete(run);
  }
}

/** Progress writes: at most one per MIN_WRITE_MS, the last one never lost, fenced by attempt. */
class ProgressWriter {
  superseded = false;
  private lastWrite = 0;
  private pending: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly id: string,
    private readonly attempt: number,
    private readonly controller: AbortController,
    private current: { stage: string | null; done: number; total: number | null },
  ) {}

  private fence() {
    return and(eq(jobRun.id, this.id), eq(jobRun.attempts, this.attempt), eq(jobRun.status, 'running'));
  }

  async report(update: JobProgress): Promise<void> {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
    this.current = {
      stage: update.stage ?? this.current.stage,
      done: update.done,
      total: update.total === undefined ? this.current.total : update.total,
    };
    const wait = this.lastWrite + MIN_WRITE_MS - Date.now();
    if (wait <= 0) await this.flush();
    else this.pending ??= setTimeout(() => void this.flush(), wait);
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  flush(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    this.lastWrite = Date.now();
    const snapshot = this.current;
    this.chain = this.chain.then(async () => {
      if (this.superseded) return;
      const rows = await this.db
        .update(jobRun)
        .set({ ...snapshot, heartbeatAt: sql`now()` })
        .where(this.fence())
        .returning({ id: jobRun.id })
        .catch(() => [{ id: this.id }]); // a failed heartbeat is retried at the next one
      if (rows.length === 0) {
        this.superseded = true;
        this.controller.abort(new Error('the job was cancelled or taken over by another worker'));
      }
    });
    return this.chain;
  }

  async finish(outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: unknown }) {
    if (this.pending) clearTimeout(this.pending);
    await this.chain;
    if (this.superseded) return;
    await this.db
      .update(jobRun)
      .set({
        ...this.current,
        status: outcome.status,
        result: outcome.status === 'succeeded' ? outcome.result : null,
        error: outcome.status === 'failed' ? outcome.error : null,
        finishedAt: new Date(),
        heartbeatAt: sql`now()`,
      })
      .where(this.fence());
  }

  async requeue() {
    if (this.pending) clearTimeout(this.pending);
    await this.chain;
    await this.db
      .update(jobRun)
      .set({ ...this.current, status: 'queued', heartbeatAt: null })
      .where(this.fence());
  }
}
