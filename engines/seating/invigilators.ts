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
): { assigned: string[][]; reasons: string[]; taken: Set<string> } {
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
  return { assigned: assigned.map((list) => list.map((inv) => inv.id)), reasons, taken };
}

/**
 * Rovers (流动监考) per site from the invigilators no room took: from no school with candidates at
 * the site, with no relative there, one school per rover of a site; sites in id order, each taking
 * the free school with the most invigilators left (balanced), then the first id in the seeded order.
 */
export function assignRovers(
  seed: string,
  sites: { siteId: string; schools: Set<string> }[],
  invigilators: Invigilator[],
  taken: Set<string>,
  perSite: number,
): { rovers: { siteId: string; invigilatorIds: string[] }[]; reasons: string[] } {
  const rng = createRng(seed, 'rovers');
  const pool = shuffle(
    [...invigilators]
      .filter((i) => !taken.has(i.id))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    rng,
  );
  const used = new Set<string>();
  const rovers: { siteId: string; invigilatorIds: string[] }[] = [];
  const reasons: string[] = [];
  for (const site of [...sites].sort((a, b) => (a.siteId < b.siteId ? -1 : 1))) {
    const chosen: Invigilator[] = [];
    while (chosen.length < perSite) {
      const schools = new Set(chosen.map((c) => c.schoolId));
      const left = new Map<string, number>();
      for (const inv of pool)
        if (!used.has(inv.id)) left.set(inv.schoolId, (left.get(inv.schoolId) ?? 0) + 1);
      const candidates = pool.filter(
        (inv) =>
          !used.has(inv.id) &&
          !site.schools.has(inv.schoolId) &&
          !schools.has(inv.schoolId) &&
          !inv.relativeSiteIds.includes(site.siteId),
      );
      if (!candidates.length) break;
      const best = candidates.reduce((a, b) => (left.get(b.schoolId)! > left.get(a.schoolId)! ? b : a));
      used.add(best.id);
      chosen.push(best);
    }
    if (chosen.length < perSite)
      reasons.push(
        `rule rovers: site ${site.siteId} is ${perSite - chosen.length} eligible rover(s) short (${perSite} per site, not from a school sitting there, no relative there, not in a room) / 考点 ${site.siteId} 缺少 ${perSite - chosen.length} 名符合条件的流动监考`,
      );
    rovers.push({ siteId: site.siteId, invigilatorIds: chosen.map((c) => c.id) });
  }
  return { rovers, reasons };
}
