import { slotClass, slotSchool } from './columns.ts';
import type { Prepared } from './prepare.ts';

/**
 * Immediate acceptance (the Boston mechanism; today's 派位, kept as a legacy mode). Round r: every
 * applicant still unplaced applies to its r-th choice; each school admits, for good, the best
 * applicants of the round by key (class, then lottery number) while seats remain — a sibling group
 * that does not fit is passed over — and rejects the others, who apply to their next choice in
 * round r + 1. A full school rejects everyone, so ranking a popular school second wastes the
 * choice: this mechanism rewards strategic ranking, DA does not. Returns the school per applicant.
 *
 * Each round buckets the proposals by school (a counting sort into one Float64Array of keys) and
 * sorts each school's bucket numerically; schools do not interact within a round, so the order in
 * which they are served changes nothing.
 */
export function immediateAcceptance(p: Prepared): Int32Array {
  const { applicants, choiceFrom, choiceTo, choices, packed, memberStart } = p;
  const schools = p.capacity.length;
  const assigned = new Int32Array(applicants).fill(-1);
  const left = Int32Array.from(p.capacity);
  let open = new Int32Array(applicants);
  for (let a = 0; a < applicants; a++) open[a] = a;
  let openCount = applicants;
  const bucketStart = new Int32Array(schools + 1);
  const fill = new Int32Array(schools);
  const keys = new Float64Array(applicants);
  const roundSchool = new Int32Array(applicants);
  const roundKey = new Float64Array(applicants);
  let stillOpen = new Int32Array(applicants);
  const modulus = applicants + 1; // the key packs class × (applicants + 1) + applicant
  for (let round = 0; openCount; round++) {
    // This round's proposals read once (the reads are cache misses at a million children),
    // dropping the applicants with no choice left.
    let proposals = 0;
    for (let k = 0; k < openCount; k++) {
      const a = open[k]!;
      const c = choiceFrom[a]! + round;
      if (c >= choiceTo[a]!) continue;
      roundSchool[proposals] = slotSchool(choices, packed, c);
      roundKey[proposals++] = slotClass(choices, packed, c) * modulus + a;
    }
    bucketStart.fill(0);
    for (let k = 0; k < proposals; k++) bucketStart[roundSchool[k]! + 1]!++;
    for (let s = 0; s < schools; s++) bucketStart[s + 1]! += bucketStart[s]!;
    fill.set(bucketStart.subarray(0, schools));
    for (let k = 0; k < proposals; k++) keys[fill[roundSchool[k]!]!++] = roundKey[k]!;
    let stillCount = 0;
    for (let s = 0; s < schools; s++) {
      const from = bucketStart[s]!;
      const to = bucketStart[s + 1]!;
      if (from === to) continue;
      if (to - from > 1) keys.subarray(from, to).sort();
      for (let k = from; k < to; k++) {
        // key mod (applicants + 1), exactly: class < 2^21, so key / modulus is off class + a / modulus
        // by less than 1 / modulus and floors to the class (Math.floor is cheaper than %).
        const a = keys[k]! - Math.floor(keys[k]! / modulus) * modulus;
        const size = memberStart[a + 1]! - memberStart[a]!;
        if (size <= left[s]!) {
          left[s]! -= size;
          assigned[a] = s;
        } else stillOpen[stillCount++] = a;
      }
    }
    [open, stillOpen] = [stillOpen, open];
    openCount = stillCount;
  }
  return assigned;
}
