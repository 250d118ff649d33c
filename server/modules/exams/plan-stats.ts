import type { TPlanStats } from '../../../contracts/exams.ts';
import { type SeatingInstance, type SeatingPlan, verifyPlan } from '../../../engines/seating/index.ts';

/** What the review screen needs to know of the names behind the instance's public codes. */
export interface InstanceNames {
  schools: Map<string, { orgId: number; name: string }>;
  sites: Map<string, { id: number; name: string }>;
}

/**
 * The review statistics of a plan: an independent check of every rule (`verifyPlan`, not the
 * engine's own word), and how evenly each school is spread over its group's rooms (each room holds
 * ⌊share⌋ or ⌈share⌉ of the school's candidates, share = candidates / rooms of the group at the site).
 */
export function planStats(instance: SeatingInstance, plan: SeatingPlan, names: InstanceNames): TPlanStats {
  const problems = verifyPlan(instance, plan);
  const adjacencies = problems.filter((p) => p.includes('adjacent')).length;
  const invigilatorConflicts = problems.filter((p) =>
    /candidate's school|relative's site|two invigilators of school|in two rooms|roving|rovers, not/.test(p),
  ).length;
  const candidates = new Map(instance.candidates.map((c) => [c.id, c]));
  const rooms = { normal: 0, backup: 0, special: 0 };
  const invigilators = new Set<string>();
  for (const site of plan.rovers ?? []) for (const id of site.invigilatorIds) invigilators.add(id);
  let seated = 0;
  // (site, group, school) → count per normal room of that (site, group)
  const perRoom = new Map<string, Map<number, number>>();
  const roomsOfGroup = new Map<string, number>();
  const perSite = new Map<string, { candidates: number; rooms: number; backup: number; special: number }>();
  for (const room of plan.rooms) {
    rooms[room.kind]++;
    for (const id of room.invigilatorIds) invigilators.add(id);
    const site = perSite.get(room.siteId) ?? { candidates: 0, rooms: 0, backup: 0, special: 0 };
    site.rooms++;
    if (room.kind === 'backup') site.backup++;
    if (room.kind === 'special') site.special++;
    site.candidates += room.seats.length;
    perSite.set(room.siteId, site);
    seated += room.seats.length;
    if (room.kind !== 'normal') continue;
    const groupKey = `${room.siteId}\u0000${room.group}`;
    roomsOfGroup.set(groupKey, (roomsOfGroup.get(groupKey) ?? 0) + 1);
    for (const seat of room.seats) {
      const c = candidates.get(seat.candidateId);
      if (!c) continue;
      const key = `${groupKey}\u0000${c.schoolId}`;
      const counts = perRoom.get(key) ?? new Map<number, number>();
      counts.set(room.room, (counts.get(room.room) ?? 0) + 1);
      perRoom.set(key, counts);
    }
  }
  const bySchool = new Map<
    string,
    { school: string; group: string; candidates: number; rooms: number; maxPerRoom: number; even: boolean }
  >();
  for (const [key, counts] of perRoom) {
    const [siteId, group, school] = key.split('\u0000') as [string, string, string];
    const groupRooms = roomsOfGroup.get(`${siteId}\u0000${group}`) ?? 1;
    const n = [...counts.values()].reduce((a, b) => a + b, 0);
    const low = Math.floor(n / groupRooms);
    const high = Math.ceil(n / groupRooms);
    const values = [...counts.values(), ...Array(groupRooms - counts.size).fill(0)];
    const even = values.every((v) => v === low || v === high);
    const entry = bySchool.get(`${school}\u0000${group}`) ?? {
      school,
      group,
      candidates: 0,
      rooms: 0,
      maxPerRoom: 0,
      even: true,
    };
    entry.candidates += n;
    entry.rooms += groupRooms;
    entry.maxPerRoom = Math.max(entry.maxPerRoom, ...values);
    entry.even &&= even;
    bySchool.set(`${school}\u0000${group}`, entry);
  }
  const spread = [...bySchool.values()]
    .map((e) => ({
      orgId: names.schools.get(e.school)?.orgId ?? 0,
      orgName: names.schools.get(e.school)?.name ?? e.school,
      groupCode: e.group,
      candidates: e.candidates,
      rooms: e.rooms,
      maxPerRoom: e.maxPerRoom,
      share: Math.round((e.candidates / e.rooms) * 100) / 100,
      even: e.even,
    }))
    .sort((a, b) => b.candidates - a.candidates || a.orgName.localeCompare(b.orgName));
  const schools = new Set(spread.map((s) => s.orgName)).size;
  const uneven = new Set(spread.filter((s) => !s.even).map((s) => s.orgName)).size;
  return {
    rooms,
    seated,
    candidates: instance.candidates.length,
    invigilatorsUsed: invigilators.size,
    adjacencies,
    invigilatorConflicts,
    problems: problems.slice(0, 50),
    schoolsEven: schools - uneven,
    schools,
    spread,
    perSite: [...perSite.entries()]
      .map(([code, s]) => ({
        siteId: names.sites.get(code)?.id ?? 0,
        siteName: names.sites.get(code)?.name ?? code,
        ...s,
      }))
      .sort((a, b) => a.siteName.localeCompare(b.siteName)),
  };
}
