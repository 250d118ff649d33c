/**
 * Pure hashes shared by the engines (no node:crypto, so they run in the browser too): SHA-256
 * (whole or incremental), HMAC-SHA-256 (one message, or many under one key as words) and
 * hex/UTF-8 helpers.
 */
export { fromHex, isHex, toHex, utf8 } from './hex.ts';
export { hmacSha256, hmacSha256Keyed, hmacSha256Words } from './hmac.ts';
export { Sha256, sha256, sha256From, sha256Hex, sha256Midstate, wordsToBytes } from './sha256.ts';
