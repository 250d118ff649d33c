import { fromHex, hmacSha256Words, toHex, wordsToBytes } from '../hash/index.ts';

/**
 * Lottery numbers (随机号): HMAC-SHA-256 with the seed's bytes as key and the child's id (UTF-8) as
 * message, 32 bytes; a smaller number (bytes compared big-endian, i.e. its lowercase hex compared
 * as text) wins a tie. The number depends on the seed and the id only: editing an application
 * never re-issues it, and no child's number depends on who else applied.
 */
export function lotteryNumbers(seed: string, ids: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const encoded = ids.map((id) => encoder.encode(id));
  const bytes = new Uint8Array(encoded.reduce((sum, e) => sum + e.length, 0));
  const starts = new Int32Array(ids.length);
  const ends = new Int32Array(ids.length);
  let at = 0;
  encoded.forEach((e, i) => {
    bytes.set(e, at);
    starts[i] = at;
    ends[i] = at += e.length;
  });
  const words = hmacSha256Words(fromHex(seed), bytes, starts, ends);
  const out = new Uint8Array(ids.length * 32);
  for (let i = 0; i < ids.length; i++) wordsToBytes(words, i * 8, out, i * 32);
  return out;
}

/** One child's lottery number, as lowercase hex (what a family sees and can recompute). */
export function lotteryNumberHex(seed: string, id: string): string {
  return toHex(lotteryNumbers(seed, [id]));
}

/** Child i's number (8 words from `words[8i]`) as lowercase hex. */
export function numberHex(words: Int32Array, i: number): string {
  let hex = '';
  for (let k = 0; k < 8; k++) hex += (words[i * 8 + k]! >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/**
 * The lottery order: child indexes sorted by number (8 big-endian words each), smallest first.
 * A stable radix sort on the first 48 bits (three passes of 16), then each run of equal 48-bit
 * heads (about n² / 2^49 pairs: none at a million) is sorted by the remaining bits; two equal
 * 256-bit numbers (the same id twice, which validation refuses) fall back to `tie`, id order.
 */
export function lotteryOrder(words: Int32Array, tie: (x: number, y: number) => number): Int32Array {
  const n = words.length >> 3;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  const count = new Int32Array(0x10000);
  const digit = new Int32Array(n);
  for (let pass = 0; pass < 3; pass++) {
    // Least significant digit first: bits 16–31 of word 1, then bits 0–15 and 16–31 of word 0.
    for (let i = 0; i < n; i++)
      digit[i] =
        pass === 0 ? words[i * 8 + 1]! >>> 16 : pass === 1 ? words[i * 8]! & 0xffff : words[i * 8]! >>> 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit[i]!]!++;
    let sum = 0;
    for (let d = 0; d < 0x10000; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      spare[count[digit[i]!]!++] = i;
    }
    [order, spare] = [spare, order];
  }
  const head = (i: number) => words[i * 8]! * 0x10000 + (words[i * 8 + 1]! >>> 16);
  const compare = (x: number, y: number) => {
    for (let k = 1; k < 8; k++) {
      // Word 1's high half is equal already; the unsigned comparison of the rest decides.
      const a = words[x * 8 + k]! >>> 0;
      const b = words[y * 8 + k]! >>> 0;
      if (a !== b) return a < b ? -1 : 1;
    }
    return tie(x, y);
  };
  for (let k = 0; k + 1 < n; ) {
    let end = k + 1;
    while (end < n && head(order[end]!) === head(order[k]!)) end++;
    if (end - k > 1) order.subarray(k, end).sort(compare);
    k = end;
  }
  return order;
}
