/**
 * A small pure SHA-256 (FIPS 180-4), so that engines need no node:crypto and run in the browser
 * too. Shared by the seating engine (PRNG state, `resultHash`) and the lottery engine (lottery
 * numbers, Merkle tree, commit-reveal, result hash). `sha256From` continues from a saved midstate,
 * which lets HMAC hash its two keyed pads once per key instead of once per message; `Sha256`
 * hashes a long message piece by piece (a million-child result is hashed as it is written).
 *
 * Words are kept in Int32Arrays: a Uint32Array load above 2^31 is a double in V8, an Int32Array
 * load stays a small integer, and the rounds run about twice as fast on plain int32 arithmetic.
 */
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const IV = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/**
 * The message schedule. A caller fills words 0–15 (one 64-byte block, big-endian) and calls
 * `compressSchedule`; HMAC over short messages fills them straight from the message bytes.
 */
export const schedule = new Int32Array(64);

/**
 * One compression of the block in `schedule[0..16)`: `out[to..to+8) = state[from..from+8)` after
 * the block (`out` may be `state` at the same place).
 */
export function compressSchedule(state: Int32Array, from: number, out: Int32Array, to: number): void {
  const w = schedule;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[from]!;
  let b = state[from + 1]!;
  let c = state[from + 2]!;
  let d = state[from + 3]!;
  let e = state[from + 4]!;
  let f = state[from + 5]!;
  let g = state[from + 6]!;
  let h = state[from + 7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[to] = (state[from]! + a) | 0;
  out[to + 1] = (state[from + 1]! + b) | 0;
  out[to + 2] = (state[from + 2]! + c) | 0;
  out[to + 3] = (state[from + 3]! + d) | 0;
  out[to + 4] = (state[from + 4]! + e) | 0;
  out[to + 5] = (state[from + 5]! + f) | 0;
  out[to + 6] = (state[from + 6]! + g) | 0;
  out[to + 7] = (state[from + 7]! + h) | 0;
}

/** The compression function over the 64-byte blocks of `bytes[from, to)` (a multiple of 64 long). */
function compress(h: Int32Array, bytes: Uint8Array, from: number, to: number): void {
  const w = schedule;
  for (let offset = from; offset < to; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    compressSchedule(h, 0, h, 0);
  }
}

/** Writes the 8 words of a state big-endian into `out` at `offset`. */
export function wordsToBytes(h: Int32Array, from: number, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const word = h[from + i]!;
    out[offset + i * 4] = word >>> 24;
    out[offset + i * 4 + 1] = (word >>> 16) & 0xff;
    out[offset + i * 4 + 2] = (word >>> 8) & 0xff;
    out[offset + i * 4 + 3] = word & 0xff;
  }
}

/** The midstate after absorbing exactly one 64-byte block from the initial state (for HMAC pads). */
export function sha256Midstate(block: Uint8Array): Int32Array {
  if (block.length !== 64) throw new Error('a midstate is taken after one 64-byte block');
  const h = IV.slice();
  compress(h, block, 0, 64);
  return h;
}

/** Scratch for short messages (a lottery number's HMAC, a Merkle node): no allocation per hash. */
const scratch = new Uint8Array(128);
const scratchState = new Int32Array(8);

/**
 * SHA-256 continued from `state` (not modified) after `prefixLength` bytes (a multiple of 64),
 * written into `out` at `offset` (a new 32-byte array by default).
 */
export function sha256From(
  state: Int32Array,
  prefixLength: number,
  bytes: Uint8Array,
  out: Uint8Array = new Uint8Array(32),
  offset = 0,
): Uint8Array {
  const h = scratchState;
  h.set(state);
  // Whole blocks straight from the message; only the tail is copied and padded.
  const whole = bytes.length - (bytes.length % 64);
  compress(h, bytes, 0, whole);
  const rest = bytes.length - whole;
  const length = rest + 9 <= 64 ? 64 : 128;
  const padded = scratch.subarray(0, length).fill(0);
  padded.set(bytes.subarray(whole));
  padded[rest] = 0x80;
  writeBitLength(padded, length, prefixLength + bytes.length);
  compress(h, padded, 0, length);
  wordsToBytes(h, 0, out, offset);
  return out;
}

/** The message length in bits, big-endian in the last 8 bytes of the final block. */
function writeBitLength(block: Uint8Array, end: number, byteLength: number): void {
  const high = Math.floor(byteLength / 0x20000000); // (bytes × 8) / 2^32
  const low = (byteLength * 8) >>> 0;
  for (let i = 0; i < 4; i++) {
    block[end - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    block[end - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
}

/**
 * Incremental SHA-256: `update` with pieces of the message, then `digest` once. The same bytes
 * give the same hash however they are cut.
 */
export class Sha256 {
  private readonly h = IV.slice();
  private readonly block = new Uint8Array(64);
  private filled = 0;
  private length = 0;

  update(bytes: Uint8Array): this {
    this.length += bytes.length;
    let from = 0;
    if (this.filled) {
      from = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, from), this.filled);
      this.filled += from;
      if (this.filled < 64) return this;
      compress(this.h, this.block, 0, 64);
      this.filled = 0;
    }
    const whole = from + ((bytes.length - from) & ~63);
    compress(this.h, bytes, from, whole);
    this.block.set(bytes.subarray(whole));
    this.filled = bytes.length - whole;
    return this;
  }

  digest(): Uint8Array {
    const tail = new Uint8Array(this.filled + 9 <= 64 ? 64 : 128);
    tail.set(this.block.subarray(0, this.filled));
    tail[this.filled] = 0x80;
    writeBitLength(tail, tail.length, this.length);
    compress(this.h, tail, 0, tail.length);
    const out = new Uint8Array(32);
    wordsToBytes(this.h, 0, out, 0);
    return out;
  }
}

/** SHA-256 of bytes, as 32 bytes. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return sha256From(IV, 0, bytes);
}

/** Hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  let hex = '';
  for (const byte of sha256(new TextEncoder().encode(text))) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
