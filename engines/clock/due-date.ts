import { type Calendar, classifyDay, type DayStatus, holidayNameEn, weekdayName } from './calendar.ts';
import {
  formatInstant,
  formatLocalMinute,
  InvalidClockInputError,
  isoDateOf,
  localDayOf,
  parseInstant,
  startOfLocalDay,
} from './time.ts';

/**
 * The legal clock (期限计算). Counting follows 民法典 Art. 201/203 and 行政许可法 Art. 82:
 *
 * - Day clocks ({days} natural days, {workingDays} working days) start counting on the day after
 *   the start instant (the starting day is not counted) and end at 24:00 Beijing time of their
 *   last day; `due` is that instant, written as 00:00+08:00 of the following day, and `lastDay`
 *   names the last day itself.
 * - A natural-day period whose last day is a rest day (weekend or holiday, unless it is an adjusted
 *   workday) ends instead on the first working day after it.
 * - Working days are Monday–Friday plus adjusted workdays (调休上班), minus holidays.
 * - Hour clocks ({hours}) run continuously, day and night, weekends and holidays included (the
 *   12345 emergency and 24-hour limits are meant that way); they stop only for explicit pauses, and
 *   they never consult the calendar.
 * - Pauses (waiting on the citizen, hearings …) add the paused span back in the clock's own unit.
 *   Hour clocks: the paused duration, exactly. Day clocks: the days after the day the pause began,
 *   up to and including the day it ended, are not counted — the day a pause begins has already run,
 *   and the day the clock resumes is, like a starting day, not counted. Working-day clocks therefore
 *   add back the working days in that span, natural-day clocks the natural days. A pause that begins
 *   after the deadline has no effect; the part of a pause before the start is ignored.
 * - Extensions (延期, with approver and reason) continue counting after the original deadline (its
 *   last day, after any move off a rest day), in their own unit: days or working days for day
 *   clocks, hours or days (×24 h) for hour clocks.
 * - Any day the count reaches in a year the calendar does not cover refuses the whole computation
 *   with `CalendarNotCoveredError`.
 */

export type ClockRule = { days: number } | { workingDays: number } | { hours: number };

export interface ClockPause {
  from: string | Date;
  to: string | Date;
  reason: string;
}

export type ClockExtension = ({ days: number } | { workingDays: number } | { hours: number }) & {
  approver: string;
  reason: string;
};

export interface DueDateInput {
  /** The start instant (ISO 8601; without an offset it is read as Beijing time). */
  start: string | Date;
  rule: ClockRule;
  calendar: Calendar;
  pauses?: ClockPause[];
  extensions?: ClockExtension[];
}

export type StepKind =
  | 'start'
  | 'rule'
  | 'pause'
  | 'count'
  | 'adjustedWorkday'
  | 'skip'
  | 'roll'
  | 'extension'
  | 'due';

/** One line of the explanation, in both languages; `from`/`to` are the local dates it covers. */
export interface ClockStep {
  kind: StepKind;
  from?: string;
  to?: string;
  zh: string;
  en: string;
}

export interface DueDateResult {
  /** The instant the period ends (Beijing time, +08:00). */
  due: string;
  /** Day clocks: the period's last day (it ends at 24:00 of this day). */
  lastDay?: string;
  explain: ClockStep[];
}

type Unit = 'days' | 'workingDays' | 'hours';

const MAX_DAYS = 3660;
const MAX_HOURS = 87_840;

function unitOf(value: object, field: string): { unit: Unit; n: number } {
  const keys = (['days', 'workingDays', 'hours'] as const).filter(
    (k) => (value as Record<string, unknown>)[k] !== undefined,
  );
  if (keys.length !== 1)
    throw new InvalidClockInputError(field, 'give exactly one of days, workingDays or hours');
  const unit = keys[0]!;
  const n = (value as Record<Unit, unknown>)[unit];
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0)
    throw new InvalidClockInputError(field, `${unit} must be a positive number`);
  if (unit !== 'hours' && (!Number.isInteger(n) || n > MAX_DAYS))
    throw new InvalidClockInputError(field, `${unit} must be a whole number up to ${MAX_DAYS}`);
  if (unit === 'hours' && n > MAX_HOURS)
    throw new InvalidClockInputError(field, `hours must be at most ${MAX_HOURS}`);
  return { unit, n };
}

const unitText = (unit: Unit, n: number) =>
  unit === 'days'
    ? { zh: `${n}日（自然日）`, en: `${n} natural day${n === 1 ? '' : 's'}` }
    : unit === 'workingDays'
      ? { zh: `${n}个工作日`, en: `${n} working day${n === 1 ? '' : 's'}` }
      : { zh: `${n}小时`, en: `${n} hour${n === 1 ? '' : 's'}` };

interface Pause {
  from: number;
  to: number;
  reason: string;
}

function readPauses(pauses: ClockPause[] | undefined): Pause[] {
  return (pauses ?? []).map((p, i) => {
    const from = parseInstant(p.from, `pauses.${i}.from`);
    const to = parseInstant(p.to, `pauses.${i}.to`);
    if (to <= from) throw new InvalidClockInputError(`pauses.${i}.to`, 'a pause must end after it begins');
    return { from, to, reason: p.reason };
  });
}

function readExtensions(extensions: ClockExtension[] | undefined, hourClock: boolean) {
  return (extensions ?? []).map((e, i) => {
    const { unit, n } = unitOf(e, `extensions.${i}`);
    if (hourClock && unit === 'workingDays')
      throw new InvalidClockInputError(`extensions.${i}`, 'an hour clock is extended in hours or days');
    if (!hourClock && unit === 'hours')
      throw new InvalidClockInputError(`extensions.${i}`, 'a day clock is extended in days or working days');
    if (!e.approver?.trim()) throw new InvalidClockInputError(`extensions.${i}.approver`, 'required');
    if (!e.reason?.trim()) throw new InvalidClockInputError(`extensions.${i}.reason`, 'required');
    return { unit, n, approver: e.approver.trim(), reason: e.reason.trim() };
  });
}

const range = (from: string, to: string) => ({
  zh: from === to ? from : `${from} 至 ${to}`,
  en: from === to ? from : `${from} to ${to}`,
});

const ordinal = (a: number, b: number) => ({
  zh: a === b ? `${a}` : `${a}至${b}`,
  en: a === b ? `${a}` : `${a}–${b}`,
});

/** Computes when a legal period ends, with a step-by-step explanation of every day it skipped. */
export function dueDate(input: DueDateInput): DueDateResult {
  const startMs = parseInstant(input.start, 'start');
  const base = unitOf(input.rule, 'rule');
  const pauses = readPauses(input.pauses);
  const extensions = readExtensions(input.extensions, base.unit === 'hours');
  const startText = formatLocalMinute(startMs);
  const rule = unitText(base.unit, base.n);
  const steps: ClockStep[] = [
    {
      kind: 'start',
      from: isoDateOf(localDayOf(startMs)),
      zh:
        base.unit === 'hours'
          ? `起算：${startText}（北京时间）`
          : `起算：${startText}（北京时间），开始的当日不计入期限`,
      en:
        base.unit === 'hours'
          ? `Start: ${startText} (Beijing time)`
          : `Start: ${startText} (Beijing time); the starting day is not counted`,
    },
    {
      kind: 'rule',
      zh:
        base.unit === 'hours'
          ? `期限：${rule.zh}，连续计算（含夜间、周末和节假日），仅在暂停期间停止`
          : `期限：${rule.zh}`,
      en:
        base.unit === 'hours'
          ? `Period: ${rule.en}, running continuously (nights, weekends and holidays included), stopped only by pauses`
          : `Period: ${rule.en}`,
    },
  ];
  return base.unit === 'hours'
    ? hourClock(startMs, base.n, pauses, extensions, steps)
    : dayClock(input.calendar, startMs, base, pauses, extensions, steps);
}

function hourClock(
  startMs: number,
  hours: number,
  pauses: Pause[],
  extensions: ReturnType<typeof readExtensions>,
  steps: ClockStep[],
): DueDateResult {
  let due = startMs + hours * 3_600_000;
  for (const e of extensions) {
    const add = e.unit === 'days' ? e.n * 24 : e.n;
    due += add * 3_600_000;
    const t = unitText(e.unit, e.n);
    steps.push({
      kind: 'extension',
      zh: `延长${t.zh}（批准人：${e.approver}；理由：${e.reason}）`,
      en: `Extended by ${t.en} (approved by ${e.approver}; reason: ${e.reason})`,
    });
  }
  // Overlapping pauses stop the clock once: merge them, then add each paused span that began
  // before the (growing) deadline.
  const merged: Pause[] = [];
  for (const p of [...pauses].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) {
      last.to = Math.max(last.to, p.to);
      last.reason = `${last.reason}；${p.reason}`;
    } else merged.push({ ...p });
  }
  for (const p of merged) {
    const span = `${formatLocalMinute(p.from)} — ${formatLocalMinute(p.to)}`;
    if (p.to <= startMs) {
      steps.push({
        kind: 'pause',
        zh: `暂停 ${span}（${p.reason}）在起算之前，不影响期限`,
        en: `Pause ${span} (${p.reason}) ended before the start: no effect`,
      });
      continue;
    }
    const from = Math.max(p.from, startMs);
    if (from >= due) {
      steps.push({
        kind: 'pause',
        zh: `暂停 ${span}（${p.reason}）开始于期限届满之后，不影响期限`,
        en: `Pause ${span} (${p.reason}) began after the deadline: no effect`,
      });
      continue;
    }
    const minutes = Math.round((p.to - from) / 60_000);
    due += p.to - from;
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    steps.push({
      kind: 'pause',
      zh: `暂停 ${span}（${p.reason}），期限顺延${h}小时${m ? `${m}分钟` : ''}`,
      en: `Paused ${span} (${p.reason}): the deadline moves by ${h} h${m ? ` ${m} min` : ''}`,
    });
  }
  steps.push({
    kind: 'due',
    zh: `期限届满：${formatLocalMinute(due)}（北京时间）`,
    en: `Due: ${formatLocalMinute(due)} (Beijing time)`,
  });
  return { due: formatInstant(due), explain: steps };
}

interface PausedDays {
  first: number;
  last: number;
  pause: Pause;
  index: number;
  skipped: number;
}

/** One group of consecutive days that happened for the same reason, for the explanation. */
interface Run {
  key: string;
  first: number;
  last: number;
  counts?: [number, number];
  status: DayStatus;
  paused?: PausedDays;
  unit: Unit;
}

function dayClock(
  calendar: Calendar,
  startMs: number,
  base: { unit: Unit; n: number },
  pauses: Pause[],
  extensions: ReturnType<typeof readExtensions>,
  steps: ClockStep[],
): DueDateResult {
  const startDay = localDayOf(startMs);
  const paused: PausedDays[] = pauses.map((pause, index) => ({
    first: localDayOf(Math.max(pause.from, startMs)) + 1,
    last: localDayOf(pause.to),
    pause,
    index,
    skipped: 0,
  }));
  const pausedOn = (day: number) => paused.find((p) => day >= p.first && day <= p.last);
  const walkSteps: ClockStep[] = [];
  let run: Run | undefined;
  const flush = () => {
    if (run) walkSteps.push(describeRun(run));
    run = undefined;
  };
  const record = (
    day: number,
    key: string,
    status: DayStatus,
    unit: Unit,
    count?: number,
    p?: PausedDays,
  ) => {
    if (run && run.key === key && run.last === day - 1) {
      run.last = day;
      if (count !== undefined && run.counts) run.counts[1] = count;
      return;
    }
    flush();
    run = {
      key,
      first: day,
      last: day,
      status,
      unit,
      paused: p,
      ...(count !== undefined ? { counts: [count, count] as [number, number] } : {}),
    };
  };

  let cursor = startDay;
  const segments = [{ ...base, extension: undefined as (typeof extensions)[number] | undefined }].concat(
    extensions.map((e) => ({ unit: e.unit, n: e.n, extension: e })),
  );
  for (const segment of segments) {
    if (segment.extension) {
      flush();
      const e = segment.extension;
      const t = unitText(e.unit, e.n);
      walkSteps.push({
        kind: 'extension',
        from: isoDateOf(cursor),
        zh: `延长${t.zh}，自原期限最后一日 ${isoDateOf(cursor)} 的次日起算（批准人：${e.approver}；理由：${e.reason}）`,
        en: `Extended by ${t.en}, counted from the day after the original last day ${isoDateOf(cursor)} (approved by ${e.approver}; reason: ${e.reason})`,
      });
    }
    let counted = 0;
    while (counted < segment.n) {
      cursor++;
      if (cursor - startDay > 4 * MAX_DAYS)
        throw new InvalidClockInputError('rule', 'the period is too long');
      const status = classifyDay(calendar, cursor);
      const p = pausedOn(cursor);
      if (p) {
        p.skipped++;
        record(cursor, `pause:${p.index}`, status, segment.unit, undefined, p);
      } else if (segment.unit === 'days') {
        counted++;
        record(cursor, 'count', status, 'days', counted);
      } else if (status.kind === 'adjustedWorkday') {
        counted++;
        record(cursor, `adjusted:${cursor}`, status, 'workingDays', counted);
      } else if (status.working) {
        counted++;
        record(cursor, 'count', status, 'workingDays', counted);
      } else {
        record(cursor, `rest:${status.kind}:${status.name ?? ''}`, status, segment.unit);
      }
    }
    if (segment.unit === 'days') {
      const last = classifyDay(calendar, cursor);
      if (!last.working) {
        flush();
        const reason = restReason(last);
        walkSteps.push({
          kind: 'roll',
          from: last.date,
          zh: `期限最后一日 ${last.date} 为${reason.zh}，顺延至其后的第一个工作日`,
          en: `The last day ${last.date} is ${reason.en}: the period ends on the next working day instead`,
        });
        for (;;) {
          cursor++;
          const status = classifyDay(calendar, cursor);
          const p = pausedOn(cursor);
          if (p) {
            p.skipped++;
            record(cursor, `pause:${p.index}`, status, 'days', undefined, p);
          } else if (status.working) break;
          else record(cursor, `rest:${status.kind}:${status.name ?? ''}`, status, 'days');
        }
        flush();
        walkSteps.push({
          kind: 'roll',
          to: isoDateOf(cursor),
          zh: `顺延至 ${isoDateOf(cursor)}（${weekdayName(cursor, 'zh')}，工作日）`,
          en: `Moved to ${isoDateOf(cursor)} (${weekdayName(cursor, 'en')}, a working day)`,
        });
      }
    }
  }
  flush();

  const due = startOfLocalDay(cursor + 1);
  for (const p of paused) {
    const span = `${formatLocalMinute(p.pause.from)} — ${formatLocalMinute(p.pause.to)}`;
    const effect =
      p.pause.to <= startMs
        ? { zh: '在起算之前，不影响期限', en: 'ended before the start: no effect' }
        : p.pause.from >= due
          ? { zh: '开始于期限届满之后，不影响期限', en: 'began after the deadline: no effect' }
          : p.skipped === 0
            ? {
                zh: '未跨越计算日（暂停开始当日已计入，恢复当日不计），不影响期限',
                en: 'spans no counted day (the day it began had run, the day it ended is not counted): no effect',
              }
            : {
                zh: `暂停开始次日至恢复当日共${p.skipped}日不计入期限`,
                en: `${p.skipped} day${p.skipped === 1 ? '' : 's'} from the day after it began to the day it ended are not counted`,
              };
    steps.push({
      kind: 'pause',
      zh: `暂停 ${span}（${p.pause.reason}）：${effect.zh}`,
      en: `Pause ${span} (${p.pause.reason}): ${effect.en}`,
    });
  }
  steps.push(...walkSteps);
  const lastDay = isoDateOf(cursor);
  steps.push({
    kind: 'due',
    to: lastDay,
    zh: `期限届满：${lastDay}（${weekdayName(cursor, 'zh')}）24:00（北京时间）`,
    en: `Due: ${lastDay} (${weekdayName(cursor, 'en')}) 24:00 (Beijing time)`,
  });
  return { due: formatInstant(due), lastDay, explain: steps };
}

function restReason(status: DayStatus): { zh: string; en: string } {
  if (status.kind === 'holiday')
    return status.statutory
      ? { zh: `${status.name} 法定节假日`, en: `${holidayNameEn(status.name!)}, a statutory holiday` }
      : { zh: `${status.name} 假期休息日`, en: `${holidayNameEn(status.name!)}, a holiday rest day` };
  return { zh: '周末休息日', en: 'a weekend rest day' };
}

function describeRun(run: Run): ClockStep {
  const from = isoDateOf(run.first);
  const to = isoDateOf(run.last);
  const span = range(from, to);
  if (run.paused) {
    const reason = run.paused.pause.reason;
    return {
      kind: 'skip',
      from,
      to,
      zh: `${span.zh} 暂停计时（${reason}），不计`,
      en: `${span.en} paused (${reason}): not counted`,
    };
  }
  if (run.key.startsWith('adjusted:')) {
    const name = run.status.name!;
    return {
      kind: 'adjustedWorkday',
      from,
      to,
      zh: `${from} ${weekdayName(run.first, 'zh')} ${name}调休上班，计为第${run.counts![0]}个工作日`,
      en: `${from} ${weekdayName(run.first, 'en')}, a working day adjusted for ${holidayNameEn(name)}: working day ${run.counts![0]}`,
    };
  }
  if (run.key === 'count') {
    const n = ordinal(run.counts![0], run.counts![1]);
    return run.unit === 'days'
      ? {
          kind: 'count',
          from,
          to,
          zh: `${span.zh} 计第${n.zh}日`,
          en: `${span.en}: day${run.counts![0] === run.counts![1] ? '' : 's'} ${n.en} counted`,
        }
      : {
          kind: 'count',
          from,
          to,
          zh: `${span.zh} 工作日，计第${n.zh}个工作日`,
          en: `${span.en}: working day${run.counts![0] === run.counts![1] ? '' : 's'} ${n.en}`,
        };
  }
  if (run.status.kind === 'holiday') {
    const name = run.status.name!;
    return {
      kind: 'skip',
      from,
      to,
      zh: `${span.zh} ${name} 法定节假日，不计`,
      en: `${span.en} ${holidayNameEn(name)}, rest day${run.first === run.last ? '' : 's'}: skipped`,
    };
  }
  return {
    kind: 'skip',
    from,
    to,
    zh: `${span.zh} 周末休息日，不计`,
    en: `${span.en} weekend: skipped`,
  };
}
