import { canonicalJson } from './canonical.ts';
import { checkReveals, deriveSeed, type PartyCommitment, type PartyReveal } from './commit-reveal.ts';
import { runDraw } from './draw.ts';
import { merkleRoot } from './merkle.ts';
import type { LotteryResult, LotterySchool, LotteryStudent, Mechanism } from './types.ts';

/**
 * The published record of a draw (drawBundle): everything needed to re-run it and nothing else.
 * Anyone re-runs it with `verifyBundle` (./verify.ts), from the CLI (`edugov lottery verify`) or
 * in the browser; a results page reads only this. Format in docs/modules/lottery-engine.md.
 */
export const BUNDLE_VERSION = 1;
/** Bumped whenever any change could alter a result: a bundle is verified by its own version. */
export const ENGINE_VERSION = 'edugov-lottery/1';

export interface DrawBundle {
  version: typeof BUNDLE_VERSION;
  engineVersion: string;
  /** Merkle root of `pool`, published before the draw (./merkle.ts). */
  poolRoot: string;
  /** The frozen applicant pool: entries `{id, choices, priority, siblingGroup?}` sorted by id. */
  pool: LotteryStudent[];
  commitments: PartyCommitment[];
  reveals: PartyReveal[];
  parameters: { mechanism: Mechanism; schools: LotterySchool[] };
  /** SHA-256 of the reveals in party-name order (./commit-reveal.ts). */
  seed: string;
  result: LotteryResult;
  resultHash: string;
}

/**
 * Freezes the pool: one entry per child in a fixed form (priority always present, siblingGroup
 * only when set, nothing else), sorted by id, and its Merkle root. Done before the draw; the
 * entries are what families get receipts for.
 */
export function freezePool(students: readonly LotteryStudent[]): {
  pool: LotteryStudent[];
  poolRoot: string;
} {
  const pool = students
    .map((s) => ({
      id: s.id,
      choices: [...s.choices],
      priority: JSON.parse(canonicalJson(s.priority ?? {})) as Record<string, number>,
      ...(s.siblingGroup === undefined ? {} : { siblingGroup: s.siblingGroup }),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { pool, poolRoot: merkleRoot(pool) };
}

/**
 * The draw itself, at the ceremony: checks every reveal against its commitment, derives the seed,
 * runs the engine on the frozen pool and returns the bundle to publish. Throws on a reveal that
 * does not match (the draw must not proceed).
 */
export function buildBundle(input: {
  students: readonly LotteryStudent[];
  schools: readonly LotterySchool[];
  mechanism?: Mechanism;
  commitments: readonly PartyCommitment[];
  reveals: readonly PartyReveal[];
}): DrawBundle {
  const problem = checkReveals(input.commitments, input.reveals);
  if (problem) throw new Error(problem);
  const mechanism = input.mechanism ?? 'da';
  const { pool, poolRoot } = freezePool(input.students);
  const schools = [...input.schools]
    .map((s) => ({ id: s.id, capacity: s.capacity }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const seed = deriveSeed(input.reveals);
  const result = runDraw({ seed, schools, students: pool }, mechanism);
  const sortByParty = <T extends { party: string }>(list: readonly T[]) =>
    list.map((x) => ({ ...x })).sort((a, b) => (a.party < b.party ? -1 : 1));
  return {
    version: BUNDLE_VERSION,
    engineVersion: ENGINE_VERSION,
    poolRoot,
    pool,
    commitments: sortByParty(input.commitments),
    reveals: sortByParty(input.reveals),
    parameters: { mechanism, schools },
    seed,
    result,
    resultHash: result.resultHash,
  };
}
