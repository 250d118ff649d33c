import { placeApplicants, toResult } from './draw.ts';
import { prepare } from './prepare.ts';
import type { LotteryInstance, LotteryResult, Mechanism } from './types.ts';

/**
 * The comparison of the two mechanisms on the same instance (same lottery numbers): how many
 * children got their first choice, one of their first three, none, and how many got their k-th
 * choice (`byRank[k - 1]`). Counts are of children; a child with no choices counts as unassigned.
 */
export interface DrawOutcome {
  students: number;
  firstChoice: number;
  top3: number;
  unassigned: number;
  byRank: number[];
}

export interface MechanismComparison {
  da: DrawOutcome & { resultHash: string };
  ia: DrawOutcome & { resultHash: string };
  /** Children placed differently by the two mechanisms. */
  changed: number;
}

export function summarizeDraw(instance: LotteryInstance, result: LotteryResult): DrawOutcome {
  const outcome: DrawOutcome = {
    students: instance.students.length,
    firstChoice: 0,
    top3: 0,
    unassigned: 0,
    byRank: [],
  };
  for (const student of instance.students) {
    const school = Object.hasOwn(result.assignments, student.id) ? result.assignments[student.id]! : null;
    const rank = school === null ? -1 : student.choices.indexOf(school);
    if (rank < 0) {
      outcome.unassigned++;
      continue;
    }
    while (outcome.byRank.length <= rank) outcome.byRank.push(0);
    outcome.byRank[rank]!++;
    if (rank === 0) outcome.firstChoice++;
    if (rank < 3) outcome.top3++;
  }
  return outcome;
}

export function compareMechanisms(instance: LotteryInstance): MechanismComparison {
  const prepared = prepare(instance);
  const results = {} as Record<Mechanism, LotteryResult>;
  for (const m of ['da', 'ia'] as const) results[m] = toResult(prepared, m, placeApplicants(prepared, m));
  let changed = 0;
  for (const id of prepared.ids)
    if (
      Object.getOwnPropertyDescriptor(results.da.assignments, id)?.value !==
      Object.getOwnPropertyDescriptor(results.ia.assignments, id)?.value
    )
      changed++;
  return {
    da: { ...summarizeDraw(instance, results.da), resultHash: results.da.resultHash },
    ia: { ...summarizeDraw(instance, results.ia), resultHash: results.ia.resultHash },
    changed,
  };
}
