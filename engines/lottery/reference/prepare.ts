import { MAX_PRIORITY_CLASS } from '../schema.ts';
import type { LotteryInstance } from '../types.ts';
import { lotteryNumbers, lotteryOrder } from './lottery-number.ts';

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

  // Each child's choices as school indexes and classes, read in input order: memory is walked
  // once, in sequence (at a million children, visiting them in lottery order instead costs
  // seconds of cache misses). Classes come from the child's few priority entries: indexing its
  // priority object by each chosen school would make V8 intern every choice string first.
  const n = ids.length;
  const ownStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) ownStart[i + 1] = ownStart[i]! + instance.students[i]!.choices.length;
  const ownSchool = new Int32Array(ownStart[n]!);
  const ownClass = new Int32Array(ownStart[n]!);
  const listed = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const student = instance.students[i]!;
    listed.clear();
    const priority = student.priority;
    // for-in, not Object.entries: no arrays allocated per child (fewer collections of a big heap).
    if (priority)
      for (const schoolId in priority)
        if (Object.hasOwn(priority, schoolId)) listed.set(schoolIndex.get(schoolId)!, priority[schoolId]!);
    let c = ownStart[i]!;
    for (const schoolId of student.choices) {
      const school = schoolIndex.get(schoolId)!;
      ownSchool[c] = school;
      ownClass[c++] = listed.get(school) ?? LAST_CLASS;
    }
  }

  // Per applicant: its first member's choices (siblings rank the same, checked by the schema), at
  // the best class of any member.
  const choiceStart = new Int32Array(applicants + 1);
  const choiceSchool = new Int32Array(ownSchool.length);
  const choiceKey = new Float64Array(ownSchool.length);
  let c = 0;
  for (let a = 0; a < applicants; a++) {
    const first = members[memberStart[a]!]!;
    const count = ownStart[first + 1]! - ownStart[first]!;
    for (let k = 0; k < count; k++) {
      let cls = ownClass[ownStart[first]! + k]!;
      for (let m = memberStart[a]! + 1; m < memberStart[a + 1]!; m++)
        cls = Math.min(cls, ownClass[ownStart[members[m]!]! + k]!);
      choiceSchool[c] = ownSchool[ownStart[first]! + k]!;
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
