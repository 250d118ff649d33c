import { slotClass, slotSchool } from './columns.ts';
import { lotteryNumberHex } from './lottery-number.ts';
import { LAST_CLASS, prepare } from './prepare.ts';
import type { LotteryInstance, LotteryResult } from './types.ts';

/**
 * Why each child got its place, from the instance and the published result only (so the public
 * page can show it from a bundle): the child's lottery number, and for the school it got and each
 * school it ranked higher, its priority class there and the school's cut-off — the worst (class,
 * lottery number) the school admitted and its seats left. Under DA a child not admitted to a
 * school it preferred stands behind that cut-off (or, for a sibling group, did not fit in the seats
 * left); under IA it may stand before it, having applied in a later round when the seats were gone.
 */
export interface SchoolCutoff {
  /** The worst admitted applicant's class (null = the last class, not listed), or null when empty. */
  priorityClass: number | null;
  lotteryNumber: string | null;
  seatsLeft: number;
}

export interface ChoiceExplanation {
  schoolId: string;
  /** 1 = first choice. */
  rank: number;
  /** The child's (or its sibling group's best) class at this school; null = last class. */
  priorityClass: number | null;
  outcome: 'assigned' | 'not admitted';
  cutoff: SchoolCutoff;
}

export interface PlacementExplanation {
  id: string;
  lotteryNumber: string;
  /** For a sibling group: the group's number (its best member's), which the schools used. */
  groupLotteryNumber?: string;
  assigned: string | null;
  choices: ChoiceExplanation[];
}

export function explainDraw(instance: LotteryInstance, result: LotteryResult): PlacementExplanation[] {
  const p = prepare(instance);
  const index = new Map(p.ids.map((id, i) => [id, i]));
  const hexOf = (i: number) => lotteryNumberHex(instance.seed, p.ids[i]!);
  const schoolIndex = new Map(p.schoolIds.map((id, s) => [id, s]));
  const worst = new Float64Array(p.schoolIds.length).fill(-1);
  const left = Int32Array.from(p.capacity);
  const keyOf = new Map<string, number>(); // `${applicant}|${school}` → key
  const applicantOfStudent = new Int32Array(p.ids.length);
  for (let a = 0; a < p.applicants; a++) {
    for (let m = p.memberStart[a]!; m < p.memberStart[a + 1]!; m++) applicantOfStudent[p.members[m]!] = a;
    for (let c = p.choiceFrom[a]!; c < p.choiceTo[a]!; c++)
      keyOf.set(
        `${a}|${slotSchool(p.choices, p.packed, c)}`,
        slotClass(p.choices, p.packed, c) * (p.applicants + 1) + a,
      );
  }
  for (const [id, schoolId] of Object.entries(result.assignments)) {
    if (schoolId === null) continue;
    const s = schoolIndex.get(schoolId)!;
    left[s]!--;
    worst[s] = Math.max(worst[s]!, keyOf.get(`${applicantOfStudent[index.get(id)!]}|${s}`) ?? -1);
  }
  const classOf = (key: number) => {
    const cls = Math.floor(key / (p.applicants + 1));
    return cls === LAST_CLASS ? null : cls;
  };
  const cutoff = (s: number): SchoolCutoff => {
    const key = worst[s]!;
    if (key < 0) return { priorityClass: null, lotteryNumber: null, seatsLeft: left[s]! };
    const a = key % (p.applicants + 1);
    return {
      priorityClass: classOf(key),
      lotteryNumber: hexOf(p.members[p.memberStart[a]!]!),
      seatsLeft: left[s]!,
    };
  };
  return [...instance.students]
    .sort((x, y) => (x.id < y.id ? -1 : 1))
    .map((student) => {
      const i = index.get(student.id)!;
      const a = applicantOfStudent[i]!;
      const assigned = Object.hasOwn(result.assignments, student.id) ? result.assignments[student.id]! : null;
      const choices: ChoiceExplanation[] = [];
      for (const [r, schoolId] of student.choices.entries()) {
        const s = schoolIndex.get(schoolId)!;
        choices.push({
          schoolId,
          rank: r + 1,
          priorityClass: classOf(keyOf.get(`${a}|${s}`)!),
          outcome: schoolId === assigned ? 'assigned' : 'not admitted',
          cutoff: cutoff(s),
        });
        if (schoolId === assigned) break;
      }
      const best = p.members[p.memberStart[a]!]!;
      return {
        id: student.id,
        lotteryNumber: hexOf(i),
        ...(student.siblingGroup === undefined ? {} : { groupLotteryNumber: hexOf(best) }),
        assigned,
        choices,
      };
    });
}
