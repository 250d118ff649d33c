import { type Prepared, sizeOf } from './prepare.ts';

/**
 * Immediate acceptance (the Boston mechanism; today's 派位, kept as a legacy mode). Round r: every
 * applicant still unplaced applies to its r-th choice; each school admits, for good, the best
 * applicants of the round by key (class, then lottery number) while seats remain — a sibling group
 * that does not fit is passed over — and rejects the others, who apply to their next choice in
 * round r + 1. A full school rejects everyone, so ranking a popular school second wastes the
 * choice: this mechanism rewards strategic ranking, DA does not. Returns the school per applicant.
 */
export function immediateAcceptance(p: Prepared): Int32Array {
  const assigned = new Int32Array(p.applicants).fill(-1);
  const left = Int32Array.from(p.capacity);
  let open = Int32Array.from({ length: p.applicants }, (_, a) => a);
  for (let round = 0; open.length; round++) {
    const bySchool = new Map<number, number[]>();
    for (const a of open) {
      const c = p.choiceStart[a]! + round;
      if (c >= p.choiceStart[a + 1]!) continue;
      const s = p.choiceSchool[c]!;
      const list = bySchool.get(s);
      if (list) list.push(c);
      else bySchool.set(s, [c]);
    }
    const stillOpen: number[] = [];
    for (const [s, proposals] of bySchool) {
      proposals.sort((x, y) => p.choiceKey[x]! - p.choiceKey[y]!);
      for (const c of proposals) {
        const a = applicantOf(p, c);
        const size = sizeOf(p, a);
        if (size <= left[s]!) {
          left[s]! -= size;
          assigned[a] = s;
        } else stillOpen.push(a);
      }
    }
    open = Int32Array.from(stillOpen);
  }
  return assigned;
}

/** The applicant of a choice slot: the key packs it as `class × (applicants + 1) + applicant`. */
const applicantOf = (p: Prepared, c: number): number => p.choiceKey[c]! % (p.applicants + 1);
