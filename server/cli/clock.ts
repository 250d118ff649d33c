import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { bundledCalendar } from '../../engines/clock/bundled.ts';
import {
  type Calendar,
  CalendarNotCoveredError,
  type ClockExtension,
  type ClockPause,
  type ClockRule,
  dueDate,
  InvalidClockInputError,
} from '../../engines/clock/index.ts';
import { loadCalendar } from '../core/calendar/index.ts';
import { readConfig } from '../core/config.ts';
import { openPlatform } from '../core/platform.ts';

/**
 * `edugov clock due --from <instant> (--days N | --working-days N | --hours N)`: prints
 * `{"due", "lastDay", "explain", "calendar"}` as JSON; exit 2 when the calendar does not cover the
 * range. It needs no running server: with a configured database (DATABASE_URL, or an embedded one
 * already in DATA_DIR/pg) it counts with that database's calendar; otherwise with the bundled
 * official calendar — it never creates a database just to count days.
 */
export function registerClockCommand(program: Command): void {
  const clock = program.command('clock').description('the legal clock (期限计算)');
  clock
    .command('due')
    .description('when a period ends, with the explanation (JSON on stdout)')
    .requiredOption('--from <instant>', 'start instant, ISO 8601 (without an offset: Beijing time)')
    .option('--days <n>', 'natural days', positiveInt)
    .option('--working-days <n>', 'working days', positiveInt)
    .option('--hours <n>', 'hours, running continuously', positiveNumber)
    .option(
      '--pause <from,to,reason>',
      'a pause (repeatable): two instants and a reason, comma-separated',
      collect,
      [] as string[],
    )
    .option(
      '--extend <amount,approver,reason>',
      'an extension (repeatable): 30d, 5wd or 12h, the approver and the reason',
      collect,
      [] as string[],
    )
    .option('--bundled', 'use the bundled official calendar even when a database is configured')
    .action(async (options: DueOptions) => {
      const rules = [
        options.days !== undefined ? { days: options.days } : undefined,
        options.workingDays !== undefined ? { workingDays: options.workingDays } : undefined,
        options.hours !== undefined ? { hours: options.hours } : undefined,
      ].filter((r): r is ClockRule => r !== undefined);
      if (rules.length !== 1) {
        console.error(
          'give exactly one of --days, --working-days, --hours / 请指定 --days、--working-days、--hours 之一',
        );
        process.exitCode = 1;
        return;
      }
      try {
        const input = {
          start: options.from,
          rule: rules[0]!,
          pauses: options.pause.map(parsePause),
          extensions: options.extend.map(parseExtension),
        };
        const { calendar, source } = await chooseCalendar(options.bundled ?? false);
        const result = dueDate({ ...input, calendar });
        console.log(JSON.stringify({ ...result, calendar: source }, null, 2));
      } catch (error) {
        if (error instanceof CalendarNotCoveredError) {
          console.error(error.message);
          process.exitCode = 2;
          return;
        }
        if (error instanceof InvalidClockInputError) {
          console.error(error.message);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}

interface DueOptions {
  from: string;
  days?: number;
  workingDays?: number;
  hours?: number;
  pause: string[];
  extend: string[];
  bundled?: boolean;
}

async function chooseCalendar(forceBundled: boolean): Promise<{ calendar: Calendar; source: string }> {
  const config = readConfig();
  const hasDatabase = !!config.databaseUrl || fs.existsSync(path.join(config.dataDir, 'pg'));
  if (forceBundled || !hasDatabase) return { calendar: bundledCalendar(), source: 'bundled' };
  const platform = await openPlatform(config, { role: 'cli', join: true, poolSize: 2 });
  try {
    const calendar = await loadCalendar(platform.db);
    // A database whose calendar was never seeded (older platform) has no answer: use the official data.
    if (!calendar.years.length) return { calendar: bundledCalendar(), source: 'bundled' };
    return { calendar, source: 'database' };
  } finally {
    await platform.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePause(value: string, i: number): ClockPause {
  const [from, to, ...reason] = value.split(',');
  if (!from || !to) throw new InvalidClockInputError(`--pause ${i + 1}`, 'write <from>,<to>,<reason>');
  return { from: from.trim(), to: to.trim(), reason: reason.join(',').trim() || '暂停' };
}

function parseExtension(value: string, i: number): ClockExtension {
  const [amount = '', approver = '', ...reason] = value.split(',');
  const m = /^(\d+(?:\.\d+)?)(d|wd|h)$/.exec(amount.trim());
  if (!m) throw new InvalidClockInputError(`--extend ${i + 1}`, 'write 30d, 5wd or 12h,<approver>,<reason>');
  const n = Number(m[1]);
  const unit = m[2] === 'd' ? { days: n } : m[2] === 'wd' ? { workingDays: n } : { hours: n };
  return { ...unit, approver: approver.trim(), reason: reason.join(',').trim() };
}
