import { sha256, sha256From, sha256Midstate } from './sha256.ts';

/**
 * HMAC-SHA-256 (RFC 2104, test vectors in RFC 4231). `hmacSha256Keyed(key)` hashes the two keyed
 * pads once and returns a function of the message: a draw computes one lottery number per child
 * with the same key (the seed), so each number then costs two compressions instead of four. With `out` the
 * number is written there at `offset` (no allocation).
 */
export function hmacSha256Keyed(
  key: Uint8Array,
): (message: Uint8Array, out?: Uint8Array, offset?: number) => Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = sha256Midstate(block.map((b) => b ^ 0x36));
  const outer = sha256Midstate(block.map((b) => b ^ 0x5c));
  const innerHash = new Uint8Array(32);
  return (message, out, offset) =>
    sha256From(outer, 64, sha256From(inner, 64, message, innerHash), out, offset);
}

/** HMAC-SHA-256 of one message. */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return hmacSha256Keyed(key)(message);
}
