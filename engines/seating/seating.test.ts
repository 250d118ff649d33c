import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Adjacency,
  arrange,
  type Candidate,
  formatTicket,
  makeGrid,
  type SeatingInstance,
  seatOf,
  verifyPlan,
} from './index.ts';
import { parseInstance } from './schema.ts';
import { sha256Hex } from './sha256.ts';

/**
 * The seating engine: its pure SHA-256 against known vectors, the snake numbering, then properties
 * over random feasible instances (every rule checked by `verifyPlan`, an independent checker, plus
 * determinism and the proportional spread), then the infeasible and malformed cases.
 */
const rules = (adjacency: Adjacency, more: Partial<SeatingInstance['rules']> = {}) => ({
  rows: 5,
  cols: 4,
  adjacency,
  invigilatorsPerRoom: 2,
  backupRoomsPerSite: 3,
  ...more,
});

function invigilatorsFor(candidates: number, perRoom: number) {
  // perRoom + 1 schools without candidates, each with enough invigilators for every room.
  return Array.from({ length: (perRoom + 1) * Math.max(1, candidates) }, (_, i) => ({
    id: `I${i}`,
    schoolId: `T${i % (perRoom + 1)}`,
    relativeSiteIds: i % 7 === 0 ? ['X1'] : [],
  }));
}

const instanceArb = fc
  .record({
    seed: fc.stringMatching(/^[0-9a-f]{1,16}$/),
    adjacency: fc.constantFrom<Adjacency>('orthogonal', 'king'),
    rows: fc.integer({ min: 4, max: 6 }),
    cols: fc.integer({ min: 4, max: 6 }),
    perRoom: fc.integer({ min: 1, max: 3 }),
    backups: fc.integer({ min: 0, max: 3 }),
    sites: fc.integer({ min: 1, max: 3 }),
    schools: fc.integer({ min: 8, max: 14 }),
    people: fc.array(
      fc.record({
        site: fc.nat(2),
        school: fc.nat(13),
        group: fc.nat(2),
        specialRoll: fc.nat(19),
      }),
      { maxLength: 250, size: 'max' },
    ),
  })
  .map(({ seed, adjacency, rows, cols, perRoom, backups, sites, schools, people }): SeatingInstance => {
    // Schools dealt round-robin inside each (site, group, kind) block, from a random start, so that
    // no school crowds a room (a crowded room is the infeasible case tested below).
    const next = new Map<string, number>();
    const candidates: Candidate[] = people.map((p, i) => {
      const block = `${p.site % sites}|${p.group}|${p.specialRoll === 0}`;
      const k = next.get(block) ?? p.school;
      next.set(block, k + 1);
      return {
        id: `C${i}`,
        schoolId: `H${k % schools}`,
        siteId: `X${(p.site % sites) + 1}`,
        group: `G${p.group}`,
        special: p.specialRoll === 0,
      };
    });
    return {
      seed,
      rules: rules(adjacency, { rows, cols, invigilatorsPerRoom: perRoom, backupRoomsPerSite: backups }),
      sites: Array.from({ length: sites }, (_, i) => ({ id: `X${i + 1}`, schoolId: `H${i}`, rooms: 200 })),
      candidates,
      invigilators: invigilatorsFor(candidates.length, perRoom),
    };
  });

describe('sha256', () => {
  it('matches the FIPS 180-2 vectors and node:crypto', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('seats and tickets', () => {
  it('numbers seats in a snake from the door (row 1 left → right, row 2 right → left)', () => {
    const grid = makeGrid(5, 4, 'orthogonal');
    const seat = (row: number, col: number) => seatOf(grid, (row - 1) * 4 + col - 1).seat;
    expect([seat(1, 1), seat(1, 4), seat(2, 4), seat(2, 1), seat(3, 1), seat(5, 4)]).toEqual([
      1, 4, 5, 8, 9, 20,
    ]);
    expect(makeGrid(5, 4, 'king').maxPerSchool).toBe(6);
    expect(makeGrid(5, 4, 'orthogonal').maxPerSchool).toBe(10);
  });
  it('formats ticket numbers', () => {
    expect(formatTicket('{site}{room:2}{seat:2}', 'X1', 3, 7)).toBe('X10307');
    expect(formatTicket('0108{site}{room:3}{seat:2}', '05', 12, 20)).toBe('010805012' + '20');
  });
});

describe('arrange: random feasible instances', () => {
  it('keeps every rule (verifyPlan finds nothing) in both adjacency modes', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const result = arrange(instance);
        if (!result.ok) throw new Error(result.reasons.join('\n'));
        expect(verifyPlan(instance, result.plan)).toEqual([]);
        // Room counts: ⌈n / capacity⌉ per (site, kind, group) plus the backups.
        const capacity = instance.rules.rows * instance.rules.cols;
        for (const site of instance.sites) {
          const blocks = new Map<string, number>();
          for (const c of instance.candidates)
            if (c.siteId === site.id)
              blocks.set(`${c.special}|${c.group}`, (blocks.get(`${c.special}|${c.group}`) ?? 0) + 1);
          const expected = [...blocks.values()].reduce((s, n) => s + Math.ceil(n / capacity), 0);
          const rooms = result.plan.rooms.filter((r) => r.siteId === site.id);
          expect(rooms.filter((r) => r.kind !== 'backup')).toHaveLength(expected);
          expect(rooms.filter((r) => r.kind === 'backup')).toHaveLength(instance.rules.backupRoomsPerSite);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('assigns rovers per site when asked, keeping every rule, and leaves plans without them as they were', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 1, max: 2 }), (generated, rovers) => {
        // Enough spare invigilators from schools without candidates to rove.
        const spare = Array.from({ length: rovers * generated.sites.length }, (_, i) => ({
          id: `R${i}`,
          schoolId: `R${i % rovers}`,
          relativeSiteIds: [],
        }));
        const instance = { ...generated, invigilators: [...generated.invigilators, ...spare] };
        const without = arrange(instance);
        const roving = { ...instance, rules: { ...instance.rules, roversPerSite: rovers } };
        const result = arrange(roving);
        if (!result.ok || !without.ok) throw new Error(result.ok ? 'no plan' : result.reasons.join('\n'));
        expect(without.plan.rovers).toBeUndefined();
        expect(result.plan.rooms).toEqual(without.plan.rooms);
        expect(result.plan.rovers).toHaveLength(instance.sites.length);
        for (const site of result.plan.rovers!) expect(site.invigilatorIds).toHaveLength(rovers);
        expect(verifyPlan(roving, result.plan)).toEqual([]);
        expect(result.plan.resultHash).not.toBe(without.plan.resultHash);
        // A plan whose rovers were edited no longer verifies.
        const edited = {
          ...result.plan,
          rovers: result.plan.rovers!.map((r, i) =>
            i === 0 ? { ...r, invigilatorIds: r.invigilatorIds.slice(1) } : r,
          ),
        };
        expect(verifyPlan(roving, edited).length).toBeGreaterThan(0);
      }),
      { numRuns: 30 },
    );
  });

  it('is deterministic, byte for byte, and independent of the input order', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const a = arrange(instance);
        const b = arrange(structuredClone(instance));
        const reversed = arrange({
          ...instance,
          candidates: [...instance.candidates].reverse(),
          invigilators: [...instance.invigilators].reverse(),
          sites: [...instance.sites].reverse(),
        });
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(JSON.stringify(reversed)).toBe(JSON.stringify(a));
      }),
      { numRuns: 40 },
    );
  });

  it('spreads each school across the rooms of a group in proportion to its size', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const result = arrange(instance);
        if (!result.ok) return;
        const byId = new Map(instance.candidates.map((c) => [c.id, c]));
        const groups = new Map<string, { rooms: number; counts: Map<string, number[]> }>();
        for (const room of result.plan.rooms) {
          if (room.kind === 'backup') continue;
          const key = `${room.siteId}|${room.kind}|${room.group}`;
          const g = groups.get(key) ?? { rooms: 0, counts: new Map() };
          groups.set(key, g);
          const index = g.rooms++;
          for (const seat of room.seats) {
            const school = byId.get(seat.candidateId)!.schoolId;
            const list = g.counts.get(school) ?? [];
            list[index] = (list[index] ?? 0) + 1;
            g.counts.set(school, list);
          }
        }
        for (const g of groups.values())
          for (const list of g.counts.values()) {
            const total = list.reduce((s, n) => s + (n ?? 0), 0);
            for (let i = 0; i < g.rooms; i++)
              expect(Math.abs((list[i] ?? 0) - total / g.rooms)).toBeLessThan(2);
          }
      }),
      { numRuns: 60 },
    );
  });

  it('gives another arrangement for another seed', () => {
    const instance: SeatingInstance = {
      seed: 'a1',
      rules: rules('king'),
      sites: [{ id: 'X1', schoolId: 'H0', rooms: 20 }],
      candidates: ['H1', 'H2', 'H3', 'H4', 'H5', 'H6'].flatMap((s, i) => school(15 + i, s)),
      invigilators: invigilatorsFor(100, 2),
    };
    const a = arrange(instance);
    const b = arrange({ ...instance, seed: 'a2' });
    expect(a.ok && b.ok && a.plan.resultHash !== b.plan.resultHash).toBe(true);
  });
});

function school(n: number, schoolId: string, from = 0, more: Partial<Candidate> = {}): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${schoolId}-${from + i}`,
    schoolId,
    siteId: 'X1',
    group: 'G1',
    special: false,
    ...more,
  }));
}

describe('arrange: infeasible instances', () => {
  const base = (candidates: Candidate[], more: Partial<SeatingInstance> = {}): SeatingInstance => ({
    seed: 'c0ffee',
    rules: rules('orthogonal'),
    sites: [{ id: 'X1', schoolId: 'H0', rooms: 10 }],
    candidates,
    invigilators: invigilatorsFor(candidates.length, 2),
    ...more,
  });

  it('reports too few rooms at a site', () => {
    const result = arrange(base([...school(60, 'H1'), ...school(60, 'H2'), ...school(60, 'H3')]));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reasons.join()).toMatch(/not enough rooms at site X1: 12 needed.*10 available/);
  });

  it('reports too few invigilators, with the count missing per site', () => {
    const instance = base([...school(10, 'H1'), ...school(10, 'H2')], {
      invigilators: [
        { id: 'I1', schoolId: 'T1', relativeSiteIds: [] },
        { id: 'I2', schoolId: 'T1', relativeSiteIds: [] },
        { id: 'I3', schoolId: 'H1', relativeSiteIds: [] },
        { id: 'I4', schoolId: 'T2', relativeSiteIds: ['X1'] },
      ],
    });
    const result = arrange(instance);
    expect(result).toEqual({
      ok: false,
      reasons: [expect.stringMatching(/site X1 is 1 eligible invigilator\(s\) short/)],
    });
  });

  it('reports a site short of rovers', () => {
    const instance = base([...school(10, 'H1'), ...school(10, 'H2')], {
      rules: rules('orthogonal', { roversPerSite: 1 }),
      invigilators: [
        { id: 'I1', schoolId: 'T1', relativeSiteIds: [] },
        { id: 'I2', schoolId: 'T2', relativeSiteIds: [] },
        { id: 'I3', schoolId: 'H1', relativeSiteIds: [] },
        { id: 'I4', schoolId: 'T3', relativeSiteIds: ['X1'] },
      ],
    });
    const result = arrange(instance);
    expect(result).toEqual({
      ok: false,
      reasons: [expect.stringMatching(/site X1 is 1 eligible rover\(s\) short/)],
    });
  });

  it('reports a school too large for an adjacency-free room, naming the room and the school', () => {
    const orthogonal = arrange(base([...school(11, 'H1'), ...school(9, 'H2')]));
    expect(orthogonal.ok).toBe(false);
    if (!orthogonal.ok) expect(orthogonal.reasons.join()).toMatch(/room 1 .*school H1.*H1: 11 of 20/);
    const king = arrange(
      base([...school(7, 'H1'), ...school(7, 'H2'), ...school(6, 'H3')], { rules: rules('king') }),
    );
    expect(king.ok).toBe(false);
    if (!king.ok) expect(king.reasons.join()).toMatch(/adjacency \(king\): site X1 room 1/);
  });

  it('arranges the tightest feasible rooms (10 + 10 orthogonal; 6 + 6 + 4 + 4 with diagonals)', () => {
    const full = base([...school(10, 'H1'), ...school(10, 'H2')]);
    const a = arrange(full);
    expect(a.ok && verifyPlan(full, a.plan)).toEqual([]);
    const king = base([...school(6, 'H1'), ...school(6, 'H2'), ...school(4, 'H3'), ...school(4, 'H4')], {
      rules: rules('king'),
    });
    const b = arrange(king);
    expect(b.ok && verifyPlan(king, b.plan)).toEqual([]);
  });
});

describe('the instance schema', () => {
  it('names the malformed field', () => {
    const bad = parseInstance({
      seed: 'xyz',
      rules: { rows: 0, cols: 4, adjacency: 'diagonal', invigilatorsPerRoom: 2, backupRoomsPerSite: 3 },
      sites: [{ id: 'X1', schoolId: 'H1', rooms: 60 }],
      candidates: [{ id: 'C1', schoolId: 'H2', siteId: 'X9', group: 'G1', special: false }],
      invigilators: [],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const text = bad.errors.join('\n');
      for (const field of ['seed', 'rules.rows', 'rules.adjacency']) expect(text).toContain(field);
    }
    const unknownSite = parseInstance({
      seed: 'ab',
      rules: rules('king'),
      sites: [{ id: 'X1', schoolId: 'H1', rooms: 60 }],
      candidates: [
        { id: 'C1', schoolId: 'H2', siteId: 'X9', group: 'G1', special: false },
        { id: 'C1', schoolId: 'H2', siteId: 'X1', group: 'G1', special: false },
      ],
      invigilators: [],
    });
    expect(unknownSite).toEqual({
      ok: false,
      errors: ['candidates.1.id: duplicate id C1', 'candidates.0.siteId: unknown site X9'],
    });
  });
  it('accepts the issue example', () => {
    const ok = parseInstance({
      seed: 'ab',
      rules: rules('king'),
      sites: [{ id: 'X1', schoolId: 'H1', rooms: 60 }],
      candidates: [{ id: 'C1', schoolId: 'H2', siteId: 'X1', group: 'G1', special: false }],
      invigilators: [{ id: 'I1', schoolId: 'H3', relativeSiteIds: [] }],
    });
    expect(ok.ok).toBe(true);
  });
});
