import { arrange, type Candidate, type SeatingInstance } from '../engines/seating/index.ts';
import { createRng } from '../engines/seating/prng.ts';

/**
 * The seating engine at district scale, one JSON line per case:
 *   seating.zhongkao2020   17,526 candidates, 80 schools, 30 sites, 4 × 5 = 20-seat rooms, 2 groups
 *   seating.zhongkao2020.king   the same with diagonals forbidden too
 *   seating.100k           100,000 candidates, 300 schools, 120 sites
 * Figures: seconds, peakRssMB, rooms, and `proportional`: the share of (room, school) pairs of a
 * group whose count is within ±1 of the school's proportional share k / R. Goals: < 1 s, < 5 s.
 * Run: `npx tsx bench/seating.ts`. Not part of `npm test`: figures depend on the machine.
 */
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

function makeInstance(
  candidates: number,
  schools: number,
  sites: number,
  adjacency: 'orthogonal' | 'king',
  spread = 3,
): SeatingInstance {
  const rng = createRng('bench', `${candidates}`);
  // School sizes from 0.3× to 1.7× the mean; each school sends its candidates to `spread` nearby
  // sites (3; 10 with diagonals, else a
  // school is a third of a small site and no diagonal-free room exists — the engine says so).
  const weights = Array.from({ length: schools }, () => 0.3 + 1.4 * rng.next());
  const total = weights.reduce((s, w) => s + w, 0);
  const list: Candidate[] = [];
  let school = 0;
  let left = Math.round((weights[0]! / total) * candidates);
  for (let i = 0; i < candidates; i++) {
    while (left <= 0 && school < schools - 1) left = Math.round((weights[++school]! / total) * candidates);
    left--;
    list.push({
      id: `C${String(i).padStart(6, '0')}`,
      schoolId: `H${school}`,
      siteId: `X${((school + rng.int(spread)) % sites) + 1}`,
      group: rng.next() < 0.7 ? 'G1' : 'G2',
      special: rng.next() < 0.002,
    });
  }
  const rooms = Math.ceil(candidates / 20) + sites * 10;
  return {
    seed: 'ab2020',
    rules: { rows: 5, cols: 4, adjacency, invigilatorsPerRoom: 2, backupRoomsPerSite: 3 },
    sites: Array.from({ length: sites }, (_, i) => ({ id: `X${i + 1}`, schoolId: `H${i}`, rooms: 400 })),
    candidates: list,
    invigilators: Array.from({ length: Math.ceil(rooms * 2.3) }, (_, i) => ({
      id: `I${i}`,
      schoolId: `H${i % schools}`,
      relativeSiteIds: i % 13 === 0 ? [`X${(i % sites) + 1}`] : [],
    })),
  };
}

function measure(name: string, instance: SeatingInstance): void {
  const began = performance.now();
  const result = arrange(instance);
  const seconds = (performance.now() - began) / 1000;
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (!result.ok) {
    print({ case: name, ok: false, seconds, reasons: result.reasons.slice(0, 3) });
    return;
  }
  const school = new Map(instance.candidates.map((c) => [c.id, c.schoolId]));
  const groups = new Map<string, Map<string, number>[]>();
  for (const room of result.plan.rooms) {
    if (room.kind === 'backup') continue;
    const key = `${room.siteId}|${room.kind}|${room.group}`;
    const counts = new Map<string, number>();
    for (const seat of room.seats) {
      const s = school.get(seat.candidateId)!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    groups.set(key, [...(groups.get(key) ?? []), counts]);
  }
  let pairs = 0;
  let within = 0;
  for (const rooms of groups.values()) {
    const totals = new Map<string, number>();
    for (const counts of rooms) for (const [s, n] of counts) totals.set(s, (totals.get(s) ?? 0) + n);
    for (const [s, k] of totals)
      for (const counts of rooms) {
        pairs++;
        if (Math.abs((counts.get(s) ?? 0) - k / rooms.length) <= 1) within++;
      }
  }
  print({
    case: name,
    candidates: instance.candidates.length,
    rooms: result.plan.rooms.length,
    seconds: Math.round(seconds * 1000) / 1000,
    peakRssMB,
    proportional: Math.round((within / pairs) * 10000) / 10000,
  });
}

arrange(makeInstance(2000, 20, 4, 'orthogonal')); // warm up
measure('seating.zhongkao2020', makeInstance(17_526, 80, 30, 'orthogonal'));
measure('seating.zhongkao2020.king', makeInstance(17_526, 80, 30, 'king', 10));
measure('seating.100k', makeInstance(100_000, 300, 120, 'orthogonal'));
