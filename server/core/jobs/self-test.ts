import { z } from 'zod';
import { defineJob, jobDefinition } from './registry.ts';

/**
 * `platform.selfTest`: counts to `count`, reporting progress, optionally failing at `failAt`. It
 * exists for tests (and EDUGOV_TEST_JOBS=1 servers) only: it proves progress, failure and resume.
 */
export const SELF_TEST_KIND = 'platform.selfTest';

const ZSelfTestInput = z.object({
  count: z.number().int().min(1),
  stepMs: z.number().int().min(0).default(0),
  failAt: z.number().int().min(1).optional(),
});

export function registerSelfTestJob(): void {
  if (jobDefinition(SELF_TEST_KIND)) return;
  defineJob({
    kind: SELF_TEST_KIND,
    input: ZSelfTestInput,
    run: async ({ input, progress, resumeFrom, attempt, signal }) => {
      // Resumes where the lost attempt got to: counting is idempotent.
      const start = resumeFrom?.done ?? 0;
      await progress({ stage: 'counting', done: start, total: input.count });
      for (let i = start + 1; i <= input.count; i++) {
        if (input.stepMs) await sleep(input.stepMs, signal);
        if (i === input.failAt) throw new Error(`self-test failure at ${i}`);
        await progress({ done: i });
      }
      return { counted: input.count, attempt, resumedFrom: resumeFrom?.done ?? null };
    },
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
