import { sha256 } from './sha256.ts';

/**
 * The seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), its 128-bit state
 * taken from SHA-256(seed + "\u0000" + label). One stream per label (a site, a group, a room), so a
 * change in one part of the instance does not reshuffle the others.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: string, label: string): Rng {
  const digest = sha256(new TextEncoder().encode(`${seed}\u0000${label}`));
  const view = new DataView(digest.buffer);
  let a = view.getUint32(0);
  let b = view.getUint32(4);
  let c = view.getUint32(8);
  let d = view.getUint32(12);
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  return {
    next: () => u32() / 0x100000000,
    int: (n: number) => Math.floor((u32() / 0x100000000) * n),
  };
}

/** Fisher–Yates, in place; returns the array. */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** An index drawn with the weights whose running sums are `cumulative` (binary search). */
export function pickWeighted(cumulative: Float64Array, rng: Rng): number {
  const target = rng.next() * cumulative.at(-1)!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
