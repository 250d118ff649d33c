/**
 * Pure hashes shared by the engines (no node:crypto, so they run in the browser too): SHA-256,
 * HMAC-SHA-256 and hex/UTF-8 helpers.
 */
export { fromHex, isHex, toHex, utf8 } from './hex.ts';
export { hmacSha256, hmacSha256Keyed } from './hmac.ts';
export { sha256, sha256From, sha256Hex, sha256Midstate } from './sha256.ts';
