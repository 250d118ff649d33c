import { fromHex, hmacSha256Keyed, toHex, utf8 } from '../../hash/index.ts';

const encoder = new TextEncoder();

/**
 * Lottery numbers (随机号): HMAC-SHA-256 with the seed's bytes as key and the child's id (UTF-8) as
 * message, 32 bytes; a smaller number (bytes compared big-endian, i.e. its lowercase hex compared
 * as text) wins a tie. The number depends on the seed and the id only: editing an application
 * never re-issues it, and no child's number depends on who else applied.
 */
export function lotteryNumbers(seed: string, ids: readonly string[]): Uint8Array {
  const hmac = hmacSha256Keyed(fromHex(seed));
  const out = new Uint8Array(ids.length * 32);
  const buffer = new Uint8Array(512);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // encodeInto a reused buffer (an id is short: at most 3 bytes per UTF-16 unit).
    const bytes =
      id.length * 3 <= buffer.length ? buffer.subarray(0, encoder.encodeInto(id, buffer).written) : utf8(id);
    hmac(bytes, out, i * 32);
  }
  return out;
}

/** One child's lottery number, as lowercase hex (what a family sees and can recompute). */
export function lotteryNumberHex(seed: string, id: string): string {
  return toHex(lotteryNumbers(seed, [id]));
}

/**
 * The lottery order: indexes of `ids` sorted by number, smallest first. The first 6 bytes are
 * compared as one exact integer (2^48 < 2^53), then the rest byte by byte; two ids with equal
 * 256-bit numbers (never seen in practice) fall back to id order so the order stays total.
 */
export function lotteryOrder(numbers: Uint8Array, ids: readonly string[]): Int32Array {
  const n = ids.length;
  const head = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let b = 0; b < 6; b++) v = v * 256 + numbers[i * 32 + b]!;
    head[i] = v;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    if (head[a] !== head[b]) return head[a]! - head[b]!;
    for (let k = 6; k < 32; k++) {
      const d = numbers[a * 32 + k]! - numbers[b * 32 + k]!;
      if (d) return d;
    }
    const x = ids[a]!;
    const y = ids[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order;
}
