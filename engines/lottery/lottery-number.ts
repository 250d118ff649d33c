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

/**
 * The lottery order: child indexes sorted by number, smallest first, from the numbers' first 64
 * bits (`heads`: 2 big-endian words per child). A stable radix sort on the first 48 bits (three
 * passes of 16), then each run of equal 48-bit heads (about n² / 2^49 pairs: none at a million) is
 * sorted by the next 16 bits and, where all 64 are equal, by the whole numbers (`whole(i)`: child
 * i's 8 words); two equal numbers (the same id twice, which validation refuses) by `tie`, id order.
 */
export function lotteryOrder(
  heads: Int32Array,
  whole: (i: number) => Int32Array,
  tie: (x: number, y: number) => number,
): Int32Array {
  const n = heads.length >> 1;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Int32Array(n);
  const count = new Int32Array(0x10000);
  const digit = new Int32Array(n);
  for (let pass = 0; pass < 3; pass++) {
    // Least significant digit first: bits 16–31 of word 1, then bits 0–15 and 16–31 of word 0.
    for (let i = 0; i < n; i++)
      digit[i] =
        pass === 0 ? heads[2 * i + 1]! >>> 16 : pass === 1 ? heads[2 * i]! & 0xffff : heads[2 * i]! >>> 16;
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
  const head48 = (i: number) => heads[2 * i]! * 0x10000 + (heads[2 * i + 1]! >>> 16);
  const compare = (x: number, y: number) => {
    const a = heads[2 * x + 1]! & 0xffff;
    const b = heads[2 * y + 1]! & 0xffff;
    if (a !== b) return a - b;
    const wx = whole(x);
    const wy = whole(y);
    for (let k = 2; k < 8; k++) {
      const u = wx[k]! >>> 0;
      const v = wy[k]! >>> 0;
      if (u !== v) return u < v ? -1 : 1;
    }
    return tie(x, y);
  };
  for (let k = 0; k + 1 < n; ) {
    let end = k + 1;
    while (end < n && head48(order[end]!) === head48(order[k]!)) end++;
    if (end - k > 1) order.subarray(k, end).sort(compare);
    k = end;
  }
  return order;
}
