import { describe, expect, it } from 'vitest';
import { hmacSha256Words } from '../../engines/hash/index.ts';
import { LotteryNumbersWorker } from './lottery-numbers.ts';

/**
 * The second thread of `edugov lottery run` (large files only, so the CLI tests never start it):
 * the first 64 bits of each lottery number, batch by batch, equal the engine's own.
 */
describe('LotteryNumbersWorker', () => {
  it('computes the heads of the numbers of every batch it is given, as the engine does', async () => {
    const encoder = new TextEncoder();
    const key = encoder.encode('a key of sixteen');
    const ids = Array.from({ length: 5000 }, (_, i) => `C${String(i).padStart(7, '0')}${i % 7 ? '' : '学'}`);
    const bytes = encoder.encode(ids.join(''));
    const offsets = new Int32Array(ids.length + 1);
    ids.forEach((id, i) => {
      offsets[i + 1] = offsets[i]! + encoder.encode(id).length;
    });
    const worker = new LotteryNumbersWorker();
    for (let first = 0; first < ids.length; first += 1500) {
      const to = Math.min(ids.length, first + 1500);
      worker.give(key, bytes.subarray(offsets[first]!, offsets[to]!), offsets.subarray(first, to + 1), first);
    }
    const heads = await worker.heads(ids.length);
    const expected = hmacSha256Words(key, bytes, offsets.subarray(0, ids.length), offsets.subarray(1), 2);
    expect(heads).toEqual(expected);
  }, 60_000);
});
