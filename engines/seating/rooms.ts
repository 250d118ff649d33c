import { createRng, shuffle } from './prng.ts';
import type { Candidate, RoomKind, SeatingInstance } from './types.ts';

/**
 * Rooms of each site: per 四同 group ⌈candidates / (rows × cols)⌉ normal rooms, then the special
 * rooms (accommodations, one group per room too), then `backupRoomsPerSite` empty backup rooms,
 * numbered 1..n in that order. Candidates of a group are dealt to its rooms school by school,
 * round-robin from a running position (a stratified interleave), so each school has ⌊k/R⌋ or ⌈k/R⌉
 * candidates in each of the group's R rooms and the rooms differ in size by at most one.
 */
export interface RoomDraft {
  siteId: string;
  room: number;
  kind: RoomKind;
  group: string | null;
  candidates: Candidate[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function draftRooms(instance: SeatingInstance): { rooms: RoomDraft[]; reasons: string[] } {
  const { rules } = instance;
  const capacity = rules.rows * rules.cols;
  const reasons: string[] = [];
  const rooms: RoomDraft[] = [];
  const bySite = new Map<string, Candidate[]>();
  for (const site of instance.sites) bySite.set(site.id, []);
  for (const c of instance.candidates) {
    const list = bySite.get(c.siteId);
    if (!list)
      reasons.push(`candidate ${c.id}: unknown site ${c.siteId} / 考生 ${c.id} 的考点 ${c.siteId} 不存在`);
    else list.push(c);
  }
  for (const site of [...instance.sites].sort(byId)) {
    const candidates = (bySite.get(site.id) ?? []).sort(byId);
    const blocks = new Map<string, Candidate[]>();
    for (const c of candidates) {
      const key = `${c.special ? 1 : 0}\u0000${c.group}`;
      const list = blocks.get(key);
      if (list) list.push(c);
      else blocks.set(key, [c]);
    }
    const siteRooms: RoomDraft[] = [];
    // Normal groups first (key prefix 0), then special ones (1), each in group order.
    for (const key of [...blocks.keys()].sort(cmp)) {
      const members = blocks.get(key)!;
      const special = key.startsWith('1');
      const group = members[0]!.group;
      const count = Math.ceil(members.length / capacity);
      const rng = createRng(instance.seed, `rooms|${site.id}|${key}`);
      const drafts: RoomDraft[] = Array.from({ length: count }, () => ({
        siteId: site.id,
        room: 0,
        kind: special ? 'special' : 'normal',
        group,
        candidates: [],
      }));
      const schools = new Map<string, Candidate[]>();
      for (const c of members) {
        const list = schools.get(c.schoolId);
        if (list) list.push(c);
        else schools.set(c.schoolId, [c]);
      }
      // Largest schools first (ties in seeded order), each school's candidates in seeded order.
      const order = shuffle([...schools.keys()].sort(cmp), rng);
      order.sort((a, b) => schools.get(b)!.length - schools.get(a)!.length);
      let position = rng.int(count);
      for (const school of order) {
        for (const c of shuffle(schools.get(school)!, rng)) {
          drafts[position % count]!.candidates.push(c);
          position++;
        }
      }
      siteRooms.push(...drafts);
    }
    for (let i = 0; i < rules.backupRoomsPerSite; i++)
      siteRooms.push({ siteId: site.id, room: 0, kind: 'backup', group: null, candidates: [] });
    if (siteRooms.length > site.rooms) {
      reasons.push(
        `rule rooms: not enough rooms at site ${site.id}: ${siteRooms.length} needed (normal, special and ${rules.backupRoomsPerSite} backup), ${site.rooms} available / 考点 ${site.id} 考场不足：需要 ${siteRooms.length} 间，仅有 ${site.rooms} 间`,
      );
    }
    siteRooms.forEach((r, i) => {
      r.room = i + 1;
    });
    rooms.push(...siteRooms);
  }
  return { rooms, reasons };
}
