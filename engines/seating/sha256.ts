/**
 * The seating engine's SHA-256 (PRNG state from the seed, a plan's `resultHash`): the pure one
 * shared by all engines in engines/hash, so it runs in the browser too.
 */
export { sha256, sha256Hex } from '../hash/sha256.ts';
