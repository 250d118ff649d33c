import { Sha256, toHex } from '../hash/index.ts';
import { childCount, type DrawColumns } from './columns.ts';
import type { Prepared } from './prepare.ts';
import type { Mechanism } from './types.ts';

/**
 * The result's JSON written straight from the id bytes, for columns with `plainIds` (each id's
 * JSON is `"` + its UTF-8 + `"`): the canonical assignments (RFC 8785, keys in UTF-16 order) are
 * hashed as they are written, and the CLI's result file is exactly `JSON.stringify(result, null, 2)`
 * — no million-key object, no million strings.
 */

/** The school index of each child (input order), -1 for none, from the placements per applicant. */
export function schoolPerChild(p: Prepared, placed: Int32Array, children: number): Int32Array {
  const schoolOf = new Int32Array(children).fill(-1);
  for (let a = 0; a < p.applicants; a++)
    if (placed[a]! >= 0)
      for (let m = p.memberStart[a]!; m < p.memberStart[a + 1]!; m++) schoolOf[p.members[m]!] = placed[a]!;
  return schoolOf;
}

/**
 * UTF-8 bytes ranked so that byte order is UTF-16 code-unit order (JavaScript's `<`, RFC 8785):
 * characters above U+FFFF (lead bytes F0–F4, surrogate pairs in UTF-16) sort before U+E000–U+FFFF
 * (lead bytes EE–EF). Continuation bytes (80–BF) keep their value; UTF-8 being self-synchronising,
 * two ids first differ at the same kind of byte.
 */
const RANK = Uint8Array.from({ length: 256 }, (_, b) =>
  b === 0xee || b === 0xef ? b + 5 : b >= 0xf0 && b <= 0xf4 ? b - 2 : b,
);

/**
 * The children in id order (UTF-16 code units): input order when the ids already stand in order
 * (a frozen pool is sorted by id; one pass checks it), else a three-way radix quicksort of the
 * id bytes.
 */
export function idOrder(columns: DrawColumns): Int32Array {
  const { idBytes: bytes, idStart: start, idEnd: end } = columns;
  const n = childCount(columns);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (inIdOrder(columns)) return order;
  // Byte d of child i, ranked; -1 past its end (a prefix sorts first).
  const at = (i: number, d: number) => (start[i]! + d < end[i]! ? RANK[bytes[start[i]! + d]!]! : -1);
  const stack = [0, n, 0];
  while (stack.length) {
    const d = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo < 12) {
      for (let k = lo + 1; k < hi; k++)
        for (let j = k; j > lo && compareFrom(order[j - 1]!, order[j]!, d, at) > 0; j--) {
          const t = order[j]!;
          order[j] = order[j - 1]!;
          order[j - 1] = t;
        }
      continue;
    }
    const x = at(order[lo]!, d);
    const y = at(order[(lo + hi) >> 1]!, d);
    const z = at(order[hi - 1]!, d);
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z)); // the median of three
    let lt = lo;
    let gt = hi - 1;
    let k = lo;
    while (k <= gt) {
      const v = at(order[k]!, d);
      if (v < pivot) {
        const t = order[k]!;
        order[k++] = order[lt]!;
        order[lt++] = t;
      } else if (v > pivot) {
        const t = order[k]!;
        order[k] = order[gt]!;
        order[gt--] = t;
      } else k++;
    }
    stack.push(lo, lt, d, gt + 1, hi, d);
    if (pivot >= 0) stack.push(lt, gt + 1, d + 1);
  }
  return order;
}

function inIdOrder({ idBytes: bytes, idStart: start, idEnd: end }: DrawColumns): boolean {
  for (let i = 1; i < start.length; i++) {
    const x = start[i - 1]!;
    const y = start[i]!;
    const xLength = end[i - 1]! - x;
    const yLength = end[i]! - y;
    let k = 0;
    while (k < xLength && k < yLength && bytes[x + k] === bytes[y + k]) k++;
    if (k === yLength) {
      if (k < xLength) return false; // y is a proper prefix of x
    } else if (k < xLength && RANK[bytes[x + k]!]! > RANK[bytes[y + k]!]!) return false;
  }
  return true;
}

function compareFrom(x: number, y: number, d: number, at: (i: number, d: number) => number): number {
  for (; ; d++) {
    const a = at(x, d);
    const b = at(y, d);
    if (a !== b) return a - b;
    if (a < 0) return 0;
  }
}

/** Whether children x and y have the same id bytes. */
export function sameId(columns: DrawColumns, x: number, y: number): boolean {
  const { idBytes: bytes, idStart: start, idEnd: end } = columns;
  const length = end[x]! - start[x]!;
  if (end[y]! - start[y]! !== length) return false;
  for (let k = 0; k < length; k++) if (bytes[start[x]! + k] !== bytes[start[y]! + k]) return false;
  return true;
}

const encoder = new TextEncoder();
const QUOTE = 0x22;

/** Copies `from[start, end)` into `to` at `at`, returns the end (a loop: ids are a few bytes). */
function copy(from: Uint8Array, start: number, end: number, to: Uint8Array, at: number): number {
  for (let k = start; k < end; k++) to[at++] = from[k]!;
  return at;
}

/** `resultHash`: SHA-256 hex of `{"id":"school"|null,…}` in id order, hashed in 64 KiB pieces. */
export function canonicalHash(columns: DrawColumns, byId: Int32Array, schoolOf: Int32Array): string {
  const { idBytes, idStart, idEnd } = columns;
  const schools = columns.schoolIds.map((id) => encoder.encode(JSON.stringify(id)));
  const nullBytes = encoder.encode('null');
  const hash = new Sha256();
  const piece = new Uint8Array(1 << 16);
  let at = 0;
  piece[at++] = 0x7b; // {
  for (let k = 0; k < byId.length; k++) {
    const i = byId[k]!;
    const value = schoolOf[i]! < 0 ? nullBytes : schools[schoolOf[i]!]!;
    const length = idEnd[i]! - idStart[i]! + value.length + 4;
    if (at + length > piece.length) {
      hash.update(piece.subarray(0, at));
      at = 0;
    }
    if (k) piece[at++] = 0x2c; // ,
    piece[at++] = QUOTE;
    at = copy(idBytes, idStart[i]!, idEnd[i]!, piece, at);
    piece[at++] = QUOTE;
    piece[at++] = 0x3a; // :
    at = copy(value, 0, value.length, piece, at);
  }
  piece[at++] = 0x7d; // }
  return toHex(hash.update(piece.subarray(0, at)).digest());
}

/**
 * Whether child i's id is an array index ("0", or no leading zero and at most 4294967294): such
 * keys come first in a JavaScript object, in numeric order, and so in `JSON.stringify`.
 */
function isArrayIndex(columns: DrawColumns, i: number): boolean {
  const from = columns.idStart[i]!;
  const length = columns.idEnd[i]! - from;
  if (length < 1 || length > 10) return false;
  const bytes = columns.idBytes;
  if (bytes[from] === 0x30) return length === 1;
  let value = 0;
  for (let k = 0; k < length; k++) {
    const b = bytes[from + k]!;
    if (b < 0x30 || b > 0x39) return false;
    value = value * 10 + (b - 0x30);
  }
  return value <= 4294967294;
}

/**
 * Writes the bytes of `JSON.stringify({mechanism, assignments, resultHash}, null, 2) + '\n'`,
 * where `assignments` has its keys inserted in id order (as `runDraw` builds it): array-index ids
 * first, in numeric order, then the others in id order. `write` gets the bytes in pieces of up
 * to 64 KiB, in one reused buffer: it must use (or copy) each piece before it returns.
 */
export function writeResultFile(
  columns: DrawColumns,
  byId: Int32Array,
  schoolOf: Int32Array,
  mechanism: Mechanism,
  resultHash: string,
  write: (piece: Uint8Array) => void,
): void {
  const { idBytes, idStart, idEnd } = columns;
  const schools = columns.schoolIds.map((id) => encoder.encode(JSON.stringify(id)));
  const nullBytes = encoder.encode('null');
  const indexIds: number[] = [];
  for (let k = 0; k < byId.length; k++) if (isArrayIndex(columns, byId[k]!)) indexIds.push(byId[k]!);
  const numeric = (i: number) => Number(new TextDecoder().decode(idBytes.subarray(idStart[i]!, idEnd[i]!)));
  indexIds.sort((x, y) => numeric(x) - numeric(y));
  const out = new Uint8Array(1 << 16);
  let at = 0;
  /** Room for `length` more bytes: the piece so far is written out first when it lacks it. */
  const room = (length: number) => {
    if (at + length <= out.length) return;
    write(out.subarray(0, at));
    at = 0;
  };
  const text = (s: string) => {
    const bytes = encoder.encode(s);
    room(bytes.length);
    at = copy(bytes, 0, bytes.length, out, at);
  };
  const firstOpen = encoder.encode('\n    "');
  const open = encoder.encode(',\n    "');
  const colon = encoder.encode('": ');
  text(`{\n  "mechanism": ${JSON.stringify(mechanism)},\n  "assignments": {`);
  let first = true;
  const entry = (i: number) => {
    const before = first ? firstOpen : open;
    const value = schoolOf[i]! < 0 ? nullBytes : schools[schoolOf[i]!]!;
    room(before.length + idEnd[i]! - idStart[i]! + colon.length + value.length);
    first = false;
    at = copy(before, 0, before.length, out, at);
    at = copy(idBytes, idStart[i]!, idEnd[i]!, out, at);
    at = copy(colon, 0, colon.length, out, at);
    at = copy(value, 0, value.length, out, at);
  };
  for (const i of indexIds) entry(i);
  for (let k = 0; k < byId.length; k++)
    if (!indexIds.length || !isArrayIndex(columns, byId[k]!)) entry(byId[k]!);
  text(first ? '},\n' : '\n  },\n');
  text(`  "resultHash": ${JSON.stringify(resultHash)}\n}\n`);
  write(out.subarray(0, at));
}
