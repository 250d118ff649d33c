import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildBundle,
  commitmentOf,
  type DrawBundle,
  deriveSeed,
  freezePool,
  leafHash,
  merkleRoot,
  parseBundle,
  poolReceipts,
  runDraw,
  verifyBundle,
  verifyReceipt,
} from './index.ts';
import { merkleLevels } from './merkle.ts';

/**
 * The verifiable draw: Merkle receipts prove inclusion and fail when anything is tampered with;
 * the commit-reveal seed; `verifyBundle` accepts a published bundle and rejects any edit of its
 * pool, reveals, commitments, parameters, seed or result, naming the first difference.
 */
const hex = (byte: number, n = 16) => byte.toString(16).padStart(2, '0').repeat(n);
const reveals = [
  { party: 'notary 公证处', reveal: hex(0x11) },
  { party: 'commission 区教委', reveal: hex(0x22, 32) },
  { party: 'parents 家长代表 1', reveal: hex(0x33) },
];
const commitments = reveals.map((r) => ({ party: r.party, commitment: commitmentOf(r.reveal) }));

function sample(children = 60): DrawBundle {
  const schools = Array.from({ length: 5 }, (_, i) => ({ id: `S${i}`, capacity: 4 + i * 3 }));
  const students = Array.from({ length: children }, (_, i) => ({
    id: `C${String(i).padStart(3, '0')}`,
    choices: [`S${i % 5}`, `S${(i * 7 + 1) % 5}`, `S${(i * 3 + 2) % 5}`].filter(
      (s, k, all) => all.indexOf(s) === k,
    ),
    priority: i % 4 === 0 ? { [`S${i % 5}`]: 0 } : {},
    ...(i % 17 === 3 ? { siblingGroup: `twins${i}` } : {}),
  }));
  // The twin of each i % 17 === 3 child: same choices, next id.
  for (const s of [...students]) if (s.siblingGroup) students.push({ ...s, id: `${s.id}b` });
  return buildBundle({ students, schools, commitments, reveals });
}

describe('merkle receipts', () => {
  it('prove every entry of pools of any size, and fail for a tampered entry, proof or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, pick) => {
        const pool = Array.from({ length: n }, (_, i) => ({ id: `T${i}`, choices: ['S1'], priority: {} }));
        const receipts = poolReceipts(pool);
        const root = merkleRoot(pool);
        for (const r of receipts) expect(verifyReceipt(root, r.entry, r.proof)).toBe(true);
        const r = receipts[pick % n]!;
        expect(verifyReceipt(root, { ...(r.entry as object), choices: ['S2'] }, r.proof)).toBe(false);
        expect(
          verifyReceipt(
            root.replace(/^./, (c) => (c === '0' ? '1' : '0')),
            r.entry,
            r.proof,
          ),
        ).toBe(false);
        if (r.proof.length) {
          const flipped = r.proof.map((step, k) =>
            k ? step : { ...step, side: step.side === 'left' ? ('right' as const) : ('left' as const) },
          );
          expect(verifyReceipt(root, r.entry, flipped)).toBe(false);
          const edited = r.proof.map((step, k) => (k ? step : { ...step, hash: hex(0xab, 32) }));
          expect(verifyReceipt(root, r.entry, edited)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('separates leaves from nodes and promotes an odd last node unchanged', () => {
    const pool = ['a', 'b', 'c'].map((id) => ({ id }));
    const levels = merkleLevels(pool);
    expect(levels.map((l) => l.length)).toEqual([3, 2, 1]);
    expect(levels[1]![1]).toEqual(leafHash(pool[2]));
    // A leaf hash is SHA-256(0x00 ‖ canonical JSON); keys are sorted, so key order does not matter.
    expect(leafHash({ b: 1, a: [2, null] })).toEqual(leafHash({ a: [2, null], b: 1 }));
    // A two-leaf pool's root is not a leaf of any pool: the inner node's 65 bytes start with 0x01.
    expect(merkleRoot(pool.slice(0, 2))).not.toBe(merkleRoot(pool.slice(0, 1)));
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('commit-reveal seed', () => {
  it('hashes the reveals in party-name order, whatever order they come in', () => {
    const seed = deriveSeed(reveals);
    expect(deriveSeed([...reveals].reverse())).toBe(seed);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(commitmentOf('00'.repeat(16))).toBe(
      '374708fff7719dd5979ec875d56cd2286f6d3cf7ec317a3b25632aab28ec37bb',
    );
  });

  it('refuses to draw when a reveal does not match its commitment', () => {
    expect(() =>
      buildBundle({
        students: [],
        schools: [],
        commitments,
        reveals: reveals.map((r, i) => (i ? r : { ...r, reveal: hex(0x44) })),
      }),
    ).toThrow(/notary 公证处: SHA-256\(reveal\)/);
    const short = [{ party: 'p', reveal: 'ab'.repeat(8) }];
    expect(() =>
      buildBundle({
        students: [],
        schools: [],
        commitments: [{ party: 'p', commitment: commitmentOf(short[0]!.reveal) }],
        reveals: short,
      }),
    ).toThrow(/at least 32/);
  });
});

describe('verifyBundle', () => {
  const bundle = sample();

  it('accepts the published bundle, also after a JSON round trip', () => {
    expect(parseBundle(JSON.parse(JSON.stringify(bundle))).ok).toBe(true);
    expect(verifyBundle(JSON.parse(JSON.stringify(bundle)))).toEqual({ ok: true });
    expect(bundle.result).toEqual(
      runDraw({ seed: bundle.seed, schools: bundle.parameters.schools, students: bundle.pool }),
    );
    expect(bundle.pool.map((e) => e.id)).toEqual(bundle.pool.map((e) => e.id).sort());
    expect(bundle.poolRoot).toBe(freezePool([...bundle.pool].reverse()).poolRoot);
  });

  const edits: [string, (b: DrawBundle) => void, RegExp][] = [
    ['a pool entry', (b) => b.pool[7]!.choices.reverse(), /^poolRoot: /],
    ['a priority in the pool', (b) => (b.pool[0]!.priority = { S1: 0 }), /^poolRoot: /],
    ['a pool entry removed', (b) => b.pool.splice(3, 1), /^poolRoot: /],
    ['a reveal', (b) => (b.reveals[1]!.reveal = hex(0x55)), /^reveals: party notary 公证处: SHA-256/],
    ['a commitment', (b) => (b.commitments[0]!.commitment = hex(0x66, 32)), /^reveals: party commission/],
    [
      'a party left out',
      (b) => b.reveals.pop(),
      /^reveals: party parents 家长代表 1 committed but did not reveal/,
    ],
    ['the seed', (b) => (b.seed = hex(0x77, 32)), /^seed: /],
    ['a capacity', (b) => b.parameters.schools[0]!.capacity++, /^assignments\./],
    ['the mechanism', (b) => (b.parameters.mechanism = 'ia'), /^result\.mechanism/],
    [
      'a result',
      (b) => (b.result.assignments.C005 = b.result.assignments.C005 === 'S1' ? 'S2' : 'S1'),
      /^assignments\.C005: /,
    ],
    [
      'a child added to the result',
      (b) => (b.result.assignments.Z999 = null),
      /^assignments\.Z999: published none, re-run \(missing\)/,
    ],
    ['the result hash', (b) => (b.resultHash = hex(0x88, 32)), /^resultHash: /],
    ['the engine version', (b) => (b.engineVersion = 'edugov-lottery/0'), /^engineVersion: /],
  ];
  it.each(edits)('rejects an edited bundle: %s', (_, edit, difference) => {
    const edited = structuredClone(bundle);
    edit(edited);
    const outcome = verifyBundle(edited);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.firstDifference).toMatch(difference);
  });

  it('rejects any single changed placement', () => {
    const ids = Object.keys(bundle.result.assignments);
    const schools = [null, ...bundle.parameters.schools.map((s) => s.id)];
    fc.assert(
      fc.property(fc.nat(ids.length - 1), fc.nat(schools.length - 1), (i, k) => {
        const id = ids[i]!;
        const other = schools.filter((s) => s !== bundle.result.assignments[id])[k % (schools.length - 1)]!;
        const edited = structuredClone(bundle);
        edited.result.assignments[id] = other;
        expect(verifyBundle(edited)).toEqual({
          ok: false,
          firstDifference: expect.stringContaining(`assignments.${id}:`),
        });
      }),
      { numRuns: 40 },
    );
  });

  it('checks the pool root published before the draw when it is given', () => {
    // A publisher who edits the pool and recomputes the root is caught by the earlier root.
    const edited = structuredClone(bundle);
    edited.pool[2]!.choices = [...edited.pool[2]!.choices].reverse();
    edited.poolRoot = merkleRoot(edited.pool);
    const outcome = verifyBundle(edited, { poolRoot: bundle.poolRoot });
    expect(outcome.ok === false && outcome.firstDifference).toMatch(/^poolRoot: .*published before the draw/);
    expect(verifyBundle(bundle, { poolRoot: bundle.poolRoot })).toEqual({ ok: true });
  });

  it('names the malformed fields of something that is not a bundle', () => {
    const bad = parseBundle({ ...bundle, pool: [{ id: 'x', choices: [], extra: 1 }], poolRoot: 'zz' });
    expect(bad.ok === false && bad.errors.join('\n')).toMatch(/poolRoot: a SHA-256 hex digest[\s\S]*pool\.0/);
  });
});
