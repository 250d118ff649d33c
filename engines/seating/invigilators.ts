import { createRng, shuffle } from './prng.ts';
import type { Invigilator } from './types.ts';

/**
 * Invigilators (监考): `perRoom` to each normal and special room (none to backup rooms), each
 * invigilator in at most one room (one session), never in a room holding a candidate of their own
 * school, never at a site listed in their `relativeSiteIds`, and the invigilators of one room from
 * different schools. Greedy — hardest rooms first (most candidate schools), each slot from the
 * eligible school with the most invigilators still free (balanced load) — then, for a slot still
 * empty, one augmenting step: an invigilator already placed elsewhere moves here and a free one
 * takes their place. The first id of a room is the chief (主监考), the others second (副监考).
 */
export interface RoomNeed {
  siteId: string;
  /** Schools of the room's candidates. */
  schools: Set<string>;
}

export function assignInvigilators(
  seed: string,
  rooms: RoomNeed[],
  invigilators: Invigilator[],
  perRoom: number,
): { assigned: string[][]; reasons: string[] } {
  const rng = createRng(seed, 'invigilators');
  const pool = [...invigilators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  shuffle(pool, rng);
  const bySchool = new Map<string, Invigilator[]>();
  for (const inv of pool) {
    const list = bySchool.get(inv.schoolId);
    if (list) list.push(inv);
    else bySchool.set(inv.schoolId, [inv]);
  }
  const schoolIds = [...bySchool.keys()].sort();
  const free = new Map<string, number>(schoolIds.map((s) => [s, bySchool.get(s)!.length]));
  const taken = new Set<string>();
  const relatives = new Map(pool.map((inv) => [inv.id, new Set(inv.relativeSiteIds)]));
  const eligible = (inv: Invigilator, room: RoomNeed) =>
    !room.schools.has(inv.schoolId) && !relatives.get(inv.id)!.has(room.siteId);

  const order = shuffle(
    rooms.map((_, i) => i),
    rng,
  ).sort((a, b) => rooms[b]!.schools.size - rooms[a]!.schools.size);
  const assigned: Invigilator[][] = rooms.map(() => []);
  const take = (inv: Invigilator) => {
    taken.add(inv.id);
    free.set(inv.schoolId, free.get(inv.schoolId)! - 1);
  };
  const release = (inv: Invigilator) => {
    taken.delete(inv.id);
    free.set(inv.schoolId, free.get(inv.schoolId)! + 1);
  };
  const freeFor = (room: RoomNeed, chosen: Invigilator[]): Invigilator | undefined => {
    const used = new Set(chosen.map((c) => c.schoolId));
    const schools = schoolIds
      .filter((s) => !used.has(s) && !room.schools.has(s) && free.get(s)! > 0)
      .sort((a, b) => free.get(b)! - free.get(a)!);
    for (const s of schools) {
      const inv = bySchool.get(s)!.find((x) => !taken.has(x.id) && eligible(x, room));
      if (inv) return inv;
    }
    return undefined;
  };

  const missing = new Map<string, number>();
  // Once an augmenting step fails, later ones are skipped: a large short instance stays fast.
  let augmenting = true;
  for (const r of order) {
    const room = rooms[r]!;
    const chosen = assigned[r]!;
    while (chosen.length < perRoom) {
      let inv = freeFor(room, chosen);
      if (!inv && augmenting) {
        inv = augment(r);
        augmenting = inv !== undefined;
      }
      if (!inv) {
        missing.set(room.siteId, (missing.get(room.siteId) ?? 0) + perRoom - chosen.length);
        break;
      }
      take(inv);
      chosen.push(inv);
    }
  }

  /** Frees an invigilator eligible for room r by moving a free one into their room. */
  function augment(r: number): Invigilator | undefined {
    const room = rooms[r]!;
    const used = new Set(assigned[r]!.map((c) => c.schoolId));
    for (let r2 = 0; r2 < rooms.length; r2++) {
      if (r2 === r) continue;
      const others = assigned[r2]!;
      for (let k = 0; k < others.length; k++) {
        const x = others[k]!;
        if (used.has(x.schoolId) || !eligible(x, room)) continue;
        const rest = others.filter((_, i) => i !== k);
        const y = freeFor(rooms[r2]!, rest);
        if (!y) continue;
        take(y);
        others[k] = y;
        release(x);
        return x;
      }
    }
    return undefined;
  }

  const reasons = [...missing.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(
      ([site, n]) =>
        `rule invigilators: site ${site} is ${n} eligible invigilator(s) short (${perRoom} per room, own school excluded, relatives' sites excluded, one room each) / 考点 ${site} 缺少 ${n} 名符合条件的监考员`,
    );
  return { assigned: assigned.map((list) => list.map((inv) => inv.id)), reasons };
}
