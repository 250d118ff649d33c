import fs from 'node:fs';
import type { Command } from 'commander';
import {
  compareMechanisms,
  drawColumns,
  type FileDraw,
  type Mechanism,
  readInstanceJson,
  runDraw,
  verifyBundle,
} from '../../engines/lottery/index.ts';
import { parseBundle, parseInstance, parseMechanism } from '../../engines/lottery/schema.ts';
import { LotteryNumbersWorker } from './lottery-numbers.ts';

/** From this size (≈ 130,000 children) the lottery numbers are computed on a second thread. */
const WORKER_FROM_BYTES = 16 << 20;

/**
 * `edugov lottery run <instance.json> [--mechanism da|ia] [--out result.json]`: one draw (摇号) of an
 * instance file with the pure lottery engine; prints `{"mechanism","assignments","resultHash"}`
 * (or writes it to --out). `edugov lottery verify <bundle.json>`: re-runs a published draw bundle;
 * exit 0 when it reproduces exactly, 1 naming the first difference. `edugov lottery compare`: DA
 * and IA side by side. Exit 2 for an unreadable or malformed file (the field is named). No
 * database: the same file gives the same bytes anywhere. See docs/modules/lottery-engine.md.
 */
export function registerLotteryCommand(program: Command): void {
  const lottery = program.command('lottery').description('enrollment draws (摇号 / 派位)');
  lottery
    .command('run')
    .description('draw an instance file (result JSON on stdout or --out)')
    .argument('<instance>', 'instance JSON file (see docs/modules/lottery-engine.md)')
    .option('--mechanism <mechanism>', 'da (deferred acceptance, default) or ia (immediate acceptance)', 'da')
    .option('--out <file>', 'write the result here instead of stdout')
    .action(async (file: string, options: { mechanism: string; out?: string }) => {
      const mechanism = parseMechanism(options.mechanism);
      if (!mechanism)
        return fail(2, `--mechanism must be da or ia, not ${options.mechanism} / 派位方式只能是 da 或 ia`);
      // A plain instance file is drawn as it streams in (a million children in seconds); any other
      // file — other fields, escapes, any error — is then parsed and validated the general way,
      // which names the problem. Both write the same bytes (engines/lottery/instance-json.ts).
      let out: number | undefined;
      const write = (piece: Uint8Array) => {
        if (!options.out) return void process.stdout.write(Buffer.from(piece)); // a copy: the piece is reused
        // Opened at the first piece: a file that turns out not plain leaves nothing behind.
        if (out === undefined) out = fs.openSync(options.out, 'w');
        fs.writeSync(out, piece);
      };
      let draw = await drawFile(file, mechanism, write);
      if (out !== undefined) fs.closeSync(out);
      if (!draw) {
        const instance = parseInstanceFile(file, parseJson(file, 'instance', readBytes(file, 'instance')));
        if (!instance) return;
        const result = runDraw(instance, mechanism);
        const json = `${JSON.stringify(result, null, 2)}\n`;
        if (!options.out) {
          process.stdout.write(json);
          return await stdoutFlushed();
        }
        fs.writeFileSync(options.out, json);
        const placed = Object.values(result.assignments).filter((s) => s !== null).length;
        draw = { resultHash: result.resultHash, students: instance.students.length, placed };
      }
      if (!options.out) return await stdoutFlushed();
      console.error(
        `${mechanism}: ${draw.placed} of ${draw.students} placed, resultHash ${draw.resultHash} → ${options.out}`,
      );
    });
  lottery
    .command('compare')
    .description('DA and IA on the same instance: first choice, top 3, unassigned, per rank (JSON)')
    .argument('<instance>', 'instance JSON file')
    .action((file: string) => {
      const instance = readInstance(file);
      if (instance) process.stdout.write(`${JSON.stringify(compareMechanisms(instance), null, 2)}\n`);
    });
  lottery
    .command('verify')
    .description(
      're-run a published draw bundle: exit 0 when it reproduces exactly, 1 with the first difference',
    )
    .argument('<bundle>', 'draw bundle JSON file')
    .option('--pool-root <hex>', 'the pool root published before the draw, to check the bundle against')
    .action((file: string, options: { poolRoot?: string }) => {
      const input = parseJson(file, 'bundle', readBytes(file, 'bundle'));
      if (input === undefined) return;
      const parsed = parseBundle(input);
      if (!parsed.ok) {
        console.error(`malformed bundle ${file} / 摇号结果包格式错误:`);
        for (const line of parsed.errors.slice(0, 20)) console.error(`  ${line}`);
        process.exitCode = 2;
        return;
      }
      const { bundle } = parsed;
      const outcome = verifyBundle(bundle, { poolRoot: options.poolRoot });
      if (!outcome.ok)
        return fail(
          1,
          `NOT verified / 验证未通过 — first difference / 第一处不一致: ${outcome.firstDifference}`,
        );
      console.log(
        `verified / 验证通过: ${bundle.pool.length} applicants, ${bundle.reveals.length} parties, ${bundle.parameters.mechanism}, poolRoot ${bundle.poolRoot}, resultHash ${bundle.resultHash}`,
      );
    });
}

/**
 * Resolves once everything written to stdout so far is out: the CLI exits as soon as the command
 * returns, and a pipe takes a large result (megabytes) in pieces, so it would be cut short.
 */
function stdoutFlushed(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}

function fail(code: number, message: string): void {
  console.error(message);
  process.exitCode = code;
}

/**
 * The draw of a plain instance file (`readInstanceJson`, then `drawColumns`), read through a 1 MB
 * buffer (not whole: fresh memory costs page faults); for a large file the lottery numbers are
 * computed on a second thread meanwhile. Undefined when the file is not a plain instance or cannot
 * be read: the general way then reports why.
 */
async function drawFile(
  file: string,
  mechanism: Mechanism,
  write: (piece: Uint8Array) => void,
): Promise<FileDraw | undefined> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  let numbers: LotteryNumbersWorker | undefined;
  try {
    const size = fs.fstatSync(fd).size;
    if (size >= WORKER_FROM_BYTES)
      try {
        numbers = new LotteryNumbersWorker();
      } catch {
        numbers = undefined; // no second thread: the engine computes the numbers itself
      }
    const source = (into: Uint8Array) => {
      try {
        return fs.readSync(fd, into);
      } catch {
        return 0; // unreadable (a directory…): cut short, so not plain
      }
    };
    const read = readInstanceJson(source, size, numbers?.give);
    if (!read) return undefined;
    const heads = await numbers?.heads(read.columns.idStart.length);
    return drawColumns(read, mechanism, write, heads);
  } finally {
    fs.closeSync(fd);
    await numbers?.stop();
  }
}

function readBytes(file: string, what: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    fail(
      2,
      `malformed ${what} ${file}: ${error instanceof Error ? error.message : error} / 文件无法读取或不是 JSON`,
    );
    return undefined;
  }
}

/** The file's JSON (UTF-8, as `readFileSync(file, 'utf8')` decodes it), or undefined after exit 2. */
function parseJson(file: string, what: string, bytes: Buffer | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    fail(
      2,
      `malformed ${what} ${file}: ${error instanceof Error ? error.message : error} / 文件无法读取或不是 JSON`,
    );
    return undefined;
  }
}

function readInstance(file: string) {
  return parseInstanceFile(file, parseJson(file, 'instance', readBytes(file, 'instance')));
}

function parseInstanceFile(file: string, input: unknown) {
  if (input === undefined) return undefined;
  const parsed = parseInstance(input);
  if (parsed.ok) return parsed.instance;
  console.error(`malformed instance ${file} / 输入文件格式错误:`);
  for (const line of parsed.errors.slice(0, 50)) console.error(`  ${line}`);
  if (parsed.errors.length > 50)
    console.error(`  … ${parsed.errors.length - 50} more / 另有 ${parsed.errors.length - 50} 处`);
  process.exitCode = 2;
  return undefined;
}
