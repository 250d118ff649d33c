import { type Rng, shuffle } from './prng.ts';
import type { Adjacency, Candidate } from './types.ts';

/**
 * Seats of a room: a grid of rows × cols cells, cell = row × cols + col (0-based; row 0 is the
 * front row, col 0 the column by the front door). Seat numbers snake from the door: row 1 left →
 * right, row 2 right → left, … The layout is a seeded constructive placement (largest school
 * first into an independent set of cells) followed by a repair by improving swaps inside the room;
 * `repairAcross` then swaps candidates between rooms of the same group when a room is still stuck.
 */
export interface Grid {
  rows: number;
  cols: number;
  size: number;
  neighbors: number[][];
  /** Cells in construction order: independent classes first. */
  fillOrder: number[];
  /** Most candidates of one school a room can hold with none adjacent. */
  maxPerSchool: number;
}

export function makeGrid(rows: number, cols: number, adjacency: Adjacency): Grid {
  const size = rows * cols;
  const neighbors: number[][] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue;
          if (adjacency === 'orthogonal' && dr !== 0 && dc !== 0) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) list.push(rr * cols + cc);
        }
      neighbors.push(list);
    }
  const cls = (cell: number) => {
    const r = Math.floor(cell / cols);
    const c = cell % cols;
    return adjacency === 'orthogonal' ? (r + c) % 2 : (r % 2) * 2 + (c % 2);
  };
  const fillOrder = Array.from({ length: size }, (_, i) => i).sort((a, b) => cls(a) - cls(b) || a - b);
  const maxPerSchool =
    adjacency === 'orthogonal' ? Math.ceil(size / 2) : Math.ceil(rows / 2) * Math.ceil(cols / 2);
  return { rows, cols, size, neighbors, fillOrder, maxPerSchool };
}

/** Snake seat number (1-based) of a cell, and the cell's 1-based row and column. */
export function seatOf(grid: Grid, cell: number): { seat: number; row: number; col: number } {
  const r = Math.floor(cell / grid.cols);
  const c = cell % grid.cols;
  const seat = r * grid.cols + (r % 2 === 0 ? c : grid.cols - 1 - c) + 1;
  return { seat, row: r + 1, col: c + 1 };
}

/** A room's cells: the candidate in each cell, or null. */
export type Cells = (Candidate | null)[];

/** How many neighbours of `cell` hold a candidate of `school`. */
export function clashes(grid: Grid, cells: Cells, cell: number, school: string | undefined): number {
  if (school === undefined) return 0;
  let n = 0;
  for (const nb of grid.neighbors[cell]!) if (cells[nb]?.schoolId === school) n++;
  return n;
}

/** Cells whose candidate has a same-school neighbour. */
export function conflictCells(grid: Grid, cells: Cells): number[] {
  const out: number[] = [];
  for (let i = 0; i < grid.size; i++) if (clashes(grid, cells, i, cells[i]?.schoolId) > 0) out.push(i);
  return out;
}

/** Places a room's candidates; returns the cells (conflicts possibly remaining). */
export function layoutRoom(grid: Grid, candidates: Candidate[], rng: Rng): Cells {
  const schools = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = schools.get(c.schoolId);
    if (list) list.push(c);
    else schools.set(c.schoolId, [c]);
  }
  const order = shuffle([...schools.keys()].sort(), rng);
  order.sort((a, b) => schools.get(b)!.length - schools.get(a)!.length);
  const cells: Cells = new Array(grid.size).fill(null);
  let k = 0;
  for (const school of order)
    for (const c of shuffle(schools.get(school)!, rng)) cells[grid.fillOrder[k++]!] = c;
  repairRoom(grid, cells, rng);
  return cells;
}

/** Improving swaps (a candidate with any other cell, empty ones too), with seeded kicks when stuck. */
export function repairRoom(grid: Grid, cells: Cells, rng: Rng, budget = 200): boolean {
  // A school with more candidates than an independent set holds cannot be fixed inside the room.
  const counts = new Map<string, number>();
  for (const c of cells) if (c) counts.set(c.schoolId, (counts.get(c.schoolId) ?? 0) + 1);
  if (Math.max(0, ...counts.values()) > grid.maxPerSchool) return false;
  for (let round = 0; round < budget; round++) {
    const bad = conflictCells(grid, cells);
    if (!bad.length) return true;
    let improved = false;
    for (const i of shuffle(bad, rng)) {
      const a = cells[i];
      if (!a || clashes(grid, cells, i, a.schoolId) === 0) continue;
      let best = -1;
      let bestDelta = 0;
      for (let j = 0; j < grid.size; j++) {
        const b = cells[j];
        if (j === i || b?.schoolId === a.schoolId) continue;
        const before = clashes(grid, cells, i, a.schoolId) + clashes(grid, cells, j, b?.schoolId);
        cells[i] = b;
        cells[j] = a;
        const after = clashes(grid, cells, i, b?.schoolId) + clashes(grid, cells, j, a.schoolId);
        cells[i] = a;
        cells[j] = b;
        if (after - before < bestDelta) {
          bestDelta = after - before;
          best = j;
        }
      }
      if (best >= 0) {
        cells[i] = cells[best]!;
        cells[best] = a;
        improved = true;
      }
    }
    if (!improved) {
      // A kick: swap one conflicting candidate with a random cell of another school.
      const i = bad[rng.int(bad.length)]!;
      const j = rng.int(grid.size);
      if (cells[j]?.schoolId !== cells[i]?.schoolId) [cells[i], cells[j]] = [cells[j]!, cells[i]!];
    }
  }
  return conflictCells(grid, cells).length === 0;
}

/**
 * Swaps across rooms of one group: a conflicting candidate of `room` trades places with a
 * candidate of another school in another room when neither lands next to its own school.
 */
export function repairAcross(grid: Grid, rooms: Cells[], index: number, rng: Rng): boolean {
  const cells = rooms[index]!;
  for (let attempt = 0; attempt < grid.size * 2; attempt++) {
    const bad = conflictCells(grid, cells);
    if (!bad.length) return true;
    let moved = false;
    for (const i of bad) {
      const a = cells[i]!;
      if (clashes(grid, cells, i, a.schoolId) === 0) continue;
      for (let other = 0; other < rooms.length && !moved; other++) {
        if (other === index) continue;
        const cellsB = rooms[other]!;
        for (let j = 0; j < grid.size; j++) {
          const b = cellsB[j];
          if (!b || b.schoolId === a.schoolId) continue;
          // Neighbours exclude the cell itself, so the counts are those after the swap.
          if (clashes(grid, cells, i, b.schoolId) > 0 || clashes(grid, cellsB, j, a.schoolId) > 0) continue;
          cells[i] = b;
          cellsB[j] = a;
          moved = true;
          break;
        }
      }
      if (moved) break;
    }
    if (!moved) return repairRoom(grid, cells, rng, 50);
  }
  return conflictCells(grid, cells).length === 0;
}
