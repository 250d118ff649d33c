import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMechanisms,
  explainDraw,
  hashAssignments,
  type LotteryInstance,
  type LotteryResult,
  type LotteryStudent,
  lotteryNumberHex,
  parseInstance,
  privateSchoolDraw,
  runDraw,
} from './index.ts';

/**
 * The draw engine: DA is stable, respects capacities and equals the brute-force student-optimal
 * stable matching on small instances; IA matches a hand-worked example; both are deterministic
 * whatever the input order; sibling groups are placed together; the schema names every problem.
 * (The hashes are tested in engines/hash, the bundle and receipts in ./bundle.test.ts.)
 */
const LAST = Number.POSITIVE_INFINITY;
const classAt = (s: LotteryStudent, school: string) =>
  s.priority && Object.hasOwn(s.priority, school) ? s.priority[school]! : LAST;

/** Whether x stands before y at `school`: smaller class, then smaller lottery number. */
function before(instance: LotteryInstance, x: LotteryStudent, y: LotteryStudent, school: string): boolean {
  const cx = classAt(x, school);
  const cy = classAt(y, school);
  if (cx !== cy) return cx < cy;
  return lotteryNumberHex(instance.seed, x.id) < lotteryNumberHex(instance.seed, y.id);
}

/** Blocking pairs of a matching: c prefers s to what it got, and s has a free seat or holds someone after c. */
function blockingPairs(instance: LotteryInstance, assignments: Record<string, string | null>): string[] {
  const held = new Map<string, LotteryStudent[]>(instance.schools.map((s) => [s.id, []]));
  for (const st of instance.students) if (assignments[st.id]) held.get(assignments[st.id]!)!.push(st);
  const capacity = new Map(instance.schools.map((s) => [s.id, s.capacity]));
  const pairs: string[] = [];
  for (const c of instance.students) {
    const got = assignments[c.id];
    const better = got ? c.choices.slice(0, c.choices.indexOf(got)) : c.choices;
    for (const s of better) {
      const at = held.get(s)!;
      if (at.length < capacity.get(s)! || at.some((d) => before(instance, c, d, s)))
        pairs.push(`${c.id}-${s}`);
    }
  }
  return pairs;
}

/** Capacities kept, each child at most one school and only one it chose, every child listed. */
function feasible(instance: LotteryInstance, result: LotteryResult): void {
  expect(Object.keys(result.assignments).sort()).toEqual(instance.students.map((s) => s.id).sort());
  const count = new Map<string, number>();
  for (const s of instance.students) {
    const school = result.assignments[s.id];
    if (school === null) continue;
    expect(s.choices).toContain(school);
    count.set(school!, (count.get(school!) ?? 0) + 1);
  }
  for (const s of instance.schools) expect(count.get(s.id) ?? 0).toBeLessThanOrEqual(s.capacity);
  // The fast path of the result hash agrees with the generic canonical JSON (RFC 8785).
  expect(hashAssignments(result.assignments)).toBe(result.resultHash);
}

const seedArb = fc.stringMatching(/^[0-9a-f]{32}$/);

function instanceArb(maxStudents: number, maxSchools: number, maxCapacity: number, groups = false) {
  return fc
    .record({
      seed: seedArb,
      capacities: fc.array(fc.nat(maxCapacity), { minLength: 1, maxLength: maxSchools }),
      students: fc.array(
        fc.record({
          choiceOrder: fc.array(fc.nat(maxSchools - 1), { maxLength: maxSchools }),
          classes: fc.array(fc.option(fc.nat(2), { nil: undefined }), {
            minLength: maxSchools,
            maxLength: maxSchools,
          }),
          twin: fc.nat(4),
        }),
        { maxLength: maxStudents },
      ),
    })
    .map(({ seed, capacities, students }): LotteryInstance => {
      const schools = capacities.map((capacity, i) => ({ id: `S${i}`, capacity }));
      const list: LotteryStudent[] = students.map((s, i) => {
        const choices = [...new Set(s.choiceOrder.map((k) => `S${k % schools.length}`))];
        const priority: Record<string, number> = {};
        s.classes.forEach((c, k) => {
          if (c !== undefined && k < schools.length) priority[`S${k}`] = c;
        });
        return { id: `T${i}`, choices, priority };
      });
      if (groups)
        // A child with twin = 0 joins the previous child's group and copies its choices.
        list.forEach((s, i) => {
          if (i && students[i]!.twin === 0) {
            const prev = list[i - 1]!;
            prev.siblingGroup ??= `G${i - 1}`;
            s.siblingGroup = prev.siblingGroup;
            s.choices = [...prev.choices];
          }
        });
      return { seed, schools, students: list };
    });
}

describe('deferred acceptance', () => {
  it('is stable, keeps capacities and places each child at most once, at a school it chose', () => {
    fc.assert(
      fc.property(instanceArb(60, 6, 8), (instance) => {
        expect(parseInstance(instance).ok).toBe(true);
        const result = runDraw(instance);
        expect(result.mechanism).toBe('da');
        feasible(instance, result);
        expect(blockingPairs(instance, result.assignments)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('equals the brute-force student-optimal stable matching (≤ 5 children, ≤ 3 schools)', () => {
    fc.assert(
      fc.property(instanceArb(5, 3, 2), (instance) => {
        const stable = allMatchings(instance).filter((m) => blockingPairs(instance, m).length === 0);
        const rank = (s: LotteryStudent, school: string | null) =>
          school === null ? s.choices.length : s.choices.indexOf(school);
        // The student-optimal one: every child does at least as well as in any other stable matching.
        const optimal = stable.filter((m) =>
          stable.every((o) => instance.students.every((s) => rank(s, m[s.id]!) <= rank(s, o[s.id]!))),
        );
        expect(optimal).toHaveLength(1);
        expect(runDraw(instance).assignments).toEqual(optimal[0]);
      }),
      { numRuns: 300 },
    );
  });
});

/** Every assignment of each child to one of its choices or none that keeps the capacities. */
function allMatchings(instance: LotteryInstance): Record<string, string | null>[] {
  const out: Record<string, string | null>[] = [];
  const capacity = new Map(instance.schools.map((s) => [s.id, s.capacity]));
  const current: Record<string, string | null> = {};
  const walk = (i: number) => {
    if (i === instance.students.length) {
      out.push({ ...current });
      return;
    }
    const s = instance.students[i]!;
    for (const school of [null, ...s.choices]) {
      if (school !== null) {
        if (!capacity.get(school)) continue;
        capacity.set(school, capacity.get(school)! - 1);
      }
      current[s.id] = school;
      walk(i + 1);
      if (school !== null) capacity.set(school, capacity.get(school)! + 1);
    }
  };
  walk(0);
  return out;
}

/**
 * The hand-worked example. Seed 000102…0f gives the lottery order D < A < C < E < B < F
 * (numbers 3edb…, 8a76…, a0df…, bc41…, cf33…, f498…). Schools X (2 seats), Y (2), Z (1).
 *   A: X, Y            B: X, Z  (class 0 at X)     C: Y, X
 *   D: X, Y            E: X, Y, Z (class 0 at Y)   F: Z, Y
 * IA. Round 1: X gets B, D, A, E → B (class 0), D; rejects A, E. Y gets C → C. Z gets F → F.
 *     Round 2: Y (1 seat left) gets A, E → E (class 0); rejects A. A has no 3rd choice.
 *     → A none, B X, C Y, D X, E Y, F Z. First choices: B, C, D, F = 4.
 * DA. X holds B, D; rejects A, E. Y holds C. Z holds F. A → Y: holds C, A. E → Y (class 0): holds
 *     A, E, rejects C (a0df… after 8a76…). C → X: after D, rejected; C has no more choices.
 *     → A Y, B X, C none, D X, E Y, F Z. First choices: B, D, F = 3. C ranked Y first and lost it
 *     to A, who had the better number: under DA ranking a school first buys nothing — which is why
 *     truthful ranking is safe; under IA it buys the seat, so families must rank strategically.
 */
const handWorked: LotteryInstance = {
  seed: '000102030405060708090a0b0c0d0e0f',
  schools: [
    { id: 'X', capacity: 2 },
    { id: 'Y', capacity: 2 },
    { id: 'Z', capacity: 1 },
  ],
  students: [
    { id: 'A', choices: ['X', 'Y'] },
    { id: 'B', choices: ['X', 'Z'], priority: { X: 0 } },
    { id: 'C', choices: ['Y', 'X'] },
    { id: 'D', choices: ['X', 'Y'] },
    { id: 'E', choices: ['X', 'Y', 'Z'], priority: { Y: 0 } },
    { id: 'F', choices: ['Z', 'Y'] },
  ],
};

describe('immediate acceptance and the comparison', () => {
  it('matches the hand-worked example (and DA on the same instance)', () => {
    const order = ['A', 'B', 'C', 'D', 'E', 'F'].sort((x, y) =>
      lotteryNumberHex(handWorked.seed, x) < lotteryNumberHex(handWorked.seed, y) ? -1 : 1,
    );
    expect(order.join('')).toBe('DACEBF');
    expect(runDraw(handWorked, 'ia').assignments).toEqual({
      A: null,
      B: 'X',
      C: 'Y',
      D: 'X',
      E: 'Y',
      F: 'Z',
    });
    expect(runDraw(handWorked, 'da').assignments).toEqual({
      A: 'Y',
      B: 'X',
      C: null,
      D: 'X',
      E: 'Y',
      F: 'Z',
    });
  });

  it('compares the two: first choice, top 3, unassigned, per rank', () => {
    const report = compareMechanisms(handWorked);
    expect(report.ia).toMatchObject({ students: 6, firstChoice: 4, top3: 5, unassigned: 1, byRank: [4, 1] });
    expect(report.da).toMatchObject({ students: 6, firstChoice: 3, top3: 5, unassigned: 1, byRank: [3, 2] });
    expect(report.changed).toBe(2);
    expect(report.da.resultHash).toBe(runDraw(handWorked, 'da').resultHash);
  });

  it('keeps capacities and chosen schools on random instances', () => {
    fc.assert(
      fc.property(instanceArb(60, 6, 8, true), (instance) => feasible(instance, runDraw(instance, 'ia'))),
      { numRuns: 100 },
    );
  });
});

describe('determinism', () => {
  it('gives the same result, byte for byte, whatever the order of students and schools', () => {
    fc.assert(
      fc.property(
        instanceArb(40, 5, 6, true),
        fc.constantFrom('da' as const, 'ia' as const),
        (instance, m) => {
          const a = runDraw(instance, m);
          const reversed = runDraw(
            {
              ...instance,
              students: [...instance.students].reverse(),
              schools: [...instance.schools].reverse(),
            },
            m,
          );
          expect(JSON.stringify(reversed)).toBe(JSON.stringify(a));
          expect(JSON.stringify(runDraw(structuredClone(instance), m))).toBe(JSON.stringify(a));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hashes the assignments canonically (RFC 8785: keys sorted), so integer-like ids cannot reorder it', () => {
    const instance: LotteryInstance = {
      seed: 'ff'.repeat(16),
      schools: [{ id: '7', capacity: 1 }],
      students: [
        { id: '10', choices: ['7'] },
        { id: '9', choices: ['7'] },
        { id: 'b', choices: [] },
      ],
    };
    const result = runDraw(instance);
    expect(Object.keys(result.assignments)).toEqual(['9', '10', 'b']); // JavaScript's own order
    const canonical = `{"10":${JSON.stringify(result.assignments['10'])},"9":${JSON.stringify(result.assignments['9'])},"b":null}`;
    expect(result.resultHash).toBe(sha256HexOf(canonical));
  });

  it('treats ids such as "__proto__" and "constructor" as ordinary ids', () => {
    const result = runDraw({
      seed: 'ab'.repeat(16),
      schools: [{ id: 'constructor', capacity: 2 }],
      students: [
        { id: '__proto__', choices: ['constructor'] },
        { id: 'toString', choices: ['constructor'], priority: {} },
      ],
    });
    expect(Object.hasOwn(result.assignments, '__proto__')).toBe(true);
    expect(result.assignments.toString).toBe('constructor');
  });
});

const sha256HexOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sibling groups (twins)', () => {
  it('places the members of a group together or not at all, within capacities', () => {
    fc.assert(
      fc.property(
        instanceArb(40, 5, 5, true),
        fc.constantFrom('da' as const, 'ia' as const),
        (instance, m) => {
          expect(parseInstance(instance).ok).toBe(true);
          const result = runDraw(instance, m);
          feasible(instance, result);
          const groups = new Map<string, Set<string | null>>();
          for (const s of instance.students)
            if (s.siblingGroup)
              groups.set(
                s.siblingGroup,
                (groups.get(s.siblingGroup) ?? new Set()).add(result.assignments[s.id]!),
              );
          for (const places of groups.values()) expect(places.size).toBe(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same result as without groups when every group has one member', () => {
    fc.assert(
      fc.property(instanceArb(40, 5, 5), fc.constantFrom('da' as const, 'ia' as const), (instance, m) => {
        const solo = {
          ...instance,
          students: instance.students.map((s) => ({ ...s, siblingGroup: `G-${s.id}` })),
        };
        expect(runDraw(solo, m)).toEqual(runDraw(instance, m));
      }),
      { numRuns: 60 },
    );
  });

  it('stands a group where its best number stands, and passes it over when its seats are not there', () => {
    // Seed 000102…0f: D < A < C < E < B < F. Twins A and F take A's number: after D, before E.
    const twins: LotteryInstance = {
      seed: handWorked.seed,
      schools: [
        { id: 'X', capacity: 3 },
        { id: 'Y', capacity: 2 },
      ],
      students: [
        { id: 'F', choices: ['X', 'Y'], siblingGroup: 'g' },
        { id: 'E', choices: ['X', 'Y'] },
        { id: 'D', choices: ['X'] },
        { id: 'A', choices: ['X', 'Y'], siblingGroup: 'g' },
      ],
    };
    // X: D, then the twins fill it; E goes to Y.
    expect(runDraw(twins).assignments).toEqual({ A: 'X', D: 'X', E: 'Y', F: 'X' });
    // With 2 seats at X one is left after D: the twins are passed over, E takes it, the twins go to Y.
    const tight = {
      ...twins,
      schools: [
        { id: 'X', capacity: 2 },
        { id: 'Y', capacity: 2 },
      ],
    };
    expect(runDraw(tight).assignments).toEqual({ A: 'Y', D: 'X', E: 'X', F: 'Y' });
    expect(runDraw(tight, 'ia').assignments).toEqual({ A: 'Y', D: 'X', E: 'X', F: 'Y' });
  });
});

describe('private-school draws and explanations', () => {
  it('draws per school among its applicants, priority first, and lists the waitlist in order', () => {
    const draw = privateSchoolDraw({
      seed: handWorked.seed,
      schools: [
        { id: 'P1', capacity: 2 },
        { id: 'P2', capacity: 5 },
      ],
      applications: [
        { id: 'A', schoolId: 'P1' },
        { id: 'B', schoolId: 'P1' },
        { id: 'C', schoolId: 'P1' },
        { id: 'D', schoolId: 'P1' },
        { id: 'F', schoolId: 'P1', priorityClass: 0 },
        { id: 'E', schoolId: 'P2' },
      ],
    });
    // P1: F (class 0), then D < A < C < B by number.
    expect(draw.assignments).toEqual({ A: null, B: null, C: null, D: 'P1', E: 'P2', F: 'P1' });
    expect(draw.waitlists).toEqual({ P1: ['A', 'C', 'B'], P2: [] });
  });

  it("explains each child's place by its number, its class and the schools' cut-offs", () => {
    const result = runDraw(handWorked);
    const byId = new Map(explainDraw(handWorked, result).map((e) => [e.id, e]));
    const c = byId.get('C')!;
    expect(c.assigned).toBeNull();
    expect(c.lotteryNumber).toBe(lotteryNumberHex(handWorked.seed, 'C'));
    expect(c.choices.map((x) => [x.schoolId, x.priorityClass, x.outcome])).toEqual([
      ['Y', null, 'not admitted'],
      ['X', null, 'not admitted'],
    ]);
    // Y admitted down to A (last class, number 8a76…), C's a0df… stands after it.
    expect(c.choices[0]!.cutoff).toEqual({
      priorityClass: null,
      lotteryNumber: lotteryNumberHex(handWorked.seed, 'A'),
      seatsLeft: 0,
    });
    const e = byId.get('E')!;
    expect(e.choices.map((x) => [x.schoolId, x.priorityClass, x.outcome])).toEqual([
      ['X', null, 'not admitted'],
      ['Y', 0, 'assigned'],
    ]);
  });
});

describe('the instance schema', () => {
  it('names each problem', () => {
    const bad = parseInstance({
      seed: 'abc',
      schools: [
        { id: 'S1', capacity: -1 },
        { id: 'S1', capacity: 1.5 },
      ],
      students: [{ id: 'T1', choices: [] }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const text = bad.errors.join('\n');
      expect(text).toContain('seed: the seed must have at least 32 hex digits');
      expect(text).toContain('schools.0.capacity: capacity must not be negative');
      expect(text).toContain('schools.1.capacity: capacity must be a whole number');
    }
    const refs = parseInstance({
      seed: '0123456789abcdef0123456789ABCDEF',
      schools: [
        { id: 'S1', capacity: 1 },
        { id: 'S1', capacity: 2 },
      ],
      students: [
        { id: 'T1', choices: ['S3', 'S1', 'S1'], priority: { S9: 0 } },
        { id: 'T1', choices: [] },
        { id: 'T2', choices: ['S1'], siblingGroup: 'g' },
        { id: 'T3', choices: [], siblingGroup: 'g' },
      ],
    });
    expect(refs).toEqual({
      ok: false,
      errors: [
        'schools.1.id: duplicate school id S1',
        'students.0.choices.0: unknown school S3',
        'students.0.choices.2: school S1 chosen twice',
        'students.0.priority.S9: unknown school S9',
        'students.1.id: duplicate student id T1',
        'students.3.choices: sibling group g: choices differ from students.2 (siblings rank the same schools)',
      ],
    });
    const nonHex = parseInstance({ seed: 'g'.repeat(32), schools: [], students: [] });
    expect(nonHex.ok === false && nonHex.errors[0]).toBe('seed: the seed must be hex (0-9, a-f)');
    const odd = parseInstance({ seed: 'a'.repeat(33), schools: [], students: [] });
    expect(odd.ok === false && odd.errors[0]).toMatch(/^seed: .*even number/);
  });

  it('accepts the fixed interface example', () => {
    expect(
      parseInstance({
        seed: '00112233445566778899aabbccddeeff',
        schools: [
          { id: 'S1', capacity: 40 },
          { id: 'S3', capacity: 1 },
        ],
        students: [
          { id: 'T1', choices: ['S3', 'S1'], priority: { S3: 0 } },
          { id: 'T2', choices: [] },
        ],
      }).ok,
    ).toBe(true);
  });
});
