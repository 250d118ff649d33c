/**
 * A small pure SHA-256 (FIPS 180-4), so that engines need no node:crypto and run in the browser
 * too. Shared by the seating engine (PRNG state, `resultHash`) and the lottery engine (lottery
 * numbers, Merkle tree, commit-reveal). `sha256From` continues from a saved midstate, which lets
 * HMAC hash its two keyed pads once per key instead of once per message.
 */
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
const w = new Uint32Array(64);

/** The compression function over the 64-byte blocks of `bytes` (whose length is a multiple of 64). */
function compress(h: Uint32Array, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + hh) | 0;
  }
}

/** The midstate after absorbing exactly one 64-byte block from the initial state (for HMAC pads). */
export function sha256Midstate(block: Uint8Array): Uint32Array {
  if (block.length !== 64) throw new Error('a midstate is taken after one 64-byte block');
  const h = IV.slice();
  compress(h, block);
  return h;
}

/** Scratch for short messages (a lottery number's HMAC, a Merkle node): no allocation per hash. */
const scratch = new Uint8Array(128);
const scratchState = new Uint32Array(8);

/**
 * SHA-256 continued from `state` (not modified) after `prefixLength` bytes (a multiple of 64),
 * written into `out` at `offset` (a new 32-byte array by default: a draw hashes a million ids, and
 * writing in place spares a million small allocations).
 */
export function sha256From(
  state: Uint32Array,
  prefixLength: number,
  bytes: Uint8Array,
  out: Uint8Array = new Uint8Array(32),
  offset = 0,
): Uint8Array {
  const bitLength = (prefixLength + bytes.length) * 8;
  const length = (((bytes.length + 9 + 63) >> 6) << 6) >>> 0;
  const padded = length <= scratch.length ? scratch.subarray(0, length).fill(0) : new Uint8Array(length);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const high = Math.floor(bitLength / 0x100000000);
  const low = bitLength >>> 0;
  for (let i = 0; i < 4; i++) {
    padded[length - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    padded[length - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  const h = scratchState;
  h.set(state);
  compress(h, padded);
  for (let i = 0; i < 8; i++) {
    out[offset + i * 4] = h[i]! >>> 24;
    out[offset + i * 4 + 1] = (h[i]! >>> 16) & 0xff;
    out[offset + i * 4 + 2] = (h[i]! >>> 8) & 0xff;
    out[offset + i * 4 + 3] = h[i]! & 0xff;
  }
  return out;
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
