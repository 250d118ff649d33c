import { sha256Hex } from '../../hash/index.ts';
import { canonicalJson } from '../canonical.ts';
import type { LotteryInstance, LotteryResult, Mechanism } from '../types.ts';
import { deferredAcceptance } from './deferred-acceptance.ts';
import { immediateAcceptance } from './immediate-acceptance.ts';
import { type Prepared, prepare } from './prepare.ts';

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

export function toResult(p: Prepared, mechanism: Mechanism, placed: Int32Array): LotteryResult {
  const schoolOf: (string | null)[] = new Array(p.ids.length).fill(null);
  for (let a = 0; a < p.applicants; a++) {
    if (placed[a]! < 0) continue;
    for (let m = p.memberStart[a]!; m < p.memberStart[a + 1]!; m++)
      schoolOf[p.members[m]!] = p.schoolIds[placed[a]!]!;
  }
  // Keys inserted in id order (JavaScript still lists integer-like keys first; the hash is canonical).
  const byId = Int32Array.from(p.ids.keys()).sort((x, y) => (p.ids[x]! < p.ids[y]! ? -1 : 1));
  const assignments: Record<string, string | null> = {};
  for (const i of byId) {
    const id = p.ids[i]!;
    // defineProperty only where needed: a child id "__proto__" stays an ordinary key.
    if (id === '__proto__')
      Object.defineProperty(assignments, id, {
        value: schoolOf[i]!,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else assignments[id] = schoolOf[i]!;
  }
  // The canonical JSON straight from the sorted ids (the same string canonicalJson would sort to).
  const parts = Array.from(byId, (i) => `${JSON.stringify(p.ids[i])}:${JSON.stringify(schoolOf[i])}`);
  return { mechanism, assignments, resultHash: sha256Hex(`{${parts.join(',')}}`) };
}
