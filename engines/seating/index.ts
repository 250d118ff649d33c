import { assignInvigilators, assignRovers } from './invigilators.ts';
import { planHash } from './plan-hash.ts';
import { createRng } from './prng.ts';
import { draftRooms } from './rooms.ts';
import { type Cells, conflictCells, type Grid, layoutRoom, makeGrid, repairAcross, seatOf } from './seats.ts';
import type { ArrangeResult, Room, SeatingInstance } from './types.ts';

export { planHash } from './plan-hash.ts';

export { makeGrid, seatOf } from './seats.ts';
export { sha256Hex } from './sha256.ts';
/**
 * The exam-arrangement engine (考场编排): rooms per site and 四同 group, schools spread across a
 * group's rooms in proportion to their size, seats with no two candidates of one school adjacent,
 * snake seat numbers, ticket numbers and invigilators. Pure and deterministic: the same instance
 * gives the same plan, byte for byte, and `resultHash` = SHA-256 of `JSON.stringify(plan.rooms)`.
 * An instance whose rules cannot be met gives `{ ok: false, reasons }` — never a plan that breaks
 * a rule. See docs/modules/exams-engine.md.
 */
export type * from './types.ts';
export { verifyPlan } from './verify.ts';

export const DEFAULT_TICKET_PATTERN = '{site}{room:2}{seat:2}';
/** Recorded with every sealed plan: a plan re-runs with the engine version that made it. */
export const ENGINE_VERSION = 'seating/1';

/** `{site}`, `{room:N}`, `{seat:N}` (N = minimum digits, zero-padded). */
export function formatTicket(pattern: string, site: string, room: number, seat: number): string {
  return pattern.replace(/\{(site|room|seat)(?::(\d+))?\}/g, (_, key: string, width?: string) => {
    if (key === 'site') return site;
    return String(key === 'room' ? room : seat).padStart(Number(width ?? 0), '0');
  });
}

export function arrange(instance: SeatingInstance): ArrangeResult {
  const { rules } = instance;
  const drafted = draftRooms(instance);
  if (drafted.reasons.length) return { ok: false, reasons: drafted.reasons };
  const grid = makeGrid(rules.rows, rules.cols, rules.adjacency);
  const reasons: string[] = [];

  // Seats, one group (site, kind, group) at a time so that stuck rooms can swap across its rooms.
  const cellsOf: Cells[] = drafted.rooms.map(() => []);
  const groups = new Map<string, number[]>();
  drafted.rooms.forEach((room, i) => {
    if (room.kind === 'backup') return;
    const key = `${room.siteId}\u0000${room.kind}\u0000${room.group}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  for (const [key, indexes] of groups) {
    const rng = createRng(instance.seed, `seats|${key}`);
    const layouts = indexes.map((i) => layoutRoom(grid, drafted.rooms[i]!.candidates, rng));
    // Cross-room repair; after 3 rooms of a group stay stuck the group is hopeless: stop early.
    let stuck = 0;
    layouts.forEach((cells, k) => {
      if (stuck < 3 && conflictCells(grid, cells).length && !repairAcross(grid, layouts, k, rng)) stuck++;
    });
    layouts.forEach((cells, k) => {
      const draft = drafted.rooms[indexes[k]!]!;
      cellsOf[indexes[k]!] = cells;
      const bad = conflictCells(grid, cells);
      if (!bad.length) return;
      const schools = [...new Set(bad.map((c) => cells[c]!.schoolId))].sort();
      reasons.push(
        `rule adjacency (${rules.adjacency}): site ${draft.siteId} room ${draft.room} (group ${draft.group}): no layout keeps the candidates of school ${schools.join(', ')} apart (${describeCounts(cells, schools)}; at most ${grid.maxPerSchool} of one school fit in ${grid.size} seats) / 考点 ${draft.siteId} 第 ${draft.room} 考场：学校 ${schools.join('、')} 的考生无法互不相邻`,
      );
    });
  }
  if (reasons.length) return { ok: false, reasons };

  const needing = drafted.rooms.map((room, i) => ({ room, i })).filter(({ room }) => room.kind !== 'backup');
  const invigilation = assignInvigilators(
    instance.seed,
    needing.map(({ room }) => ({
      siteId: room.siteId,
      schools: new Set(room.candidates.map((c) => c.schoolId)),
    })),
    instance.invigilators,
    rules.invigilatorsPerRoom,
  );
  if (invigilation.reasons.length) return { ok: false, reasons: invigilation.reasons };
  const invigilatorsOf: string[][] = drafted.rooms.map(() => []);
  needing.forEach(({ i }, k) => {
    invigilatorsOf[i] = invigilation.assigned[k]!;
  });

  const pattern = rules.ticketPattern ?? DEFAULT_TICKET_PATTERN;
  const tickets = new Set<string>();
  const rooms: Room[] = drafted.rooms.map((draft, i) => {
    const seats = toSeats(grid, cellsOf[i]!, pattern, draft.siteId, draft.room);
    for (const s of seats) {
      if (tickets.has(s.ticket))
        reasons.push(
          `rule tickets: ticket ${s.ticket} repeats (pattern ${pattern}, site ${draft.siteId} room ${draft.room} seat ${s.seat}) / 准考证号 ${s.ticket} 重复`,
        );
      tickets.add(s.ticket);
    }
    return {
      siteId: draft.siteId,
      room: draft.room,
      kind: draft.kind,
      group: draft.group,
      seats,
      invigilatorIds: invigilatorsOf[i]!,
    };
  });
  if (reasons.length) return { ok: false, reasons };
  if (!rules.roversPerSite) return { ok: true, plan: { rooms, resultHash: planHash(rooms) } };

  const schoolsAt = new Map<string, Set<string>>(instance.sites.map((s) => [s.id, new Set()]));
  for (const c of instance.candidates) schoolsAt.get(c.siteId)?.add(c.schoolId);
  const roving = assignRovers(
    instance.seed,
    [...schoolsAt].map(([siteId, schools]) => ({ siteId, schools })),
    instance.invigilators,
    invigilation.taken,
    rules.roversPerSite,
  );
  if (roving.reasons.length) return { ok: false, reasons: roving.reasons };
  return { ok: true, plan: { rooms, rovers: roving.rovers, resultHash: planHash(rooms, roving.rovers) } };
}

function toSeats(grid: Grid, cells: Cells, pattern: string, siteId: string, room: number): Room['seats'] {
  const seats: Room['seats'] = [];
  cells.forEach((c, cell) => {
    if (!c) return;
    const { seat, row, col } = seatOf(grid, cell);
    seats.push({ seat, row, col, candidateId: c.id, ticket: formatTicket(pattern, siteId, room, seat) });
  });
  return seats.sort((a, b) => a.seat - b.seat);
}

function describeCounts(cells: Cells, schools: string[]): string {
  const total = cells.filter(Boolean).length;
  return schools
    .map((s) => `${s}: ${cells.filter((c) => c?.schoolId === s).length} of ${total} candidates`)
    .join('; ');
}
