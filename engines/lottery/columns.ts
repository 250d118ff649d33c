import { fromHex } from '../hash/index.ts';
import { MAX_PRIORITY_CLASS } from './schema.ts';
import type { LotteryInstance } from './types.ts';

/** The class of a school not listed in a child's `priority`: after every listed class. */
export const LAST_CLASS = MAX_PRIORITY_CLASS + 1;

/**
 * Choice slots: with at most 2048 schools a slot is one int, `class << 11 | school` (classes are
 * below 2^20: LAST_CLASS = 1,000,001), else two, school then class. One int per slot halves the
 * memory a million children's ten million choices take (and the cache misses reading them).
 */
export const PACKED_SCHOOLS = 2048;
if (LAST_CLASS >= 2 ** 20) throw new Error('a packed choice slot holds classes below 2^20');
const SCHOOL_MASK = PACKED_SCHOOLS - 1;
const CLASS_SHIFT = 11;
export const packedFor = (schools: number): boolean => schools <= PACKED_SCHOOLS;
export const slotSchool = (choices: Int32Array, packed: boolean, c: number): number =>
  packed ? choices[c]! & SCHOOL_MASK : choices[2 * c]!;
export const slotClass = (choices: Int32Array, packed: boolean, c: number): number =>
  packed ? choices[c]! >> CLASS_SHIFT : choices[2 * c + 1]!;
export function setSlot(choices: Int32Array, packed: boolean, c: number, school: number, cls: number): void {
  if (packed) choices[c] = (cls << CLASS_SHIFT) | school;
  else {
    choices[2 * c] = school;
    choices[2 * c + 1] = cls;
  }
}

/**
 * A validated instance as columns (typed arrays, children by input index): what the engine draws
 * on, read either from instance objects (`columnsOf`) or straight from the bytes of an instance
 * file (`readInstanceJson`, ./instance-json.ts) — a million children then never become a million
 * JS objects and ten million strings.
 */
export interface DrawColumns {
  /** The seed's bytes: the HMAC key of the lottery numbers. */
  key: Uint8Array;
  /** School ids sorted by UTF-16 code units; `capacity` in the same order. */
  schoolIds: string[];
  capacity: Int32Array;
  /** Child i's id is the UTF-8 `idBytes[idStart[i], idEnd[i])` (a file's bytes, or the ids encoded). */
  idBytes: Uint8Array;
  idStart: Int32Array;
  idEnd: Int32Array;
  /**
   * True when every id is written in JSON as `"` + its characters + `"` (no quote, backslash,
   * control character or lone surrogate): the result JSON is then built from the id bytes.
   */
  plainIds: boolean;
  /**
   * Child i's choices are slots `choiceStart[i] .. choiceStart[i+1]`: slot c is a school index and
   * the child's class there (`slotSchool`, `slotClass`; `packed` when there are at most 2048 schools).
   */
  choiceStart: Int32Array;
  choices: Int32Array;
  packed: boolean;
  /** Child i's sibling group (numbered from 0), -1 for none; `groups` of them. */
  group: Int32Array;
  groups: number;
}

export const childCount = (c: DrawColumns): number => c.idStart.length;

/** Columns of an instance that passed `parseInstance` (./schema.ts). */
export function columnsOf(instance: LotteryInstance): DrawColumns {
  const students = instance.students;
  const n = students.length;
  const schoolIds = instance.schools.map((s) => s.id).sort();
  const schoolIndex = new Map(schoolIds.map((id, i) => [id, i]));
  const capacity = new Int32Array(schoolIds.length);
  for (const s of instance.schools) capacity[schoolIndex.get(s.id)!] = s.capacity;

  // Ids as UTF-8, one buffer (an id is at most 3 bytes per UTF-16 unit; ASCII written directly).
  let units = 0;
  for (let i = 0; i < n; i++) units += students[i]!.id.length;
  const idBytes = new Uint8Array(units * 3);
  const idStart = new Int32Array(n);
  const idEnd = new Int32Array(n);
  const encoder = new TextEncoder();
  let plainIds = true;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const id = students[i]!.id;
    idStart[i] = at;
    let ascii = true;
    for (let k = 0; k < id.length; k++) {
      const code = id.charCodeAt(k);
      if (code >= 0x80) {
        ascii = false;
        break;
      }
      if (code < 0x20 || code === 0x22 || code === 0x5c) plainIds = false;
      idBytes[at + k] = code;
    }
    if (ascii) at += id.length;
    else {
      if (!isPlain(id)) plainIds = false;
      // A lone surrogate becomes U+FFFD here, as in every lottery number since engine version 1.
      at += encoder.encodeInto(id, idBytes.subarray(at)).written;
    }
    idEnd[i] = at;
  }

  // Choices and their classes, children in input order (memory walked once, in sequence).
  const choiceStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) choiceStart[i + 1] = choiceStart[i]! + students[i]!.choices.length;
  const packed = packedFor(schoolIds.length);
  const choices = new Int32Array((packed ? 1 : 2) * choiceStart[n]!);
  // A child's listed classes by school, valid while `listedBy[s] === i + 1` (no Map per child).
  const listedBy = new Int32Array(schoolIds.length);
  const listedClass = new Int32Array(schoolIds.length);
  const groupOf = new Map<string, number>();
  const group = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const student = students[i]!;
    const priority = student.priority;
    // for-in, not Object.entries: no arrays allocated per child.
    if (priority)
      for (const schoolId in priority)
        if (Object.hasOwn(priority, schoolId)) {
          const s = schoolIndex.get(schoolId);
          if (s === undefined) continue;
          listedBy[s] = i + 1;
          listedClass[s] = priority[schoolId]!;
        }
    let c = choiceStart[i]!;
    for (const schoolId of student.choices) {
      const s = schoolIndex.get(schoolId)!;
      setSlot(choices, packed, c++, s, listedBy[s] === i + 1 ? listedClass[s]! : LAST_CLASS);
    }
    const sibling = student.siblingGroup;
    if (sibling !== undefined) {
      if (!groupOf.has(sibling)) groupOf.set(sibling, groupOf.size);
      group[i] = groupOf.get(sibling)!;
    }
  }
  return {
    key: fromHex(instance.seed),
    schoolIds,
    capacity,
    idBytes,
    idStart,
    idEnd,
    plainIds,
    choiceStart,
    choices,
    packed,
    group,
    groups: groupOf.size,
  };
}

/** No character JSON escapes: quote, backslash, control characters, lone surrogates. */
function isPlain(id: string): boolean {
  for (let k = 0; k < id.length; k++) {
    const code = id.charCodeAt(k);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return false;
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = id.charCodeAt(k + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      k++;
    }
  }
  return true;
}
