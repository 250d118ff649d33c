import { sha256Hex } from './sha256.ts';
import type { Room, SiteRovers } from './types.ts';

/**
 * SHA-256 of `JSON.stringify(rooms)`; with rovers, of `JSON.stringify({ rooms, rovers })`, so that a
 * plan without rovers keeps the hash it always had.
 */
export function planHash(rooms: Room[], rovers?: SiteRovers[]): string {
  return sha256Hex(JSON.stringify(rovers ? { rooms, rovers } : rooms));
}
