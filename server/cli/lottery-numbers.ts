import { Worker } from 'node:worker_threads';
import type { IdBatches } from '../../engines/lottery/index.ts';

/**
 * Lottery numbers on a second thread while `edugov lottery run` reads a large instance file (the
 * draw's target machine has two cores): a worker runs engines/hash's `hmacSha256Words` — the same
 * pure function the engine would run — on each batch of ids the reader gives it, and the main
 * thread collects the first 64 bits of every number once the file is read. At a million children
 * that takes the numbers (≈ 0.7 s) off the main thread, where reading the file takes longer anyway.
 * The worker loads TypeScript through tsx like bin/edugov.js; if it fails, `heads` resolves to
 * undefined and the engine computes the numbers itself, so the result never depends on it.
 */
export class LotteryNumbersWorker {
  private readonly worker: Worker;
  private readonly batches: { first: number; heads: Int32Array }[] = [];
  private given = 0;
  private failed = false;
  private wake: (() => void) | undefined;

  constructor() {
    const tsx = import.meta.resolve('tsx/esm/api');
    const hash = new URL('../../engines/hash/index.ts', import.meta.url).href;
    const code = `
      const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(tsx)})
        .then(({ register }) => { register(); return import(${JSON.stringify(hash)}); })
        .then(({ hmacSha256Words }) => {
          parentPort.on('message', ({ key, bytes, offsets, first }) => {
            const base = offsets[0];
            const starts = offsets.subarray(0, offsets.length - 1).map((o) => o - base);
            const ends = offsets.subarray(1).map((o) => o - base);
            const heads = hmacSha256Words(key, bytes, starts, ends, 2);
            parentPort.postMessage({ first, heads }, [heads.buffer]);
          });
        });`;
    this.worker = new Worker(code, { eval: true });
    this.worker.on('message', (batch: { first: number; heads: Int32Array }) => {
      this.batches.push(batch);
      this.wake?.();
    });
    const fail = () => {
      this.failed = true;
      this.wake?.();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  /** The reader's `onIds`: each batch is copied and sent to the worker. */
  readonly give: IdBatches = (key, bytes, offsets, first) => {
    const ids = bytes.slice();
    const copy = offsets.slice();
    this.worker.postMessage({ key, bytes: ids, offsets: copy, first }, [ids.buffer, copy.buffer]);
    this.given++;
  };

  /** The first 64 bits of all `children` numbers (2 words each), or undefined if the worker failed. */
  async heads(children: number): Promise<Int32Array | undefined> {
    while (!this.failed && this.batches.length < this.given)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    await this.stop();
    if (this.batches.length < this.given) return undefined;
    const heads = new Int32Array(2 * children);
    for (const batch of this.batches) heads.set(batch.heads, 2 * batch.first);
    return heads;
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
