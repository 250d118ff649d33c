import { compressSchedule, schedule, sha256, sha256From, sha256Midstate } from './sha256.ts';

/**
 * HMAC-SHA-256 (RFC 2104, test vectors in RFC 4231). `hmacSha256Keyed(key)` hashes the two keyed
 * pads once and returns a function of the message: a draw computes one lottery number per child
 * with the same key (the seed), so each number then costs two compressions instead of four. With
 * `out` the number is written there at `offset` (no allocation).
 */
export function hmacSha256Keyed(
  key: Uint8Array,
): (message: Uint8Array, out?: Uint8Array, offset?: number) => Uint8Array {
  const { inner, outer } = keyedPads(key);
  const innerHash = new Uint8Array(32);
  return (message, out, offset) =>
    sha256From(outer, 64, sha256From(inner, 64, message, innerHash), out, offset);
}

/** HMAC-SHA-256 of one message. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmacSha256Keyed(key)(message);
}

function keyedPads(key: Uint8Array): { inner: Int32Array; outer: Int32Array } {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  return {
    inner: sha256Midstate(block.map((b) => b ^ 0x36)),
    outer: sha256Midstate(block.map((b) => b ^ 0x5c)),
  };
}

/**
 * HMAC-SHA-256 of many messages under one key, as words: message i is `bytes[starts[i], ends[i])`
 * and its MAC is `out[8i .. 8i+8)`, big-endian 32-bit words (signed Int32: compare with `>>> 0`);
 * with `keep` < 8 only the first `keep` words of each (`out[keep·i ..]`), for less memory.
 * A message of at most 55 bytes (every id of a draw in practice) is one block: the schedule is
 * filled straight from its bytes and the outer hash from the inner words, no byte copies at all.
 */
export function hmacSha256Words(
  key: Uint8Array,
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  keep = 8,
  out: Int32Array = new Int32Array(starts.length * keep),
): Int32Array {
  const { inner, outer } = keyedPads(key);
  const w = schedule;
  const innerHash = new Int32Array(8);
  const mac = new Int32Array(8);
  const long = new Uint8Array(32);
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!;
    const length = ends[i]! - from;
    if (length <= 55) {
      w.fill(0, 0, 16);
      for (let j = 0; j < length; j++) w[j >> 2]! |= bytes[from + j]! << (24 - 8 * (j & 3));
      w[length >> 2]! |= 0x80 << (24 - 8 * (length & 3));
      w[15] = (64 + length) * 8;
      compressSchedule(inner, 0, innerHash, 0);
    } else {
      sha256From(inner, 64, bytes.subarray(from, from + length), long);
      for (let j = 0; j < 8; j++)
        innerHash[j] =
          (long[j * 4]! << 24) | (long[j * 4 + 1]! << 16) | (long[j * 4 + 2]! << 8) | long[j * 4 + 3]!;
    }
    // The outer message is the 32-byte inner hash: one block, 64 + 32 bytes = 768 bits in all.
    for (let j = 0; j < 8; j++) w[j] = innerHash[j]!;
    w[8] = 0x80000000 | 0;
    w.fill(0, 9, 15);
    w[15] = 768;
    if (keep === 8) compressSchedule(outer, 0, out, i * 8);
    else {
      compressSchedule(outer, 0, mac, 0);
      for (let j = 0; j < keep; j++) out[i * keep + j] = mac[j]!;
    }
  }
  return out;
}
