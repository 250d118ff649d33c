import { slotClass, slotSchool } from './columns.ts';
import type { Prepared } from './prepare.ts';

/**
 * Student-proposing deferred acceptance (Gale–Shapley), single tie-breaking: every applicant
 * proposes to its choices in order; a school tentatively holds the best applicants by key (class,
 * then lottery number) that fit its seats and rejects the rest, who propose to their next choice.
 * Nothing is final until nobody is rejected. Without sibling groups the result is the
 * student-optimal stable matching and does not depend on the order of proposals; proposals are
 * still processed in lottery order (a FIFO queue) so that, with groups, the result is one
 * well-defined function of the instance. Returns the school index per applicant, -1 for none.
 *
 * Laid out for the cache (a million applicants' proposals land on random schools): an applicant's
 * state is one record (next slot, last slot, seats), and each school keeps its counters and the
 * key of its worst held applicant side by side, so the usual proposal — to a full school that
 * holds only better applicants — is refused without touching the school's held applicants. Those
 * are the keys (`class × (applicants + 1) + applicant`: the applicant is in the key) in the
 * school's own slice of one flat array, as long as the fewer of its seats and the applicants who
 * chose it. While a school has seats for every proposal they are only appended; the first time
 * one does not fit they become a max-heap (worst on top) — in lottery order the first proposals
 * arrive worst last, each a new top, which would cost a climb to the root apiece.
 */
export function deferredAcceptance(p: Prepared): Int32Array {
  const { applicants, capacity, choices, packed, memberStart } = p;
  const schools = capacity.length;
  const modulus = applicants + 1;
  const assigned = new Int32Array(applicants).fill(-1);
  // Applicant a: [4a] next choice slot, [4a + 1] end of its slots, [4a + 2] seats it needs.
  const applicant = new Int32Array(4 * applicants);
  for (let a = 0; a < applicants; a++) {
    applicant[4 * a] = p.choiceFrom[a]!;
    applicant[4 * a + 1] = p.choiceTo[a]!;
    applicant[4 * a + 2] = memberStart[a + 1]! - memberStart[a]!;
  }
  // School s: [4s] seats, [4s + 1] seats used, [4s + 2] applicants held, [4s + 3] heap start;
  // `ordered[s]` once its held keys are a heap, and then `worst[s]` is the top while it holds anyone.
  const school = new Int32Array(4 * schools);
  const ordered = new Uint8Array(schools);
  const worst = new Float64Array(schools);
  const chosenBy = new Int32Array(schools);
  // Every child's slots, in order (a group's other members count too: a bound is enough).
  const slots = packed ? choices.length : choices.length >> 1;
  for (let c = 0; c < slots; c++) chosenBy[slotSchool(choices, packed, c)]!++;
  let heapSize = 0;
  for (let s = 0; s < schools; s++) {
    school[4 * s] = capacity[s]!;
    school[4 * s + 3] = heapSize;
    heapSize += Math.min(capacity[s]!, chosenBy[s]!);
  }
  const heap = new Float64Array(heapSize);
  const applicantOf = (key: number) => key - Math.floor(key / modulus) * modulus; // see immediate-acceptance.ts

  // The FIFO queue: each applicant is in it at most once (held applicants are not), so a ring of
  // `applicants` slots never overflows.
  const queue = new Int32Array(Math.max(1, applicants));
  for (let a = 0; a < applicants; a++) queue[a] = a;
  let head = 0;
  let queued = applicants;
  let tail = applicants % queue.length;
  const enqueue = (a: number) => {
    queue[tail] = a;
    tail = tail + 1 === queue.length ? 0 : tail + 1;
    queued++;
  };
  const popped: number[] = [];

  // Proposals are read a batch ahead: those reads are cache misses at a million children, and
  // independent ones the processor overlaps. (An applicant's next choice changes only when it is
  // processed, and no applicant is twice in the queue, so what is read ahead is what is used.)
  const batchSchool = new Int32Array(BATCH);
  const batchClass = new Int32Array(BATCH);
  while (queued) {
    const batch = Math.min(BATCH, queued);
    for (let j = 0, at = head; j < batch; j++, at = at + 1 === queue.length ? 0 : at + 1) {
      const a = queue[at]!;
      const c = applicant[4 * a]!;
      if (c >= applicant[4 * a + 1]!) continue;
      batchSchool[j] = slotSchool(choices, packed, c);
      batchClass[j] = slotClass(choices, packed, c);
    }
    for (let j = 0; j < batch; j++) {
      const a = queue[head]!;
      head = head + 1 === queue.length ? 0 : head + 1;
      queued--;
      const c = applicant[4 * a]!;
      if (c >= applicant[4 * a + 1]!) continue; // every choice rejected it: unassigned
      applicant[4 * a] = c + 1;
      const s = batchSchool[j]!;
      const key = batchClass[j]! * modulus + a;
      const size = applicant[4 * a + 2]!;
      const cap = school[4 * s]!;
      const base = school[4 * s + 3]!;
      if (school[4 * s + 1]! + size <= cap) {
        if (ordered[s]) {
          push(heap, base, school[4 * s + 2]!++, key);
          worst[s] = heap[base]!;
        } else heap[base + school[4 * s + 2]!++] = key;
        school[4 * s + 1]! += size;
        assigned[a] = s;
        continue;
      }
      if (!ordered[s]) {
        heapify(heap, base, school[4 * s + 2]!);
        ordered[s] = 1;
        worst[s] = heap[base]!;
      }
      if (!school[4 * s + 2] || worst[s]! < key) {
        enqueue(a); // after everyone held (or nobody to release): rejected at once
        continue;
      }
      const top = applicantOf(worst[s]!);
      if (size === 1 && applicant[4 * top + 2] === 1) {
        // The common case, one seat for one: the worst held child makes way (the general steps
        // below come to exactly this: release it, hold `a`, it no longer fits).
        replaceTop(heap, base, school[4 * s + 2]!, key);
        worst[s] = heap[base]!;
        assigned[a] = s;
        assigned[top] = -1;
        enqueue(top);
        continue;
      }
      // Make room by releasing held applicants worse than `a`, worst first; then take back, best
      // first, every released applicant that still fits (the greedy choice: in key order, each
      // applicant that fits is held, one that does not is passed over).
      popped.length = 0;
      while (school[4 * s + 1]! + size > cap && school[4 * s + 2]! && heap[base]! > key) {
        const released = heap[base]!;
        popped.push(released);
        const last = base + --school[4 * s + 2]!;
        replaceTop(heap, base, school[4 * s + 2]!, heap[last]!);
        school[4 * s + 1]! -= applicant[4 * applicantOf(released) + 2]!;
      }
      if (school[4 * s + 1]! + size <= cap) {
        push(heap, base, school[4 * s + 2]!++, key);
        school[4 * s + 1]! += size;
        assigned[a] = s;
      } else enqueue(a);
      for (let i = popped.length - 1; i >= 0; i--) {
        const b = applicantOf(popped[i]!);
        if (school[4 * s + 1]! + applicant[4 * b + 2]! <= cap) {
          push(heap, base, school[4 * s + 2]!++, popped[i]!);
          school[4 * s + 1]! += applicant[4 * b + 2]!;
        } else {
          assigned[b] = -1;
          enqueue(b);
        }
      }
      if (school[4 * s + 2]) worst[s] = heap[base]!;
    }
  }
  return assigned;
}

const BATCH = 64;

/** Adds `key` to the max-heap of `size` keys at `base`. */
function push(heap: Float64Array, base: number, size: number, key: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[base + parent]! >= key) break;
    heap[base + i] = heap[base + parent]!;
    i = parent;
  }
  heap[base + i] = key;
}

/** Replaces the top of the max-heap of `size` keys at `base` by `key` and sifts it down. */
function replaceTop(heap: Float64Array, base: number, size: number, key: number): void {
  if (size === 0) return;
  siftDown(heap, base, size, 0, key);
}

function siftDown(heap: Float64Array, base: number, size: number, from: number, key: number): void {
  let i = from;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const child = r < size && heap[base + r]! > heap[base + l]! ? r : l;
    if (heap[base + child]! <= key) break;
    heap[base + i] = heap[base + child]!;
    i = child;
  }
  heap[base + i] = key;
}

/** Makes the `size` keys at `base` a max-heap (bottom-up, linear time). */
function heapify(heap: Float64Array, base: number, size: number): void {
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(heap, base, size, i, heap[base + i]!);
}
