import { hmacSha256Words } from '../hash/index.ts';
import { childCount, columnsOf, type DrawColumns, setSlot, slotClass, slotSchool } from './columns.ts';
import { lotteryOrder } from './lottery-number.ts';
import type { LotteryInstance } from './types.ts';

export { LAST_CLASS } from './columns.ts';

/**
 * A validated instance in the indexed form both mechanisms run on. An applicant is one child, or
 * one sibling group (placed together or not at all). Applicants are numbered in lottery order of
 * their best (smallest) member number, so the applicant index *is* the tie-break rank; nothing
 * depends on the input order of students or schools. A school orders its applicants by
 * `key = class × (applicants + 1) + applicant`: class first, lottery number second, in
 * one double. An applicant's choices are its first member's, left where they are in the columns
 * (children in input order): copying ten million of them into lottery order costs more in cache
 * misses than the mechanisms spend reading them where they are.
 */
export interface Prepared {
  /** The first 64 bits of the lottery numbers: child i's as 2 big-endian words from `heads[2i]` (Int32). */
  heads: Int32Array;
  /** Child indexes in lottery order. */
  order: Int32Array;
  schoolIds: string[];
  capacity: Int32Array;
  applicants: number;
  /** Members of applicant a: `members[memberStart[a] .. memberStart[a+1])`, input indexes. */
  memberStart: Int32Array;
  members: Int32Array;
  /** Choices of applicant a: slots `choiceFrom[a] .. choiceTo[a]`. */
  choiceFrom: Int32Array;
  choiceTo: Int32Array;
  /**
   * The slots (`slotSchool`, `slotClass`), as in the columns: a group's class, at its first
   * member's slots, is its best member's.
   */
  choices: Int32Array;
  packed: boolean;
}

/** The prepared form of instance objects, with their ids (by input index) and columns for the result. */
export interface PreparedInstance extends Prepared {
  ids: string[];
  columns: DrawColumns;
}

export function prepare(instance: LotteryInstance): PreparedInstance {
  const ids = instance.students.map((s) => s.id);
  const columns = columnsOf(instance);
  return { ...prepareColumns(columns, (i) => ids[i]!), ids, columns };
}

/**
 * The prepared form of columns. `idOf` gives child i's id for the one case the numbers cannot
 * order, two equal numbers (the same UTF-8 bytes: distinct ids only when lone surrogates became
 * U+FFFD); by default the id is decoded from its bytes. `heads`: the numbers' first 64 bits when
 * already computed (`hmacSha256Words(key, …, 2)`, e.g. on another thread while the file was read).
 */
export function prepareColumns(
  columns: DrawColumns,
  idOf?: (i: number) => string,
  heads: Int32Array = hmacSha256Words(columns.key, columns.idBytes, columns.idStart, columns.idEnd, 2),
): Prepared {
  const { idBytes, idStart, idEnd, group } = columns;
  const n = childCount(columns);
  // The first 64 bits of each number order the children; the whole number is computed again
  // only for the children whose first 64 bits are equal (about n² / 2^65 pairs: none).
  const whole = (i: number) =>
    hmacSha256Words(columns.key, idBytes, idStart.subarray(i, i + 1), idEnd.subarray(i, i + 1));
  const decoder = new TextDecoder();
  const idFor = idOf ?? ((i: number) => decoder.decode(idBytes.subarray(idStart[i]!, idEnd[i]!)));
  const order = lotteryOrder(heads, whole, (x, y) => {
    const a = idFor(x);
    const b = idFor(y);
    return a < b ? -1 : a > b ? 1 : 0;
  });

  // Each group's members in lottery order: groupStart by counting, then filled walking the order.
  const groupStart = new Int32Array(columns.groups + 1);
  for (let i = 0; i < n; i++) if (group[i]! >= 0) groupStart[group[i]! + 1]!++;
  for (let g = 0; g < columns.groups; g++) groupStart[g + 1]! += groupStart[g]!;
  const groupMembers = new Int32Array(groupStart[columns.groups]!);
  const filled = groupStart.slice(0, columns.groups);
  for (const i of order) if (group[i]! >= 0) groupMembers[filled[group[i]!]!++] = i;

  // Applicants in lottery order: a group enters where its best-numbered member stands, with its
  // choices (its first member's: siblings rank the same, checked by the schema).
  const { choiceStart } = columns;
  const members = new Int32Array(n);
  const starts = new Int32Array(n + 1);
  const choiceFrom = new Int32Array(n);
  const choiceTo = new Int32Array(n);
  let applicants = 0;
  let m = 0;
  for (const i of order) {
    const g = group[i]!;
    if (g < 0) members[m++] = i;
    else if (groupMembers[groupStart[g]!] === i)
      for (let k = groupStart[g]!; k < groupStart[g + 1]!; k++) members[m++] = groupMembers[k]!;
    else continue;
    choiceFrom[applicants] = choiceStart[i]!;
    choiceTo[applicants] = choiceStart[i + 1]!;
    starts[++applicants] = m;
  }

  // A group's class at each school is its best member's, kept at its first member's slots — in
  // the columns themselves (a copy of ten million slots for a few twins would cost more than the
  // draw; doing it again changes nothing).
  const { choices, packed } = columns;
  if (columns.groups) {
    for (let g = 0; g < columns.groups; g++) {
      const first = groupMembers[groupStart[g]!]!;
      for (let k = groupStart[g]! + 1; k < groupStart[g + 1]!; k++) {
        const other = groupMembers[k]!;
        for (let c = 0; c < choiceStart[first + 1]! - choiceStart[first]!; c++) {
          const at = choiceStart[first]! + c;
          const best = Math.min(
            slotClass(choices, packed, at),
            slotClass(choices, packed, choiceStart[other]! + c),
          );
          setSlot(choices, packed, at, slotSchool(choices, packed, at), best);
        }
      }
    }
  }
  return {
    heads,
    order,
    schoolIds: columns.schoolIds,
    capacity: columns.capacity,
    applicants,
    memberStart: starts.subarray(0, applicants + 1),
    members,
    choiceFrom: choiceFrom.subarray(0, applicants),
    choiceTo: choiceTo.subarray(0, applicants),
    choices,
    packed,
  };
}
