import { type Prepared, sizeOf } from './prepare.ts';

/**
 * Student-proposing deferred acceptance (Gale–Shapley), single tie-breaking: every applicant
 * proposes to its choices in order; a school tentatively holds the best applicants by key (class,
 * then lottery number) that fit its seats and rejects the rest, who propose to their next choice.
 * Nothing is final until nobody is rejected. Without sibling groups the result is the
 * student-optimal stable matching and does not depend on the order of proposals; proposals are
 * still processed in lottery order (a FIFO queue) so that, with groups, the result is one
 * well-defined function of the instance. Returns the school index per applicant, -1 for none.
 */
export function deferredAcceptance(p: Prepared): Int32Array {
  const schools = p.schoolIds.length;
  const assigned = new Int32Array(p.applicants).fill(-1);
  const next = new Int32Array(p.applicants);
  const used = new Int32Array(schools);
  // Per school a max-heap of held applicants, worst key on top.
  const heapA: number[][] = Array.from({ length: schools }, () => []);
  const heapK: number[][] = Array.from({ length: schools }, () => []);

  let queue = Int32Array.from({ length: p.applicants }, (_, a) => a);
  let head = 0;
  let tail = queue.length;
  const enqueue = (a: number) => {
    if (tail === queue.length) {
      // Compact and grow: the live part is queue[head, tail).
      const grown = new Int32Array(Math.max(16, (tail - head) * 2));
      grown.set(queue.subarray(head, tail));
      tail -= head;
      head = 0;
      queue = grown;
    }
    queue[tail++] = a;
  };
  const rejected: number[] = [];
  const popped: number[] = [];
  const poppedKeys: number[] = [];

  while (head < tail) {
    const a = queue[head++]!;
    const c = p.choiceStart[a]! + next[a]!;
    if (c >= p.choiceStart[a + 1]!) continue; // every choice rejected it: unassigned
    next[a]!++;
    const s = p.choiceSchool[c]!;
    const key = p.choiceKey[c]!;
    const size = sizeOf(p, a);
    const cap = p.capacity[s]!;
    const ha = heapA[s]!;
    const hk = heapK[s]!;
    rejected.length = 0;
    if (used[s]! + size <= cap) {
      push(ha, hk, a, key);
      used[s]! += size;
      assigned[a] = s;
    } else {
      // Make room by releasing held applicants worse than `a`, worst first; then take back, best
      // first, every released applicant that still fits (the greedy choice: in key order, each
      // applicant that fits is held, one that does not is passed over).
      popped.length = 0;
      poppedKeys.length = 0;
      while (used[s]! + size > cap && ha.length && hk[0]! > key) {
        const b = ha[0]!;
        poppedKeys.push(hk[0]!);
        pop(ha, hk);
        used[s]! -= sizeOf(p, b);
        popped.push(b);
      }
      if (used[s]! + size <= cap) {
        push(ha, hk, a, key);
        used[s]! += size;
        assigned[a] = s;
      } else rejected.push(a);
      for (let i = popped.length - 1; i >= 0; i--) {
        const b = popped[i]!;
        const bSize = sizeOf(p, b);
        if (used[s]! + bSize <= cap) {
          push(ha, hk, b, poppedKeys[i]!);
          used[s]! += bSize;
        } else rejected.push(b);
      }
    }
    for (const b of rejected) {
      assigned[b] = -1;
      enqueue(b);
    }
  }
  return assigned;
}

function push(ha: number[], hk: number[], a: number, key: number): void {
  let i = ha.length;
  ha.push(a);
  hk.push(key);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (hk[parent]! >= key) break;
    ha[i] = ha[parent]!;
    hk[i] = hk[parent]!;
    i = parent;
  }
  ha[i] = a;
  hk[i] = key;
}

function pop(ha: number[], hk: number[]): void {
  const lastA = ha.pop()!;
  const lastK = hk.pop()!;
  const n = ha.length;
  if (!n) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && hk[r]! > hk[l]! ? r : l;
    if (hk[child]! <= lastK) break;
    ha[i] = ha[child]!;
    hk[i] = hk[child]!;
    i = child;
  }
  ha[i] = lastA;
  hk[i] = lastK;
}
