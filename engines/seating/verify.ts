import { planHash } from './plan-hash.ts';
import { makeGrid, seatOf } from './seats.ts';
import type { SeatingInstance, SeatingPlan } from './types.ts';

/**
 * An independent check of a plan against its instance's rules (for tests and for anyone verifying a
 * published arrangement): returns the broken rules, [] when the plan keeps them all. It does not
 * re-run the arrangement; `arrange` with the same instance must also give the same `resultHash`.
 */
export function verifyPlan(instance: SeatingInstance, plan: SeatingPlan): string[] {
  const { rules } = instance;
  const problems: string[] = [];
  const grid = makeGrid(rules.rows, rules.cols, rules.adjacency);
  const candidates = new Map(instance.candidates.map((c) => [c.id, c]));
  const invigilators = new Map(instance.invigilators.map((i) => [i.id, i]));
  const seated = new Set<string>();
  const tickets = new Set<string>();
  const invigilating = new Set<string>();
  const roomsPerSite = new Map<string, number>();
  if (planHash(plan.rooms, plan.rovers) !== plan.resultHash) problems.push('resultHash does not match rooms');
  for (const room of plan.rooms) {
    const where = `site ${room.siteId} room ${room.room}`;
    roomsPerSite.set(room.siteId, (roomsPerSite.get(room.siteId) ?? 0) + 1);
    if (room.room !== roomsPerSite.get(room.siteId)) problems.push(`${where}: rooms not numbered 1..n`);
    if (room.seats.length > grid.size) problems.push(`${where}: over capacity`);
    const schoolAt = new Map<number, string>();
    const schools = new Set<string>();
    for (const seat of room.seats) {
      const c = candidates.get(seat.candidateId);
      if (!c) {
        problems.push(`${where}: unknown candidate ${seat.candidateId}`);
        continue;
      }
      if (seated.has(c.id)) problems.push(`candidate ${c.id} seated twice`);
      seated.add(c.id);
      if (tickets.has(seat.ticket)) problems.push(`ticket ${seat.ticket} repeats`);
      tickets.add(seat.ticket);
      if (c.siteId !== room.siteId) problems.push(`${where}: candidate ${c.id} of another site`);
      if (c.group !== room.group) problems.push(`${where}: candidate ${c.id} of another group`);
      if (c.special !== (room.kind === 'special'))
        problems.push(`${where}: candidate ${c.id} in the wrong kind of room`);
      const cell = (seat.row - 1) * rules.cols + (seat.col - 1);
      if (
        seat.row < 1 ||
        seat.row > rules.rows ||
        seat.col < 1 ||
        seat.col > rules.cols ||
        seatOf(grid, cell).seat !== seat.seat
      )
        problems.push(`${where}: seat ${seat.seat} is not at row ${seat.row} col ${seat.col}`);
      if (schoolAt.has(cell)) problems.push(`${where}: two candidates in seat ${seat.seat}`);
      schoolAt.set(cell, c.schoolId);
      schools.add(c.schoolId);
    }
    for (const [cell, school] of schoolAt)
      for (const nb of grid.neighbors[cell]!)
        if (nb > cell && schoolAt.get(nb) === school)
          problems.push(`${where}: school ${school} adjacent at cells ${cell}/${nb}`);
    if (room.kind === 'backup') {
      if (room.seats.length || room.invigilatorIds.length) problems.push(`${where}: backup room not empty`);
      continue;
    }
    if (room.invigilatorIds.length !== rules.invigilatorsPerRoom)
      problems.push(`${where}: wrong number of invigilators`);
    const invSchools = new Set<string>();
    for (const id of room.invigilatorIds) {
      const inv = invigilators.get(id);
      if (!inv) {
        problems.push(`${where}: unknown invigilator ${id}`);
        continue;
      }
      if (invigilating.has(id)) problems.push(`invigilator ${id} in two rooms`);
      invigilating.add(id);
      if (schools.has(inv.schoolId)) problems.push(`${where}: invigilator ${id} of a candidate's school`);
      if (inv.relativeSiteIds.includes(room.siteId))
        problems.push(`${where}: invigilator ${id} at a relative's site`);
      if (invSchools.has(inv.schoolId)) problems.push(`${where}: two invigilators of school ${inv.schoolId}`);
      invSchools.add(inv.schoolId);
    }
  }
  for (const c of instance.candidates) if (!seated.has(c.id)) problems.push(`candidate ${c.id} not seated`);
  problems.push(...verifyRovers(instance, plan, invigilating));
  for (const site of instance.sites)
    if ((roomsPerSite.get(site.id) ?? 0) > site.rooms)
      problems.push(`site ${site.id}: more rooms than it has`);
  return problems;
}

/** Rovers: as many per site as the rules ask, each free of any room and of the site's schools. */
function verifyRovers(instance: SeatingInstance, plan: SeatingPlan, invigilating: Set<string>): string[] {
  const problems: string[] = [];
  const perSite = instance.rules.roversPerSite ?? 0;
  if (!perSite) {
    if (plan.rovers) problems.push('rovers present though the rules ask for none');
    return problems;
  }
  const invigilators = new Map(instance.invigilators.map((i) => [i.id, i]));
  const schoolsAt = new Map<string, Set<string>>();
  for (const c of instance.candidates) {
    const set = schoolsAt.get(c.siteId) ?? new Set<string>();
    set.add(c.schoolId);
    schoolsAt.set(c.siteId, set);
  }
  const bySite = new Map((plan.rovers ?? []).map((r) => [r.siteId, r.invigilatorIds]));
  const used = new Set<string>();
  for (const site of instance.sites) {
    const ids = bySite.get(site.id) ?? [];
    if (ids.length !== perSite) problems.push(`site ${site.id}: ${ids.length} rovers, not ${perSite}`);
    const schools = new Set<string>();
    for (const id of ids) {
      const inv = invigilators.get(id);
      if (!inv) {
        problems.push(`site ${site.id}: unknown rover ${id}`);
        continue;
      }
      if (invigilating.has(id) || used.has(id)) problems.push(`invigilator ${id} in two rooms`);
      used.add(id);
      if (schoolsAt.get(site.id)?.has(inv.schoolId))
        problems.push(`site ${site.id}: rover ${id} of a candidate's school`);
      if (inv.relativeSiteIds.includes(site.id))
        problems.push(`site ${site.id}: rover ${id} at a relative's site`);
      if (schools.has(inv.schoolId))
        problems.push(`site ${site.id}: two invigilators of school ${inv.schoolId} roving`);
      schools.add(inv.schoolId);
    }
  }
  return problems;
}
