import { type DrawColumns, LAST_CLASS } from './columns.ts';
import { idOrder, sameId } from './result-json.ts';
import { MAX_PRIORITY_CLASS } from './schema.ts';

/**
 * Reads the bytes of an instance file (JSON, UTF-8) straight into columns, checking on the way
 * everything `parseInstance` checks. It takes the plain form a draw's instance is written in —
 * the fields of the fixed interface and no others, strings without escapes, whole numbers without
 * sign, fraction or exponent, no key twice — and returns undefined for anything else, valid or not:
 * the caller then parses the file with JSON.parse and `parseInstance` (which names any problem),
 * so what this reader accepts is drawn exactly as `runDraw(parseInstance(JSON.parse(text)))` would
 * draw it, and what it does not accept is drawn (or refused) the general way.
 *
 * Why: at a million children the general way spends most of its time and memory making and
 * collecting a million objects and ten million strings; here ids stay bytes of the file and
 * school names become integers once (a hash table of the few distinct names).
 */
export function readInstanceJson(bytes: Uint8Array): { columns: DrawColumns; byId: Int32Array } | undefined {
  if (bytes.length >= 0x7fffffff) return undefined;
  try {
    return new InstanceReader(bytes).read();
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/** Thrown (one preallocated value) as soon as the file leaves the plain form or breaks a rule. */
const NOT_PLAIN = new Error('not a plain instance file');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MAX_CAPACITY = 10_000_000;
const MAX_ID_LENGTH = 128;

const encoder = new TextEncoder();
const FIELDS = ['seed', 'schools', 'students', 'id', 'capacity', 'choices', 'priority', 'siblingGroup'].map(
  (name) => encoder.encode(name),
);
const [SEED, SCHOOLS, STUDENTS, ID, CAPACITY, CHOICES, PRIORITY, SIBLING_GROUP] = FIELDS.map((_, i) => i);

/** A growable list of 32-bit integers. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }
  grow(): void {
    const grown = new Int32Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }
  toArray(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Distinct strings of the file (school names, sibling groups) numbered 0, 1, … by first sight. */
class Interner {
  private slots = new Int32Array(1024);
  readonly start = new IntList(256);
  readonly end = new IntList(256);
  private readonly hashes = new IntList(256);
  constructor(private readonly bytes: Uint8Array) {}

  get count(): number {
    return this.start.length;
  }

  /** The number of `bytes[start, end)`, whose FNV-1a hash is `hash`. */
  intern(start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return this.add(slot, start, end, hash);
      if (this.hashes.data[entry] === hash && this.equal(entry, start, end)) return entry;
    }
  }

  private equal(entry: number, start: number, end: number): boolean {
    const from = this.start.data[entry]!;
    if (this.end.data[entry]! - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.bytes[from + k] !== this.bytes[start + k]) return false;
    return true;
  }

  private add(slot: number, start: number, end: number, hash: number): number {
    const entry = this.count;
    this.start.push(start);
    this.end.push(end);
    this.hashes.push(hash);
    this.slots[slot] = entry + 1;
    if (this.count * 2 > this.slots.length) {
      // Keep the table at most half full: re-place every entry in one twice the size.
      this.slots = new Int32Array(this.slots.length * 2);
      const mask = this.slots.length - 1;
      for (let e = 0; e < this.count; e++) {
        let s = this.hashes.data[e]! & mask;
        while (this.slots[s]) s = (s + 1) & mask;
        this.slots[s] = e + 1;
      }
    }
    return entry;
  }
}

class InstanceReader {
  private pos = 0;
  /** The last string read: `bytes[strStart, strEnd)`, its FNV-1a hash and its length in UTF-16 units. */
  private strStart = 0;
  private strEnd = 0;
  private strHash = 0;
  private strUnits = 0;

  private seed: string | undefined;
  private readonly names: Interner;
  private readonly groupNames: Interner;
  private readonly schoolName = new IntList(64);
  private readonly schoolCapacity = new IntList(64);
  private readonly idStart: IntList;
  private readonly idEnd: IntList;
  private readonly choiceStart: IntList;
  private readonly choiceName: IntList;
  private readonly priorityStart: IntList;
  private readonly priorityName: IntList;
  private readonly priorityClass: IntList;
  private readonly group: IntList;

  constructor(private readonly bytes: Uint8Array) {
    this.names = new Interner(bytes);
    this.groupNames = new Interner(bytes);
    // Sized for the file (a child takes at least 24 bytes, a choice 4): the lists rarely grow,
    // and pages never written are never touched.
    const students = Math.ceil(bytes.length / 24);
    this.idStart = new IntList(students);
    this.idEnd = new IntList(students);
    this.choiceStart = new IntList(students);
    this.choiceStart.push(0);
    this.choiceName = new IntList(Math.ceil(bytes.length / 8));
    this.priorityStart = new IntList(students);
    this.priorityStart.push(0);
    this.priorityName = new IntList(students);
    this.priorityClass = new IntList(students);
    this.group = new IntList(students);
  }

  read(): { columns: DrawColumns; byId: Int32Array } {
    let seen = 0;
    this.object((field) => {
      if (seen & (1 << field)) throw NOT_PLAIN;
      seen |= 1 << field;
      if (field === SEED) this.readSeed();
      else if (field === SCHOOLS) this.array(() => this.readSchool());
      else if (field === STUDENTS) this.array(() => this.readStudent());
      else throw NOT_PLAIN;
    });
    if (seen !== 0b111 || this.skipSpace() !== -1) throw NOT_PLAIN;
    return this.resolve();
  }

  private readSeed(): void {
    this.string();
    const length = this.strEnd - this.strStart;
    if (length < 32 || length % 2) throw NOT_PLAIN;
    for (let k = this.strStart; k < this.strEnd; k++) {
      const b = this.bytes[k]!;
      if (!((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)))
        throw NOT_PLAIN;
    }
    this.seed = new TextDecoder().decode(this.bytes.subarray(this.strStart, this.strEnd));
  }

  private readSchool(): void {
    let seen = 0;
    this.object((field) => {
      if (seen & (1 << field)) throw NOT_PLAIN;
      seen |= 1 << field;
      if (field === ID) {
        this.id();
        this.schoolName.push(this.names.intern(this.strStart, this.strEnd, this.strHash));
      } else if (field === CAPACITY) this.schoolCapacity.push(this.natural(MAX_CAPACITY));
      else throw NOT_PLAIN;
    });
    if (seen !== ((1 << ID) | (1 << CAPACITY))) throw NOT_PLAIN;
  }

  /**
   * One child: the hot loop of a million-child file, written out (no closure per child or
   * choice). A choice is valid only as a known school's name, checked once all schools are read.
   */
  private readStudent(): void {
    let seen = 0;
    this.expect(OPEN_BRACE);
    if (this.skipSpace() !== CLOSE_BRACE)
      do {
        this.string();
        const field = this.field();
        this.expect(COLON);
        if (seen & (1 << field)) throw NOT_PLAIN;
        seen |= 1 << field;
        if (field === ID) {
          this.id();
          this.idStart.push(this.strStart);
          this.idEnd.push(this.strEnd);
        } else if (field === CHOICES) this.readChoices();
        else if (field === PRIORITY) {
          this.expect(OPEN_BRACE);
          if (this.skipSpace() === CLOSE_BRACE) this.pos++;
          else
            do {
              this.string();
              this.priorityName.push(this.names.intern(this.strStart, this.strEnd, this.strHash));
              this.expect(COLON);
              this.priorityClass.push(this.natural(MAX_PRIORITY_CLASS));
            } while (this.more(CLOSE_BRACE));
        } else if (field === SIBLING_GROUP) {
          this.id();
          this.group.push(this.groupNames.intern(this.strStart, this.strEnd, this.strHash));
        } else throw NOT_PLAIN;
      } while (this.more(CLOSE_BRACE));
    else this.pos++;
    if ((seen & ((1 << ID) | (1 << CHOICES))) !== ((1 << ID) | (1 << CHOICES))) throw NOT_PLAIN;
    if (!(seen & (1 << SIBLING_GROUP))) this.group.push(-1);
    this.choiceStart.push(this.choiceName.length);
    this.priorityStart.push(this.priorityName.length);
  }

  /**
   * A child's choices, `[` to `]`: ten million strings in a million-child file, so this loop keeps
   * its state in locals and reads each name in one pass (bounds, checks, hash), then interns it.
   */
  private readChoices(): void {
    this.expect(OPEN_BRACKET);
    const bytes = this.bytes;
    const end = bytes.length;
    const names = this.names;
    const list = this.choiceName;
    let p = space(bytes, this.pos);
    if (bytes[p] === CLOSE_BRACKET) {
      this.pos = p + 1;
      return;
    }
    for (;;) {
      if (bytes[p] !== QUOTE) throw NOT_PLAIN;
      const start = ++p;
      let hash = 0x811c9dc5 | 0;
      for (;;) {
        if (p >= end) throw NOT_PLAIN;
        const c = bytes[p]!;
        if (c === QUOTE) break;
        // An escape, a control character or a non-ASCII byte: the general string reader decides.
        if (c === BACKSLASH || c < 0x20 || c >= 0x80) {
          this.pos = start - 1;
          this.string();
          hash = this.strHash;
          p = this.strEnd;
          break;
        }
        hash = Math.imul(hash ^ c, 0x01000193);
        p++;
      }
      if (list.length === list.data.length) list.grow();
      list.data[list.length++] = names.intern(start, p, hash);
      p = space(bytes, p + 1);
      if (bytes[p] === CLOSE_BRACKET) {
        this.pos = p + 1;
        return;
      }
      if (bytes[p] !== COMMA) throw NOT_PLAIN;
      p = space(bytes, p + 1);
    }
  }

  /** After a value: true past a comma (another follows), false past `close`; anything else is not plain. */
  private more(close: number): boolean {
    const next = this.skipSpace();
    this.pos++;
    if (next === COMMA) return true;
    if (next === close) return false;
    throw NOT_PLAIN;
  }

  /**
   * An object: `member` reads each value after its key. With `anyKey` the key is left in the
   * last string (a priority's school); otherwise it must be one of FIELDS and is passed by number.
   */
  private object(member: (field: number) => void, anyKey = false): void {
    this.expect(OPEN_BRACE);
    if (this.skipSpace() === CLOSE_BRACE) {
      this.pos++;
      return;
    }
    for (;;) {
      this.string();
      const field = anyKey ? -1 : this.field();
      this.expect(COLON);
      member(field);
      const next = this.skipSpace();
      this.pos++;
      if (next === CLOSE_BRACE) return;
      if (next !== COMMA) throw NOT_PLAIN;
    }
  }

  private array(element: () => void): void {
    this.expect(OPEN_BRACKET);
    if (this.skipSpace() === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    for (;;) {
      element();
      const next = this.skipSpace();
      this.pos++;
      if (next === CLOSE_BRACKET) return;
      if (next !== COMMA) throw NOT_PLAIN;
    }
  }

  /** Which of FIELDS the last string is (told apart by length and first byte, then checked). */
  private field(): number {
    const length = this.strEnd - this.strStart;
    const first = this.bytes[this.strStart];
    let f = -1;
    if (length === 2) f = ID;
    else if (length === 4) f = SEED;
    else if (length === 7)
      f = first === 0x63 ? CHOICES : SCHOOLS; // c
    else if (length === 8)
      f = first === 0x63 ? CAPACITY : first === 0x70 ? PRIORITY : STUDENTS; // c, p
    else if (length === 12) f = SIBLING_GROUP;
    const name = FIELDS[f];
    if (!name || name.length !== length) throw NOT_PLAIN;
    for (let k = 0; k < length; k++) if (name[k] !== this.bytes[this.strStart + k]) throw NOT_PLAIN;
    return f;
  }

  /** Skips JSON whitespace; the next byte, not consumed (-1 at the end). */
  private skipSpace(): number {
    const p = space(this.bytes, this.pos);
    this.pos = p;
    return p < this.bytes.length ? this.bytes[p]! : -1;
  }

  private expect(byte: number): void {
    if (this.skipSpace() !== byte) throw NOT_PLAIN;
    this.pos++;
  }

  /** A string without escapes, valid UTF-8: its bounds, hash and UTF-16 length go to str*. */
  private string(): void {
    if (this.skipSpace() !== QUOTE) throw NOT_PLAIN;
    const bytes = this.bytes;
    const start = this.pos + 1;
    let p = start;
    let hash = 0x811c9dc5 | 0;
    let ascii = true;
    for (;;) {
      if (p >= bytes.length) throw NOT_PLAIN;
      const b = bytes[p]!;
      if (b === QUOTE) break;
      if (b === BACKSLASH || b < 0x20) throw NOT_PLAIN;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, 0x01000193);
      p++;
    }
    this.strStart = start;
    this.strEnd = p;
    this.strHash = hash;
    this.strUnits = ascii ? p - start : utf16Length(bytes, start, p);
    this.pos = p + 1;
  }

  /** A string that is a valid id: 1 to 128 UTF-16 units. */
  private id(): void {
    this.string();
    if (this.strUnits < 1 || this.strUnits > MAX_ID_LENGTH) throw NOT_PLAIN;
  }

  /** A whole number 0..max written without sign, fraction or exponent. */
  private natural(max: number): number {
    const bytes = this.bytes;
    let b = this.skipSpace();
    let p = this.pos;
    if (b < 0x30 || b > 0x39) throw NOT_PLAIN;
    let value = 0;
    let digits = 0;
    while (b >= 0x30 && b <= 0x39) {
      value = value * 10 + (b - 0x30);
      digits++;
      p++;
      b = p < bytes.length ? bytes[p]! : -1;
    }
    // No leading zero (invalid JSON), no fraction or exponent (the general way decides those).
    if ((digits > 1 && bytes[this.pos] === 0x30) || b === 0x2e || b === 0x65 || b === 0x45) throw NOT_PLAIN;
    if (digits > 9 || value > max) throw NOT_PLAIN;
    this.pos = p;
    return value;
  }

  /** The cross-field rules of `checkReferences` (./schema.ts), and the columns. */
  private resolve(): { columns: DrawColumns; byId: Int32Array } {
    const bytes = this.bytes;
    const decoder = new TextDecoder();
    const n = this.idStart.length;
    const schoolCount = this.schoolName.length;
    if (this.seed === undefined || this.schoolCapacity.length !== schoolCount) throw NOT_PLAIN;
    const nameOf = (name: number) =>
      decoder.decode(bytes.subarray(this.names.start.data[name]!, this.names.end.data[name]!));
    const schoolNames = Array.from(this.schoolName.toArray(), nameOf);
    const sorted = Array.from(schoolNames.keys()).sort((x, y) =>
      schoolNames[x]! < schoolNames[y]! ? -1 : schoolNames[x]! > schoolNames[y]! ? 1 : 0,
    );
    const schoolOfName = new Int32Array(this.names.count).fill(-1);
    const capacity = new Int32Array(schoolCount);
    sorted.forEach((j, s) => {
      const name = this.schoolName.data[j]!;
      if (schoolOfName[name] !== -1 || nameOf(name) === '__proto__') throw NOT_PLAIN; // twice, or a name JS objects treat apart
      schoolOfName[name] = s;
      capacity[s] = this.schoolCapacity.data[j]!;
    });

    const choiceStart = this.choiceStart.toArray();
    const choices = choicesOf(
      schoolOfName,
      choiceStart,
      this.choiceName.toArray(),
      this.priorityStart.toArray(),
      this.priorityName.data,
      this.priorityClass.data,
    );
    const group = this.group.toArray();
    checkSiblings(group, this.groupNames.count, choiceStart, choices);

    const columns: DrawColumns = {
      key: hexBytes(this.seed),
      schoolIds: sorted.map((j) => schoolNames[j]!),
      capacity,
      idBytes: bytes,
      idStart: this.idStart.toArray(),
      idEnd: this.idEnd.toArray(),
      plainIds: true,
      choiceStart,
      choices,
      group,
      groups: this.groupNames.count,
    };
    // Ids unique: in id order, equal ids are neighbours.
    const byId = idOrder(columns);
    for (let k = 1; k < n; k++) if (sameId(columns, byId[k - 1]!, byId[k]!)) throw NOT_PLAIN;
    return { columns, byId };
  }
}

/**
 * The choices (school index and class, side by side) from the chosen names. An unknown or
 * repeated school in the choices or the priority keys is not plain: the general way names it.
 * (Each of these checks is its own function with one hot loop, which V8 optimises whole.)
 */
function choicesOf(
  schoolOfName: Int32Array,
  choiceStart: Int32Array,
  choiceName: Int32Array,
  priorityStart: Int32Array,
  priorityName: Int32Array,
  priorityClass: Int32Array,
): Int32Array {
  const schools = schoolOfName.length;
  const choices = new Int32Array(2 * choiceName.length);
  const chosenBy = new Int32Array(schools);
  const listedBy = new Int32Array(schools);
  const listedClass = new Int32Array(schools);
  const n = choiceStart.length - 1;
  for (let i = 0; i < n; i++) {
    for (let e = priorityStart[i]!; e < priorityStart[i + 1]!; e++) {
      const s = schoolOfName[priorityName[e]!]!;
      if (s < 0 || listedBy[s] === i + 1) throw NOT_PLAIN;
      listedBy[s] = i + 1;
      listedClass[s] = priorityClass[e]!;
    }
    for (let c = choiceStart[i]!; c < choiceStart[i + 1]!; c++) {
      const s = schoolOfName[choiceName[c]!]!;
      if (s < 0 || chosenBy[s] === i + 1) throw NOT_PLAIN;
      chosenBy[s] = i + 1;
      choices[2 * c] = s;
      choices[2 * c + 1] = listedBy[s] === i + 1 ? listedClass[s]! : LAST_CLASS;
    }
  }
  return choices;
}

/** Siblings rank the same schools: each member's choices equal its group's first member's. */
function checkSiblings(
  group: Int32Array,
  groups: number,
  choiceStart: Int32Array,
  choices: Int32Array,
): void {
  const firstOf = new Int32Array(groups).fill(-1);
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    if (g < 0) continue;
    const first = firstOf[g]!;
    if (first < 0) {
      firstOf[g] = i;
      continue;
    }
    const length = choiceStart[i + 1]! - choiceStart[i]!;
    if (choiceStart[first + 1]! - choiceStart[first]! !== length) throw NOT_PLAIN;
    for (let k = 0; k < length; k++)
      if (choices[2 * (choiceStart[i]! + k)] !== choices[2 * (choiceStart[first]! + k)]) throw NOT_PLAIN;
  }
}

/** The position of the first non-whitespace byte at or after `p` (the length at the end). */
function space(bytes: Uint8Array, p: number): number {
  while (p < bytes.length) {
    const b = bytes[p]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
    p++;
  }
  return p;
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * The UTF-16 length of valid UTF-8 `bytes[start, end)` (a 4-byte sequence is a surrogate pair);
 * throws NOT_PLAIN on invalid UTF-8, which the general way reads as U+FFFD.
 */
function utf16Length(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let p = start; p < end; ) {
    const b = bytes[p]!;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      p++;
      units++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [extra, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [extra, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [extra, min] = [3, 0x10000];
    else throw NOT_PLAIN;
    if (p + extra >= end) throw NOT_PLAIN;
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const c = bytes[p + k]!;
      if ((c & 0xc0) !== 0x80) throw NOT_PLAIN;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw NOT_PLAIN;
    units += code > 0xffff ? 2 : 1;
    p += extra + 1;
  }
  return units;
}
