import { type DrawColumns, LAST_CLASS, packedFor, setSlot, slotSchool } from './columns.ts';
import { idOrder, sameId } from './result-json.ts';
import { MAX_PRIORITY_CLASS } from './schema.ts';

/**
 * Reads an instance file (JSON, UTF-8) straight into columns, checking on the way everything
 * `parseInstance` checks. It takes the plain form a draw's instance is written in — the fields of
 * the fixed interface and no others, `schools` before `students`, strings without escapes, whole
 * numbers without sign, fraction or exponent, no key twice — and returns undefined for anything
 * else, valid or not: the caller then parses the file with JSON.parse and `parseInstance` (which
 * names any problem). So what this reader accepts is drawn exactly as
 * `runDraw(parseInstance(JSON.parse(text)))` would draw it, and what it does not accept is drawn
 * (or refused) the general way.
 *
 * Why: at a million children the general way spends most of its time and memory making and
 * collecting a million objects and ten million strings. Here the file streams through one reused
 * buffer (`source` a function filling it, e.g. from a file descriptor; or all the bytes at once),
 * ids are copied out as bytes, and each chosen school's name becomes its index as it is read. Fresh
 * memory is expensive (each new page is a fault: in a VM, reading a 120 MB file whole costs ten
 * times what reading it through a 1 MB buffer does), so only the columns themselves are new.
 */
export function readInstanceJson(
  source: ByteSource,
  /** The file's size in bytes when known (sizes the columns; the bytes' length by default). */
  sizeHint?: number,
  /**
   * Given each batch of ids as soon as it is read (and the seed is known), e.g. to compute their
   * lottery numbers on another thread meanwhile: `bytes[offsets[k] - offsets[0] ..]` is the UTF-8
   * of child `first + k`. Views into the reader's memory: copy what is kept.
   */
  onIds?: IdBatches,
): InstanceColumns | undefined {
  try {
    return new InstanceReader(source, sizeHint, onIds).read();
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}

/** All the bytes, or a function that fills `into` from its start and returns how many (0 at the end). */
export type ByteSource = Uint8Array | ((into: Uint8Array) => number);

export type IdBatches = (key: Uint8Array, bytes: Uint8Array, offsets: Int32Array, first: number) => void;

/** An instance file's columns, and its children in id order (computed to check the ids are unique). */
export interface InstanceColumns {
  columns: DrawColumns;
  byId: Int32Array;
}

/** Children per batch of ids given to `onIds`. */
const ID_BATCH = 1 << 16;

/** Thrown (one preallocated value) as soon as the file leaves the plain form or breaks a rule. */
const NOT_PLAIN = new Error('not a plain instance file');
/** Thrown when a step reaches the end of the buffer before the end of the file: read more, run it again. */
const NEED_MORE = new Error('more bytes needed');

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
const CHUNK = 1 << 20;

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
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }
  grow(needed: number): void {
    const grown = new Int32Array(Math.max(needed, this.data.length * 2));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

/** A growable list of bytes. */
class ByteList {
  data: Uint8Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Uint8Array(Math.max(64, capacity));
  }
  append(from: Uint8Array, start: number, end: number): void {
    if (this.length + end - start > this.data.length) {
      const grown = new Uint8Array(Math.max(this.length + end - start, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    for (let k = start; k < end; k++) this.data[this.length++] = from[k]!;
  }
}

/** Distinct strings (school names, sibling groups) numbered 0, 1, … in order of first sight; own copies of their bytes. */
class Interner {
  private slots = new Int32Array(1024);
  readonly bytes = new ByteList(4096);
  /** Entry e's bytes are `bytes.data[start[e], start[e + 1])`. */
  readonly start = new IntList(256);
  private readonly hashes = new IntList(256);
  count = 0;

  constructor() {
    this.start.push(0);
  }

  /** The number of `from[start, end)` (FNV-1a hash `hash`), or -1. */
  find(from: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return -1;
      if (this.hashes.data[entry] === hash && this.equal(entry, from, start, end)) return entry;
    }
  }

  /** The number of `from[start, end)`, added when new. */
  intern(from: Uint8Array, start: number, end: number, hash: number): number {
    const found = this.find(from, start, end, hash);
    if (found >= 0) return found;
    const entry = this.count++;
    this.bytes.append(from, start, end);
    this.start.push(this.bytes.length);
    this.hashes.push(hash);
    // The table is kept at most half full: past that, twice the size and every entry placed again.
    if (this.count * 2 <= this.slots.length) this.place(entry);
    else {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let e = 0; e < this.count; e++) this.place(e);
    }
    return entry;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes.data[entry]! & mask;
    while (this.slots[slot]) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private equal(entry: number, from: Uint8Array, start: number, end: number): boolean {
    const at = this.start.data[entry]!;
    if (this.start.data[entry + 1]! - at !== end - start) return false;
    const own = this.bytes.data;
    for (let k = 0; k < end - start; k++) if (own[at + k] !== from[start + k]) return false;
    return true;
  }

  text(entry: number): string {
    return new TextDecoder().decode(
      this.bytes.data.subarray(this.start.data[entry]!, this.start.data[entry + 1]!),
    );
  }
}

class InstanceReader {
  private buf: Uint8Array;
  private end: number;
  private eof: boolean;
  private pos = 0;
  private readonly pull: ((into: Uint8Array) => number) | undefined;

  /** The last string read: `buf[strStart, strEnd)`, its FNV-1a hash and its length in UTF-16 units. */
  private strStart = 0;
  private strEnd = 0;
  private strHash = 0;
  private strUnits = 0;

  private seed: string | undefined;
  private readonly schoolNames = new Interner();
  private readonly schoolCapacity = new IntList(64);
  /** Name number → school index (in id order), once the schools are read. */
  private schoolOfName: Int32Array | undefined;
  private readonly groupNames = new Interner();
  private firstOfGroup = new IntList(64);

  // The columns, growing: child i's id is idBytes[idStart[i], idStart[i + 1]).
  private readonly idBytes: ByteList;
  private readonly idStart: IntList;
  private readonly choiceStart: IntList;
  /** The slots (./columns.ts): one int each (packed) or two; `packed` is known once the schools are. */
  private readonly choices: IntList;
  private packed = false;
  private readonly group: IntList;

  // Per-child marks (valid while equal to `stamp`, new for each attempt at a child): no Map per child.
  private stamp = 0;
  private chosenBy = new Int32Array(0);
  private listedBy = new Int32Array(0);
  private listedClass = new Int32Array(0);

  /** Children already given to `onIds`, and the seed's bytes once read. */
  private given = 0;
  private key: Uint8Array | undefined;

  constructor(
    source: ByteSource,
    sizeHint?: number,
    private readonly onIds?: IdBatches,
  ) {
    if (source instanceof Uint8Array) {
      [this.buf, this.end, this.eof] = [source, source.length, true];
    } else {
      [this.buf, this.end, this.eof] = [new Uint8Array(CHUNK), 0, false];
      this.pull = source;
    }
    // Sized for the file (a child takes at least 24 bytes, a choice 4): pages never written are
    // never touched, and the lists rarely grow.
    const size = sizeHint ?? (source instanceof Uint8Array ? source.length : CHUNK);
    const students = Math.ceil(size / 24);
    this.idBytes = new ByteList(size);
    this.idStart = new IntList(students + 1);
    this.idStart.push(0);
    this.choiceStart = new IntList(students + 1);
    this.choiceStart.push(0);
    this.choices = new IntList(Math.ceil(size / 4));
    this.group = new IntList(students);
  }

  read(): InstanceColumns {
    this.step(this.expect, OPEN_BRACE);
    let seen = 0;
    if (this.step(this.peek) === CLOSE_BRACE) throw NOT_PLAIN;
    for (;;) {
      const field = this.step(() => {
        this.string();
        const f = this.field();
        this.expect(COLON);
        if (f === SEED) this.readSeed();
        else if (f === SCHOOLS || f === STUDENTS) this.expect(OPEN_BRACKET);
        else throw NOT_PLAIN;
        return f;
      });
      if (seen & (1 << field)) throw NOT_PLAIN;
      seen |= 1 << field;
      if (field === SCHOOLS) {
        this.elements(SCHOOLS);
        this.schoolsRead();
      } else if (field === STUDENTS) {
        if (!this.schoolOfName) throw NOT_PLAIN; // students before schools: the general way
        this.elements(STUDENTS);
      }
      if (!this.step(this.after, CLOSE_BRACE)) break;
    }
    if (seen !== 0b111 || this.step(this.peek) !== -1) throw NOT_PLAIN;
    this.giveIds(0);
    return this.resolve();
  }

  /**
   * Runs one step of the reading; when it runs out of buffered bytes before the end of the file,
   * undoes what it added, keeps the bytes from where it began, reads more, and runs it again.
   */
  private step<T>(run: (this: InstanceReader, arg: number) => T, arg = 0): T {
    for (;;) {
      const mark = this.pos;
      const ids = this.idBytes.length;
      const children = this.idStart.length;
      const choiceStarts = this.choiceStart.length;
      const choices = this.choices.length;
      const groups = this.group.length;
      const schools = this.schoolCapacity.length;
      try {
        return run.call(this, arg);
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        this.idBytes.length = ids;
        this.idStart.length = children;
        this.choiceStart.length = choiceStarts;
        this.choices.length = choices;
        this.group.length = groups;
        this.schoolCapacity.length = schools;
        this.refill(mark);
      }
    }
  }

  /** Moves `buf[mark, end)` to the start (a bigger buffer if it is all of it) and reads more after it. */
  private refill(mark: number): void {
    const rest = this.end - mark;
    if (rest === this.buf.length) {
      const grown = new Uint8Array(this.buf.length * 2);
      grown.set(this.buf);
      this.buf = grown;
    } else this.buf.copyWithin(0, mark, this.end);
    this.end = rest;
    this.pos = 0;
    const read = this.pull!(this.buf.subarray(rest));
    if (read > 0) this.end += read;
    else this.eof = true;
  }

  /** Out of buffered bytes: the file is cut short, or there are more to read. */
  private short(): never {
    throw this.eof ? NOT_PLAIN : NEED_MORE;
  }

  /** The elements of an array after its `[`, each a step of its own (a child or a school). */
  private elements(kind: number): void {
    if (this.step(this.peek) === CLOSE_BRACKET) {
      this.pos++;
      return;
    }
    while (this.step(this.element, kind)) if (kind === STUDENTS) this.giveIds(ID_BATCH);
  }

  /** Gives `onIds` the children read since the last batch, when there are at least `least`. */
  private giveIds(least: number): void {
    const children = this.idStart.length - 1;
    if (!this.onIds || this.seed === undefined || children - this.given < Math.max(1, least)) return;
    this.key ??= hexBytes(this.seed);
    const offsets = this.idStart.data.subarray(this.given, children + 1);
    this.onIds(
      this.key,
      this.idBytes.data.subarray(offsets[0]!, offsets[offsets.length - 1]!),
      offsets,
      this.given,
    );
    this.given = children;
  }

  /** One element and what follows it: true after a comma, false after the `]`. */
  private element(kind: number): boolean {
    if (kind === SCHOOLS) this.readSchool();
    else this.readStudent();
    return this.after(CLOSE_BRACKET);
  }

  private readSeed(): void {
    this.string();
    const length = this.strEnd - this.strStart;
    if (length < 32 || length % 2) throw NOT_PLAIN;
    for (let k = this.strStart; k < this.strEnd; k++) {
      const b = this.buf[k]!;
      if (!((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)))
        throw NOT_PLAIN;
    }
    this.seed = new TextDecoder().decode(this.buf.subarray(this.strStart, this.strEnd));
  }

  private readSchool(): void {
    this.expect(OPEN_BRACE);
    let seen = 0;
    let name = -1;
    let capacity = -1;
    do {
      this.string();
      const field = this.field();
      this.expect(COLON);
      if (seen & (1 << field)) throw NOT_PLAIN;
      seen |= 1 << field;
      if (field === ID) {
        this.id();
        // Name e is school e's (only schools add names): an earlier number is a duplicate id.
        name = this.schoolNames.intern(this.buf, this.strStart, this.strEnd, this.strHash);
        if (name !== this.schoolCapacity.length) throw NOT_PLAIN;
      } else if (field === CAPACITY) capacity = this.natural(MAX_CAPACITY);
      else throw NOT_PLAIN;
    } while (this.after(CLOSE_BRACE));
    if (name < 0 || capacity < 0) throw NOT_PLAIN;
    this.schoolCapacity.push(capacity);
  }

  /** After the schools: their index in id order (UTF-16 code units, as the engine numbers them). */
  private schoolsRead(): void {
    const names = this.schoolNames;
    const text = Array.from({ length: names.count }, (_, e) => names.text(e));
    if (text.includes('__proto__')) throw NOT_PLAIN; // a name JavaScript objects treat apart
    const sorted = Array.from(text.keys()).sort((x, y) => (text[x]! < text[y]! ? -1 : 1));
    this.schoolOfName = new Int32Array(names.count);
    this.packed = packedFor(names.count);
    sorted.forEach((e, s) => {
      this.schoolOfName![e] = s;
    });
    this.chosenBy = new Int32Array(names.count);
    this.listedBy = new Int32Array(names.count);
    this.listedClass = new Int32Array(names.count);
  }

  /**
   * One child, with the rules about it: its choices and priority keys are known schools, none
   * twice; its siblings (the first of its group so far) rank the same schools.
   */
  private readStudent(): void {
    const child = this.idStart.length - 1;
    const stamp = ++this.stamp;
    let seen = 0;
    let group = -1;
    this.expect(OPEN_BRACE);
    do {
      this.string();
      const field = this.field();
      this.expect(COLON);
      if (seen & (1 << field)) throw NOT_PLAIN;
      seen |= 1 << field;
      if (field === ID) {
        this.id();
        this.idBytes.append(this.buf, this.strStart, this.strEnd);
      } else if (field === CHOICES) this.readChoices(stamp);
      else if (field === PRIORITY) {
        this.expect(OPEN_BRACE);
        if (this.peek() === CLOSE_BRACE) this.pos++;
        else
          do {
            this.string();
            const s = this.schoolOf();
            this.expect(COLON);
            if (this.listedBy[s] === stamp) throw NOT_PLAIN; // a key twice
            this.listedBy[s] = stamp;
            this.listedClass[s] = this.natural(MAX_PRIORITY_CLASS);
          } while (this.after(CLOSE_BRACE));
      } else if (field === SIBLING_GROUP) {
        this.id();
        group = this.groupNames.intern(this.buf, this.strStart, this.strEnd, this.strHash);
      } else throw NOT_PLAIN;
    } while (this.after(CLOSE_BRACE));
    if (!(seen & (1 << ID)) || !(seen & (1 << CHOICES))) throw NOT_PLAIN;

    // Classes, now that the whole child is read (priority may follow choices).
    const { packed } = this;
    const slots = this.slots();
    const choices = this.choices.data;
    for (let c = this.choiceStart.data[child]!; c < slots; c++) {
      const s = slotSchool(choices, packed, c);
      setSlot(choices, packed, c, s, this.listedBy[s] === stamp ? this.listedClass[s]! : LAST_CLASS);
    }
    if (group >= 0) this.checkSibling(child, group);
    this.idStart.push(this.idBytes.length);
    this.choiceStart.push(slots);
    this.group.push(group);
  }

  /** Slots written so far (the current child's included). */
  private slots(): number {
    return this.packed ? this.choices.length : this.choices.length >> 1;
  }

  /** The child's choices (its slots so far) are those of its group's first member. */
  private checkSibling(child: number, group: number): void {
    while (this.firstOfGroup.length <= group) this.firstOfGroup.push(-1);
    const first = this.firstOfGroup.data[group]!;
    if (first < 0 || first === child) {
      this.firstOfGroup.data[group] = child;
      return;
    }
    const { packed } = this;
    const choices = this.choices.data;
    const from = this.choiceStart.data[first]!;
    const own = this.choiceStart.data[child]!;
    const length = this.choiceStart.data[first + 1]! - from;
    if (this.slots() - own !== length) throw NOT_PLAIN;
    for (let k = 0; k < length; k++)
      if (slotSchool(choices, packed, from + k) !== slotSchool(choices, packed, own + k)) throw NOT_PLAIN;
  }

  /** The school index of the last string, a known school's name (else not plain). */
  private schoolOf(): number {
    const name = this.schoolNames.find(this.buf, this.strStart, this.strEnd, this.strHash);
    if (name < 0) throw NOT_PLAIN;
    return this.schoolOfName![name]!;
  }

  /**
   * A child's choices, `[` to `]`: ten million names in a million-child file, so this loop keeps
   * its state in locals and reads each name in one pass (bounds, checks, hash), then looks it up.
   */
  private readChoices(stamp: number): void {
    this.expect(OPEN_BRACKET);
    const buf = this.buf;
    const end = this.end;
    const names = this.schoolNames;
    const schoolOfName = this.schoolOfName!;
    const chosenBy = this.chosenBy;
    const list = this.choices;
    const step = this.packed ? 1 : 2;
    let p = this.space(this.pos);
    if (buf[p] === CLOSE_BRACKET) {
      this.pos = p + 1;
      return;
    }
    for (;;) {
      if (buf[p] !== QUOTE) throw NOT_PLAIN;
      const start = ++p;
      let hash = 0x811c9dc5 | 0;
      for (;;) {
        if (p >= end) this.short();
        const c = buf[p]!;
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
      const name = names.find(buf, start, p, hash);
      if (name < 0) throw NOT_PLAIN; // not a school
      const s = schoolOfName[name]!;
      if (chosenBy[s] === stamp) throw NOT_PLAIN; // chosen twice
      chosenBy[s] = stamp;
      // The school now, its class once the child is read (setSlot).
      if (list.length + 2 > list.data.length) list.grow(list.length + 2);
      list.data[list.length] = s;
      list.length += step;
      p = this.space(p + 1);
      if (buf[p] === CLOSE_BRACKET) {
        this.pos = p + 1;
        return;
      }
      if (buf[p] !== COMMA) throw NOT_PLAIN;
      p = this.space(p + 1);
    }
  }

  /** After a value: true past a comma (another follows), false past `close`; anything else is not plain. */
  private after(close: number): boolean {
    const next = this.peek();
    this.pos++;
    if (next === COMMA) return true;
    if (next === close) return false;
    throw NOT_PLAIN;
  }

  /** Which of FIELDS the last string is (told apart by length and first byte, then checked). */
  private field(): number {
    const length = this.strEnd - this.strStart;
    const first = this.buf[this.strStart];
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
    for (let k = 0; k < length; k++) if (name[k] !== this.buf[this.strStart + k]) throw NOT_PLAIN;
    return f;
  }

  /** The first non-whitespace position at or after `p`; the bytes must not run out there. */
  private space(p: number): number {
    const buf = this.buf;
    const end = this.end;
    for (;;) {
      if (p >= end) this.short();
      const b = buf[p]!;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return p;
      p++;
    }
  }

  /** The next non-whitespace byte, not consumed; -1 at the end of the file. */
  private peek(): number {
    const buf = this.buf;
    let p = this.pos;
    for (;;) {
      if (p >= this.end) {
        if (!this.eof) throw NEED_MORE;
        this.pos = p;
        return -1;
      }
      const b = buf[p]!;
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
      p++;
    }
    this.pos = p;
    return buf[p]!;
  }

  private expect(byte: number): void {
    if (this.peek() !== byte) throw NOT_PLAIN;
    this.pos++;
  }

  /** A string without escapes, valid UTF-8: its bounds, hash and UTF-16 length go to str*. */
  private string(): void {
    if (this.peek() !== QUOTE) throw NOT_PLAIN;
    const buf = this.buf;
    const start = this.pos + 1;
    let p = start;
    let hash = 0x811c9dc5 | 0;
    let ascii = true;
    for (;;) {
      if (p >= this.end) this.short();
      const b = buf[p]!;
      if (b === QUOTE) break;
      if (b === BACKSLASH || b < 0x20) throw NOT_PLAIN;
      if (b >= 0x80) ascii = false;
      hash = Math.imul(hash ^ b, 0x01000193);
      p++;
    }
    this.strStart = start;
    this.strEnd = p;
    this.strHash = hash;
    this.strUnits = ascii ? p - start : utf16Length(buf, start, p);
    this.pos = p + 1;
  }

  /** A string that is a valid id: 1 to 128 UTF-16 units. */
  private id(): void {
    this.string();
    if (this.strUnits < 1 || this.strUnits > MAX_ID_LENGTH) throw NOT_PLAIN;
  }

  /** A whole number 0..max written without sign, fraction or exponent. */
  private natural(max: number): number {
    const buf = this.buf;
    const start = this.space(this.pos);
    let p = start;
    let value = 0;
    for (;;) {
      if (p >= this.end) this.short();
      const b = buf[p]!;
      if (b < 0x30 || b > 0x39) break;
      value = value * 10 + (b - 0x30);
      if (++p - start > 9) throw NOT_PLAIN;
    }
    const next = buf[p];
    // Digits; no leading zero (invalid JSON), no fraction or exponent (the general way decides those).
    if (
      p === start ||
      (p - start > 1 && buf[start] === 0x30) ||
      next === 0x2e ||
      next === 0x65 ||
      next === 0x45
    )
      throw NOT_PLAIN;
    if (value > max) throw NOT_PLAIN;
    this.pos = p;
    return value;
  }

  /** The columns; ids must be unique (in id order, equal ids are neighbours). */
  private resolve(): InstanceColumns {
    const n = this.idStart.length - 1;
    const names = this.schoolNames;
    const text = Array.from({ length: names.count }, (_, e) => names.text(e));
    const schoolIds: string[] = new Array(names.count);
    const capacity = new Int32Array(names.count);
    for (let e = 0; e < names.count; e++) {
      schoolIds[this.schoolOfName![e]!] = text[e]!;
      capacity[this.schoolOfName![e]!] = this.schoolCapacity.data[e]!;
    }
    const offsets = this.idStart.data.subarray(0, n + 1);
    const columns: DrawColumns = {
      key: this.key ?? hexBytes(this.seed!),
      schoolIds,
      capacity,
      idBytes: this.idBytes.data.subarray(0, this.idBytes.length),
      idStart: offsets.subarray(0, n),
      idEnd: offsets.subarray(1),
      plainIds: true,
      choiceStart: this.choiceStart.data.subarray(0, n + 1),
      choices: this.choices.data.subarray(0, this.choices.length),
      packed: this.packed,
      group: this.group.data.subarray(0, n),
      groups: this.groupNames.count,
    };
    const byId = idOrder(columns);
    for (let k = 1; k < n; k++) if (sameId(columns, byId[k - 1]!, byId[k]!)) throw NOT_PLAIN;
    return { columns, byId };
  }
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
    if (b < 0x80) {
      p++;
      units++;
      continue;
    }
    let extra: number;
    let min: number;
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
