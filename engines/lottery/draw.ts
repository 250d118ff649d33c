import { sha256Hex } from '../hash/index.ts';
import { canonicalJson } from './canonical.ts';
import { childCount } from './columns.ts';
import { deferredAcceptance } from './deferred-acceptance.ts';
import { immediateAcceptance } from './immediate-acceptance.ts';
import { type ByteSource, type InstanceColumns, readInstanceJson } from './instance-json.ts';
import { type Prepared, type PreparedInstance, prepare, prepareColumns } from './prepare.ts';
import { canonicalHash, idOrder, schoolPerChild, writeResultFile } from './result-json.ts';
import type { LotteryInstance, LotteryResult, Mechanism } from './types.ts';

/**
 * One draw (摇号): lottery numbers from the seed, then the mechanism. The instance must have passed
 * `parseInstance` (./schema.ts). Pure and deterministic: the same instance gives the same result,
 * whatever the order of its students and schools, in Node and in the browser.
 */
export function runDraw(instance: LotteryInstance, mechanism: Mechanism = 'da'): LotteryResult {
  const prepared = prepare(instance);
  return toResult(prepared, mechanism, placeApplicants(prepared, mechanism));
}

export function placeApplicants(prepared: Prepared, mechanism: Mechanism): Int32Array {
  return mechanism === 'ia' ? immediateAcceptance(prepared) : deferredAcceptance(prepared);
}

/** `resultHash`: SHA-256 hex of the canonical JSON (RFC 8785: keys sorted) of the assignments. */
export function hashAssignments(assignments: Record<string, string | null>): string {
  return sha256Hex(canonicalJson(assignments));
}

export function toResult(p: PreparedInstance, mechanism: Mechanism, placed: Int32Array): LotteryResult {
  const { ids, columns } = p;
  const schoolOf = schoolPerChild(p, placed, ids.length);
  let byId: Int32Array;
  let resultHash: string;
  if (columns.plainIds) {
    // The canonical JSON from the id bytes, in their UTF-16 order (what canonicalJson sorts to).
    byId = idOrder(columns);
    resultHash = canonicalHash(columns, byId, schoolOf);
  } else {
    // Ids that JSON escapes (quotes, control characters, lone surrogates): from the strings.
    byId = Int32Array.from(ids.keys()).sort((x, y) => (ids[x]! < ids[y]! ? -1 : 1));
    const json = (i: number) => JSON.stringify(schoolOf[i]! < 0 ? null : p.schoolIds[schoolOf[i]!]);
    const parts = Array.from(byId, (i) => `${JSON.stringify(ids[i])}:${json(i)}`);
    resultHash = sha256Hex(`{${parts.join(',')}}`);
  }
  // Keys inserted in id order (JavaScript still lists integer-like keys first; the hash is canonical).
  const assignments: Record<string, string | null> = {};
  for (const i of byId) {
    const id = ids[i]!;
    const school = schoolOf[i]! < 0 ? null : p.schoolIds[schoolOf[i]!]!;
    // defineProperty only where needed: a child id "__proto__" stays an ordinary key.
    if (id === '__proto__')
      Object.defineProperty(assignments, id, {
        value: school,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else assignments[id] = school;
  }
  return { mechanism, assignments, resultHash };
}

/** What the CLI reports of a draw of an instance file (the result file itself went to `write`). */
export interface FileDraw {
  resultHash: string;
  students: number;
  placed: number;
}

/**
 * The draw of an instance file, from its bytes to the result file's bytes, for large draws: the
 * instance is read into columns (./instance-json.ts) and the result written from them, with the
 * same lottery numbers, mechanism and bytes as `runDraw`: `write` gets exactly
 * `JSON.stringify(runDraw(instance, mechanism), null, 2) + '\n'`, in pieces of one reused buffer
 * (each to be used before `write` returns). Undefined, before anything is written, when the file
 * is not in the plain form that reader takes or is invalid: the caller then parses it (JSON.parse
 * and `parseInstance`, which names any problem) and calls `runDraw`.
 */
export function drawInstanceJson(
  source: ByteSource,
  mechanism: Mechanism,
  write: (piece: Uint8Array) => void,
  sizeHint?: number,
): FileDraw | undefined {
  const read = readInstanceJson(source, sizeHint);
  return read && drawColumns(read, mechanism, write);
}

/**
 * The draw of an instance file read into columns (`readInstanceJson`), its result file written to
 * `write` as `drawInstanceJson` does. `heads`: the lottery numbers' first 64 bits, when computed
 * elsewhere meanwhile (the CLI computes them on a second thread while the file is read).
 */
export function drawColumns(
  { columns, byId }: InstanceColumns,
  mechanism: Mechanism,
  write: (piece: Uint8Array) => void,
  heads?: Int32Array,
): FileDraw {
  const prepared = prepareColumns(columns, undefined, heads);
  const schoolOf = schoolPerChild(prepared, placeApplicants(prepared, mechanism), childCount(columns));
  const resultHash = canonicalHash(columns, byId, schoolOf);
  writeResultFile(columns, byId, schoolOf, mechanism, resultHash, write);
  let placed = 0;
  for (let i = 0; i < schoolOf.length; i++) if (schoolOf[i]! >= 0) placed++;
  return { resultHash, students: schoolOf.length, placed };
}
