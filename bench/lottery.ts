import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildBundle,
  commitmentOf,
  type LotteryInstance,
  type LotteryResult,
  type LotteryStudent,
  type Mechanism,
  parseBundle,
  privateDrawInstance,
  runDraw,
  summarizeDraw,
  verifyBundle,
} from '../engines/lottery/index.ts';
import { referenceDraw } from '../engines/lottery/reference/index.ts';
import { createRng, pickWeighted, shuffle } from '../engines/seating/prng.ts';

/**
 * The draw engine at district scale, one JSON line per case:
 *   lottery.primary2020.{da,ia}   34,204 primary entrants, 100 schools, up to 6 choices
 *   lottery.junior2020.{da,ia}    25,188 junior entrants, 70 schools, up to 6 choices
 *   lottery.private1796           1,796 applicants to 16 private schools, one choice each
 *   lottery.bundle.primary        build (commit-reveal, Merkle root, draw) and verify the primary bundle
 *   lottery.{35k,1m}.{da,ia}      the issue's sizes, 35,000 × 120 × 5 and 1,000,000 × 2,000 × 10:
 *     .engine        `runDraw` in this process on instance objects (lottery numbers, mechanism,
 *                    the assignments object and its hash): what the server calls
 *     .cli           the whole process the issue means: `node bin/edugov.js lottery run <file>
 *                    --mechanism m --out <result>` on the instance written to a file (read,
 *                    validate, draw, hash, write), under /usr/bin/time; `identical`: the result
 *                    file is byte for byte `JSON.stringify(runDraw(instance), null, 2)` + newline
 *     .command       the same command with only the lottery command loaded (bin/edugov.js loads
 *                    the whole CLI, server included, first: see lottery.cli.startup)
 *     .reference     with --reference: the first engine (engines/lottery/reference), in this
 *                    process, for the before/after comparison (slow and 1 GB at a million)
 *   lottery.cli.startup           `bin/edugov.js lottery run` on a one-child instance: the floor
 * Popularity is skewed (Zipf-like, exponent 0.9) and local (schools in the child's 学区 three times
 * as likely); seats are 98 % of the children (a shortage); priority classes: 0 = hukou in the
 * school's zone, 1 = living in the zone, 0 at one chosen school for 3 % (a sibling there); 0.5 %
 * of children are twins. Figures: seconds (wall), cpuSeconds (user + system: on a shared machine,
 * wall time includes waiting for a core; for a child process, all its threads), peakRssMB (in this
 * process: so far; for a child: its own), load (the 1-minute load average before the case),
 * firstChoice / top3 / unassigned shares. Run: `npx tsx bench/lottery.ts` (`--no-1m` skips the
 * million, `--reference` adds the first engine). Not part of `npm test`: figures depend on the machine.
 */
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

function makeInstance(label: string, children: number, schools: number, maxChoices: number): LotteryInstance {
  const rng = createRng('bench-lottery', label);
  const zones = 17;
  const zoneOf = Array.from({ length: schools }, () => rng.int(zones));
  const popularity = shuffle(
    Array.from({ length: schools }, (_, i) => 1 / (i + 1) ** 0.9),
    rng,
  );
  const weights = Array.from({ length: schools }, () => 0.6 + 0.8 * rng.next());
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const seats = Math.round(children * 0.98);
  const schoolList = weights.map((w, i) => ({
    id: `S${String(i).padStart(4, '0')}`,
    capacity: Math.round((w / totalWeight) * seats),
  }));
  // Per zone, the cumulative weights of "choose school i": popularity, ×3 inside the zone.
  const cumulative = Array.from({ length: zones }, (_, z) => {
    let sum = 0;
    return Float64Array.from(popularity, (p, i) => (sum += p * (zoneOf[i] === z ? 3 : 1)));
  });
  const students: LotteryStudent[] = [];
  for (let c = 0; c < children; c++) {
    const zone = rng.int(zones);
    const count = rng.next() < 0.6 ? maxChoices : 1 + rng.int(maxChoices);
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < Math.min(count, schools) && tries < 50 * count; tries++)
      chosen.add(pickWeighted(cumulative[zone]!, rng));
    const choices = [...chosen].map((i) => schoolList[i]!.id);
    const hukou = rng.next() < 0.7;
    const priority: Record<string, number> = {};
    for (const i of chosen) if (zoneOf[i] === zone) priority[schoolList[i]!.id] = hukou ? 0 : 1;
    if (choices.length && rng.next() < 0.03) priority[choices[rng.int(choices.length)]!] = 0;
    const id = `C${String(c).padStart(7, '0')}`;
    students.push({ id, choices, priority });
    if (rng.next() < 0.005 && c + 1 < children) {
      students.at(-1)!.siblingGroup = id;
      students.push({ id: `C${String(++c).padStart(7, '0')}`, choices, priority, siblingGroup: id });
    }
  }
  return { seed: 'ab'.repeat(32), schools: schoolList, students };
}

function measure(
  name: string,
  instance: LotteryInstance,
  mechanism: Mechanism,
  draw: typeof runDraw = runDraw,
): LotteryResult {
  const load = round(loadavg()[0]!, 2);
  const began = performance.now();
  const cpu = process.cpuUsage();
  const result = draw(instance, mechanism);
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const outcome = summarizeDraw(instance, result);
  print({
    case: name,
    children: instance.students.length,
    schools: instance.schools.length,
    mechanism,
    seconds: round(seconds),
    cpuSeconds: round((used.user + used.system) / 1e6),
    peakRssMB: peakRssMB(),
    load,
    firstChoice: round(outcome.firstChoice / outcome.students),
    top3: round(outcome.top3 / outcome.students),
    unassigned: round(outcome.unassigned / outcome.students),
  });
  return result;
}

function measureBundle(name: string, instance: LotteryInstance): void {
  const reveals = ['commission 区教委', 'notary 公证处', 'parents 家长代表'].map((party, i) => ({
    party,
    reveal: String(i + 1).repeat(64),
  }));
  const commitments = reveals.map((r) => ({ party: r.party, commitment: commitmentOf(r.reveal) }));
  let began = performance.now();
  const bundle = buildBundle({
    students: instance.students,
    schools: instance.schools,
    commitments,
    reveals,
  });
  const json = JSON.stringify(bundle);
  const buildSeconds = (performance.now() - began) / 1000;
  began = performance.now();
  const parsed = parseBundle(JSON.parse(json));
  const outcome = parsed.ok ? verifyBundle(parsed.bundle) : { ok: false };
  const verifySeconds = (performance.now() - began) / 1000;
  print({
    case: name,
    children: instance.students.length,
    bundleMB: round(json.length / 1024 / 1024, 1),
    buildSeconds: round(buildSeconds),
    verifySeconds: round(verifySeconds),
    verified: outcome.ok,
    peakRssMB: peakRssMB(),
  });
}

runDraw(makeInstance('warm-up', 2000, 20, 6)); // warm up the JIT
const primary = makeInstance('primary', 34_204, 100, 6);
measure('lottery.primary2020.da', primary, 'da');
measure('lottery.primary2020.ia', primary, 'ia');
const junior = makeInstance('junior', 25_188, 70, 6);
measure('lottery.junior2020.da', junior, 'da');
measure('lottery.junior2020.ia', junior, 'ia');
{
  const rng = createRng('bench-lottery', 'private');
  const schools = Array.from({ length: 16 }, (_, i) => ({ id: `P${i + 1}`, capacity: 40 + rng.int(60) }));
  const cumulative = Float64Array.from({ length: 16 }, (_, i) => (i + 1) * (i + 1));
  const applications = Array.from({ length: 1796 }, (_, i) => ({
    id: `A${String(i).padStart(5, '0')}`,
    schoolId: `P${16 - pickWeighted(cumulative, rng)}`,
    ...(rng.next() < 0.05 ? { priorityClass: 0 } : {}),
  }));
  measure('lottery.private1796', privateDrawInstance({ seed: 'cd'.repeat(16), schools, applications }), 'da');
}
measureBundle('lottery.bundle.primary', primary);

/** `edugov lottery …` with only the lottery command registered (what bin/edugov.js runs, minus the rest of the CLI). */
const LOTTERY_COMMAND_ONLY = `
  import { Command } from 'commander';
  import { registerLotteryCommand } from ${JSON.stringify(new URL('../server/cli/lottery.ts', import.meta.url).href)};
  const program = new Command('edugov');
  registerLotteryCommand(program);
  await program.parseAsync(process.argv.slice(1), { from: 'user' });`;

// The issue's sizes: in this process, then the whole CLI process on the instance as a file.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(tmpdir(), 'edugov-bench-lottery-'));
try {
  const tiny = path.join(dir, 'tiny.json');
  fs.writeFileSync(
    tiny,
    JSON.stringify({
      seed: 'ab'.repeat(16),
      schools: [{ id: 'S', capacity: 1 }],
      students: [{ id: 'T', choices: ['S'] }],
    }),
  );
  print({ case: 'lottery.cli.startup', ...runProcess(['bin/edugov.js', 'lottery', 'run', tiny]) });
  const sizes: [string, number, number, number][] = [['35k', 35_000, 120, 5]];
  if (!process.argv.includes('--no-1m')) sizes.push(['1m', 1_000_000, 2_000, 10]);
  for (const [label, children, schools, choices] of sizes) {
    const instance = makeInstance(label, children, schools, choices);
    const file = path.join(dir, `${label}.json`);
    fs.writeFileSync(file, JSON.stringify(instance));
    for (const mechanism of ['da', 'ia'] as const) {
      const expected = `${JSON.stringify(measure(`lottery.${label}.${mechanism}.engine`, instance, mechanism), null, 2)}\n`;
      if (process.argv.includes('--reference'))
        measure(`lottery.${label}.${mechanism}.reference`, instance, mechanism, referenceDraw);
      const out = path.join(dir, `${label}.${mechanism}.result.json`);
      const command = ['lottery', 'run', file, '--mechanism', mechanism, '--out', out];
      const shape = { children, schools, mechanism, fileMB: round(fs.statSync(file).size / 1048576, 1) };
      for (const [name, argv] of [
        ['cli', ['bin/edugov.js', ...command]],
        ['command', ['--import', 'tsx', '--input-type=module', '-e', LOTTERY_COMMAND_ONLY, '--', ...command]],
      ] as const) {
        fs.rmSync(out, { force: true });
        const figures = runProcess([...argv]);
        const identical = fs.existsSync(out) && fs.readFileSync(out, 'utf8') === expected;
        print({ case: `lottery.${label}.${mechanism}.${name}`, ...shape, ...figures, identical });
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A child process (node with `args`, in the repository) under /usr/bin/time when there is one. */
function runProcess(args: string[]): Record<string, unknown> {
  const load = round(loadavg()[0]!, 2);
  const timeFile = path.join(dir, 'time.txt');
  const timed = fs.existsSync('/usr/bin/time');
  const began = performance.now();
  const run = timed
    ? spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args], {
        cwd: root,
      })
    : spawnSync(process.execPath, args, { cwd: root });
  const seconds = (performance.now() - began) / 1000;
  if (run.status !== 0) return { load, failed: run.status, stderr: String(run.stderr).slice(0, 500) };
  if (!timed) return { seconds: round(seconds), cpuSeconds: null, peakRssMB: null, load };
  const [wall, user, system, rssKB] = fs
    .readFileSync(timeFile, 'utf8')
    .trim()
    .split(/\s+/)
    .slice(-4)
    .map(Number);
  return {
    seconds: wall,
    cpuSeconds: round(user! + system!),
    peakRssMB: Math.round(rssKB! / 1024),
    load,
  };
}
