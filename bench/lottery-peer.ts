import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type LotteryInstance,
  type LotteryStudent,
  lotteryNumberHex,
  runDraw,
} from '../engines/lottery/index.ts';
import { createRng, pickWeighted, shuffle } from '../engines/seating/prng.ts';

/**
 * Our draw engine against a published open-source implementation, daffidwilde/matching (pure
 * Python, HospitalResident, resident-optimal), on the same instances, one JSON line per case:
 *   lottery.peer.matching.<children>   children × 100 schools, up to 6 choices (default sizes
 *                                      2,000, 5,000 and 20,000 — the instance)
 * Our side runs in-process through the engine's public face only: `runDraw` (DA, the whole draw:
 * lottery numbers, mechanism, result hash), median of 5 runs after one warm-up. The peer gets the
 * same instance as hospital–resident dictionaries in which each school ranks the children who chose
 * it by (priority class, our lottery number): our tie-breaking, made explicit. All lists are strict, so the resident-optimal stable matching is
 * unique and both must place every child identically; `differences` counts the children they
 * place differently (0 expected) — a cross-check against an independent implementation.
 * The peer runs as `python3 bench/peer/matching_hr.py` with PYTHONPATH=<dir>/src, the package's
 * source from `--matching <dir>` or $MATCHING_SRC (default /tmp/matching-src); its timings are taken
 * inside Python (create_from_dictionaries, solve) and around the process. `ratio` = peer solve /
 * our whole draw (conservative: the peer is handed ready-ordered lists). A peer run longer than
 * `--peer-timeout <s>` (default 1200) is stopped and reported; then the largest size is
 * extrapolated from the two largest that finished (power law), labelled `extrapolated`.
 * Run: `npx tsx bench/lottery-peer.ts [--matching <dir>] [--sizes 2000,5000,20000]`.
 * Not part of `npm test`: figures depend on the machine.
 */
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const load = () => loadavg().map((x) => round(x, 2));

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SCHOOLS = 100;
const MAX_CHOICES = 6;
const matchingSource = resolve(option('--matching') ?? process.env.MATCHING_SRC ?? '/tmp/matching-src');
const sizes = (option('--sizes') ?? '2000,5000,20000').split(',').map(Number);
const peerTimeoutSeconds = Number(option('--peer-timeout') ?? 1200);
const driver = join(dirname(fileURLToPath(import.meta.url)), 'peer', 'matching_hr.py');

/**
 * children × 100 schools as bench/lottery.ts builds them, without twins (the peer has no couples):
 * Zipf-like popularity (exponent 0.9), schools in the child's 学区 (17 zones) three times as
 * likely, seats 98 % of the children; every chosen school gets an explicit class: 0 = hukou in
 * the school's zone, 1 = living in the zone, 2 = outside it, 0 at one chosen school for 3 %
 * (a sibling there).
 */
function makeInstance(children: number): LotteryInstance {
  const rng = createRng('bench-lottery-peer', String(children));
  const zones = 17;
  const zoneOf = Array.from({ length: SCHOOLS }, () => rng.int(zones));
  const popularity = shuffle(
    Array.from({ length: SCHOOLS }, (_, i) => 1 / (i + 1) ** 0.9),
    rng,
  );
  const weights = Array.from({ length: SCHOOLS }, () => 0.6 + 0.8 * rng.next());
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const seats = Math.round(children * 0.98);
  const schools = weights.map((w, i) => ({
    id: `S${String(i).padStart(3, '0')}`,
    capacity: Math.max(1, Math.round((w / totalWeight) * seats)),
  }));
  const cumulative = Array.from({ length: zones }, (_, z) => {
    let sum = 0;
    return Float64Array.from(popularity, (p, i) => (sum += p * (zoneOf[i] === z ? 3 : 1)));
  });
  const students: LotteryStudent[] = [];
  for (let c = 0; c < children; c++) {
    const zone = rng.int(zones);
    const count = rng.next() < 0.6 ? MAX_CHOICES : 1 + rng.int(MAX_CHOICES);
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < count && tries < 50 * count; tries++)
      chosen.add(pickWeighted(cumulative[zone]!, rng));
    const choices = [...chosen].map((i) => schools[i]!.id);
    const hukou = rng.next() < 0.7;
    const priority: Record<string, number> = {};
    for (const i of chosen) priority[schools[i]!.id] = zoneOf[i] !== zone ? 2 : hukou ? 0 : 1;
    if (rng.next() < 0.03) priority[choices[rng.int(choices.length)]!] = 0;
    students.push({ id: `C${String(c).padStart(6, '0')}`, choices, priority });
  }
  return { seed: 'ab'.repeat(32), schools, students };
}

/**
 * The instance as hospital–resident dictionaries. A school's list: the children who chose it, by
 * (class, lottery number as lowercase hex) — the order our engine serves them in, recomputed here
 * from the published definition (`lotteryNumberHex`), not from the engine's internals.
 */
function toHospitalResident(instance: LotteryInstance) {
  const numberOf = new Map(instance.students.map((s) => [s.id, lotteryNumberHex(instance.seed, s.id)]));
  const applicants = new Map<string, { id: string; cls: number; number: string }[]>(
    instance.schools.map((s) => [s.id, []]),
  );
  const residents: Record<string, string[]> = {};
  for (const s of instance.students) {
    residents[s.id] = s.choices;
    for (const school of s.choices)
      applicants.get(school)!.push({ id: s.id, cls: s.priority![school]!, number: numberOf.get(s.id)! });
  }
  const hospitals: Record<string, string[]> = {};
  const capacities: Record<string, number> = {};
  for (const school of instance.schools) {
    const ranked = applicants.get(school.id)!;
    ranked.sort((a, b) => a.cls - b.cls || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
    hospitals[school.id] = ranked.map((a) => a.id);
    capacities[school.id] = school.capacity;
  }
  return { residents, hospitals, capacities };
}

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** Median (by wall time) of `runs` timed calls, after one untimed warm-up call. */
function timeMedian<T>(action: () => T, runs = 5): Timing & { value: T } {
  let value = action();
  const samples: Timing[] = [];
  for (let r = 0; r < runs; r++) {
    const began = performance.now();
    const cpu = process.cpuUsage();
    value = action();
    const used = process.cpuUsage(cpu);
    samples.push({
      seconds: (performance.now() - began) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
    });
  }
  samples.sort((a, b) => a.seconds - b.seconds);
  const median = samples[runs >> 1]!;
  return { seconds: round(median.seconds, 4), cpuSeconds: round(median.cpuSeconds, 4), value };
}

interface PeerOutput {
  version: string;
  python: string;
  createSeconds: number;
  createCpuSeconds: number;
  checkInputsSeconds: number;
  solveSeconds: number;
  solveCpuSeconds: number;
  checkValiditySeconds: number;
  valid: boolean;
  warnings: number;
  firstWarning: string | null;
  peakRssMB: number;
  assignments: Record<string, string | null>;
}

type PeerRun =
  | { ok: true; processSeconds: number; output: PeerOutput }
  | { ok: false; processSeconds: number; reason: string };

function runPeer(dir: string, hr: ReturnType<typeof toHospitalResident>): PeerRun {
  const input = join(dir, 'instance.json');
  const output = join(dir, 'out.json');
  writeFileSync(input, JSON.stringify(hr));
  rmSync(output, { force: true });
  const began = performance.now();
  const run = spawnSync('python3', [driver, input, output], {
    env: { ...process.env, PYTHONPATH: join(matchingSource, 'src') },
    encoding: 'utf8',
    timeout: Math.max(1, Math.round(peerTimeoutSeconds * 1000)),
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const processSeconds = round((performance.now() - began) / 1000);
  if (run.error || run.status !== 0 || !existsSync(output)) {
    const timedOut = run.signal === 'SIGKILL';
    const reason = timedOut
      ? `timed out after ${peerTimeoutSeconds} s`
      : (run.error?.message ?? `exit ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return { ok: false, processSeconds, reason };
  }
  return { ok: true, processSeconds, output: JSON.parse(readFileSync(output, 'utf8')) as PeerOutput };
}

interface Finished {
  children: number;
  oursSeconds: number;
  peerSolveSeconds: number;
}

function measure(children: number, dir: string): Finished | { children: number; oursSeconds: number } {
  const instance = makeInstance(children);
  const ours = timeMedian(() => runDraw(instance, 'da'));
  const peer = runPeer(dir, toHospitalResident(instance));
  const name = `lottery.peer.matching.${children}`;
  const oursFigures = {
    seconds: ours.seconds,
    cpuSeconds: ours.cpuSeconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const shape = { children, schools: SCHOOLS, seats: instance.schools.reduce((s, x) => s + x.capacity, 0) };
  if (!peer.ok) {
    print({
      case: name,
      ...shape,
      ours: oursFigures,
      peer: { failed: peer.reason, processSeconds: peer.processSeconds },
      load: load(),
    });
    return { children, oursSeconds: ours.seconds };
  }
  const out = peer.output;
  const mismatched = instance.students.filter((s) => ours.value.assignments[s.id] !== out.assignments[s.id]);
  print({
    case: name,
    ...shape,
    unassigned: instance.students.filter((s) => ours.value.assignments[s.id] === null).length,
    ours: oursFigures,
    peer: {
      package: `matching ${out.version} (Python ${out.python})`,
      createSeconds: round(out.createSeconds),
      checkInputsSeconds: round(out.checkInputsSeconds),
      solveSeconds: round(out.solveSeconds),
      solveCpuSeconds: round(out.solveCpuSeconds),
      checkValiditySeconds: round(out.checkValiditySeconds),
      processSeconds: peer.processSeconds,
      peakRssMB: out.peakRssMB,
      valid: out.valid,
      warnings: out.warnings,
      ...(out.firstWarning ? { firstWarning: out.firstWarning } : {}),
    },
    ratio: round(out.solveSeconds / ours.seconds, 1),
    differences: mismatched.length,
    ...(mismatched.length
      ? {
          firstDifferences: mismatched
            .slice(0, 3)
            .map((s) => ({ id: s.id, ours: ours.value.assignments[s.id], peer: out.assignments[s.id] })),
        }
      : {}),
    load: load(),
  });
  return {
    children,
    oursSeconds: ours.seconds,
    peerSolveSeconds: out.solveSeconds,
  };
}

if (!existsSync(join(matchingSource, 'src', 'matching', 'games', 'hospital_resident.py'))) {
  print({
    case: 'lottery.peer.matching',
    skipped: `daffidwilde/matching source not found at ${matchingSource} (give --matching <dir> or MATCHING_SRC)`,
  });
  process.exit(0);
}
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
if (python.error || python.status !== 0) {
  print({ case: 'lottery.peer.matching', skipped: 'python3 not found' });
  process.exit(0);
}

runDraw(makeInstance(2000)); // warm up the JIT before the first timed case
const dir = mkdtempSync(join(tmpdir(), 'edugov-lottery-peer-'));
try {
  const results = sizes.map((children) => measure(children, dir));
  const finished = results.filter((r): r is Finished => 'peerSolveSeconds' in r);
  const last = results.at(-1)!;
  if (!('peerSolveSeconds' in last) && finished.length >= 2) {
    // Peer solve time as a power of the size, fitted through the two largest finished sizes.
    const [a, b] = finished.slice(-2) as [Finished, Finished];
    const exponent = Math.log(b.peerSolveSeconds / a.peerSolveSeconds) / Math.log(b.children / a.children);
    const peerSolveSeconds = b.peerSolveSeconds * (last.children / b.children) ** exponent;
    print({
      case: `lottery.peer.matching.${last.children}.extrapolated`,
      extrapolated: true,
      from: finished.slice(-2).map((f) => f.children),
      exponent: round(exponent, 2),
      peerSolveSeconds: round(peerSolveSeconds),
      oursSeconds: last.oursSeconds,
      ratio: round(peerSolveSeconds / last.oursSeconds, 1),
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
