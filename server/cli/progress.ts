import { eq } from 'drizzle-orm';
import type { Executor } from '../core/db/index.ts';
import { jobRun } from '../core/jobs/index.ts';

/**
 * The CLI's progress line (ARCHITECTURE rule 8): one line on stderr, rewritten in place with `\r`,
 * e.g. `people.import  validating  1200/5000  24%`. `waitForJob` follows a job to its end.
 */
export interface JobRunLike {
  kind: string;
  status: string;
  stage?: string | null;
  done: number;
  total?: number | null;
  error?: unknown;
}

export function formatProgress(job: JobRunLike): string {
  const count = job.total ? `${job.done}/${job.total}` : String(job.done);
  const percent = job.total ? `  ${Math.floor((100 * job.done) / job.total)}%` : '';
  return [job.kind, job.status, job.stage ?? '', count].filter(Boolean).join('  ') + percent;
}

let lastWidth = 0;

/** Rewrite the progress line on stderr (padded, so a shorter line leaves no leftovers). */
export function printProgress(job: JobRunLike, out: NodeJS.WriteStream = process.stderr): void {
  const line = formatProgress(job);
  out.write(`\r${line.padEnd(lastWidth)}`);
  lastWidth = line.length;
}

/**
 * Poll `job_run` until the job ends, printing its progress line. Resolves with the final row;
 * sets `process.exitCode = 1` (and prints the error) when the job failed or was cancelled.
 */
export async function waitForJob(
  db: Executor,
  id: string,
  options: { intervalMs?: number; out?: NodeJS.WriteStream } = {},
): Promise<typeof jobRun.$inferSelect> {
  const out = options.out ?? process.stderr;
  for (;;) {
    const [row] = await db.select().from(jobRun).where(eq(jobRun.id, id));
    if (!row) throw new Error(`no job ${id}`);
    printProgress(row, out);
    if (row.status === 'succeeded' || row.status === 'failed' || row.status === 'cancelled') {
      out.write('\n');
      lastWidth = 0;
      if (row.status !== 'succeeded') {
        const error = row.error as { code?: string; message?: string } | null;
        out.write(`job ${row.status}${error ? `: ${error.code} ${error.message ?? ''}` : ''}\n`);
        process.exitCode = 1;
      }
      return row;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
