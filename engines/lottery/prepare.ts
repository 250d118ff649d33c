import { lotteryNumbers, lotteryOrder } from './lottery-number.ts';
import { MAX_PRIORITY_CLASS } from './schema.ts';
import type { LotteryInstance } from './types.ts';

/** The class of a school not listed in a child's `priority`: after every listed class. */
export const LAST_CLASS = MAX_PRIORITY_CLASS + 1;

/**
 * A validated instance in the indexed form both mechanisms run on. An applicant is one child, or
 * one sibling group (placed together or not at all). Applicants are numbered in lottery order of
 * their best (smallest) member number, so the applicant index *is* the tie-break rank; nothing
 * depends on the input order of students or schools. A school orders its applicants by
 * `key = class × (applicants + 1) + applicant`: class first, lottery number second, in one double.
 */
export interface Prepared {
  ids: string[];
  /** 32-byte lottery numbers, by input index of `ids`. */
  numbers: Uint8Array;
  schoolIds: string[];
  capacity: Int32Array;
  applicants: number;
  /** Members of applicant a: `members[memberStart[a] .. memberStart[a+1])`, input indexes. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Choices of applicant a: `choiceSchool[choiceStart[a] .. choiceStart[a+1])`, with their keys. */
  choiceStart: Int32Array;
  choiceSchool: Int32Array;
  choiceKey: Float64Array;
}

export const sizeOf = (p: Prepared, a: number): number => p.memberStart[a + 1]! - p.memberStart[a]!;

export function prepare(instance: LotteryInstance): Prepared {
  const ids = instance.students.map((s) => s.id);
  const numbers = lotteryNumbers(instance.seed, ids);
  const order = lotteryOrder(numbers, ids);
  const schoolIds = instance.schools.map((s) => s.id).sort();
  const schoolIndex = new Map(schoolIds.map((id, i) => [id, i]));
  const capacity = new Int32Array(schoolIds.length);
  for (const s of instance.schools) capacity[schoolIndex.get(s.id)!] = s.capacity;

  // Applicants in lottery order: a group enters where its best-numbered member stands.
  const groupMembers = new Map<string, number[]>();
  for (const i of order) {
    const group = instance.students[i]!.siblingGroup;
    if (group !== undefined) groupMembers.set(group, [...(groupMembers.get(group) ?? []), i]);
  }
  const memberStart: number[] = [0];
  const members: number[] = [];
  for (const i of order) {
    const group = instance.students[i]!.siblingGroup;
    if (group === undefined) members.push(i);
    else if (groupMembers.get(group)![0] === i) members.push(...groupMembers.get(group)!);
    else continue;
    memberStart.push(members.length);
  }
  const applicants = memberStart.length - 1;

  const choiceStart = new Int32Array(applicants + 1);
  let total = 0;
  for (const s of instance.students) total += s.choices.length;
  const choiceSchool = new Int32Array(total);
  const choiceKey = new Float64Array(total);
  let c = 0;
  for (let a = 0; a < applicants; a++) {
    const m0 = memberStart[a]!;
    const m1 = memberStart[a + 1]!;
    const first = instance.students[members[m0]!]!;
    for (const schoolId of first.choices) {
      let cls = classAt(first.priority, schoolId);
      for (let m = m0 + 1; m < m1; m++)
        cls = Math.min(cls, classAt(instance.students[members[m]!]!.priority, schoolId));
      choiceSchool[c] = schoolIndex.get(schoolId)!;
      choiceKey[c++] = cls * (applicants + 1) + a;
    }
    choiceStart[a + 1] = c;
  }
  return {
    ids,
    numbers,
    schoolIds,
    capacity,
    applicants,
    memberStart: Int32Array.from(memberStart),
    members: Int32Array.from(members),
    choiceStart,
    choiceSchool: choiceSchool.subarray(0, c),
    choiceKey: choiceKey.subarray(0, c),
  };
}

/** A child's class at a school; own properties only, so an id like "constructor" is just an id. */
export function classAt(priority: Record<string, number> | undefined, schoolId: string): number {
  return priority && Object.hasOwn(priority, schoolId) ? priority[schoolId]! : LAST_CLASS;
}
