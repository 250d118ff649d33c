import { dayNumberOf, isoDateOf, weekdayNames, weekdayOf, yearOf } from './time.ts';

/**
 * The working-day calendar as a value: the years it covers and, within them, the exceptions to
 * "Monday–Friday work, Saturday–Sunday rest" — holidays (法定节假日 and the rest days bridged to
 * them) and adjusted workdays (调休上班, a weekend day worked instead). A day in a year that is not
 * covered has no answer: asking about it throws `CalendarNotCoveredError`, never a guess.
 */
export interface CalendarDayEntry {
  /** ISO date, 2026-10-01. */
  date: string;
  /** 'holiday': a rest day by the State Council notice; 'workday': a weekend day worked (调休). */
  kind: 'holiday' | 'workday';
  /** The holiday it belongs to, in Chinese as the notice names it: 国庆节. */
  name: string;
  /** One of the holiday's statutory days (not a weekend or swapped day bridged to it). */
  statutory?: boolean;
}

/** A calendar as plain data, the shape stored in the database and sent over HTTP. */
export interface CalendarData {
  years: number[];
  days: CalendarDayEntry[];
}

export interface Calendar {
  readonly years: readonly number[];
  covers(year: number): boolean;
  /** The exception on a day number, if any (no coverage check). */
  exception(day: number): CalendarDayEntry | undefined;
}

/** Thrown when a computation reaches a year the calendar has no data for. */
export class CalendarNotCoveredError extends Error {
  constructor(
    readonly year: number,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `工作日历未包含 ${year} 年的节假日安排，请先录入国务院办公厅通知 / ` +
        `The working-day calendar has no data for ${year}: enter the State Council notice for that year first`,
    );
    this.name = 'CalendarNotCoveredError';
  }
}

/** Builds a calendar; a day listed outside the covered years is refused, not silently ignored. */
export function createCalendar(data: CalendarData): Calendar {
  const years = [...new Set(data.years)].sort((a, b) => a - b);
  const covered = new Set(years);
  const byDay = new Map<number, CalendarDayEntry>();
  for (const entry of data.days) {
    const day = dayNumberOf(entry.date);
    if (!covered.has(yearOf(day)))
      throw new Error(`calendar day ${entry.date} lies outside the covered years ${years.join(', ')}`);
    byDay.set(day, entry);
  }
  return {
    years,
    covers: (year) => covered.has(year),
    exception: (day) => byDay.get(day),
  };
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjustedWorkday';

export interface DayStatus {
  date: string;
  kind: DayKind;
  /** True on a working day (an ordinary weekday or an adjusted workday). */
  working: boolean;
  /** The holiday's name (zh) on holidays and adjusted workdays. */
  name?: string;
  statutory?: boolean;
}

/** Whether a day is worked, and why; throws `CalendarNotCoveredError` outside the covered years. */
export function classifyDay(calendar: Calendar, day: number | string): DayStatus {
  const n = typeof day === 'string' ? dayNumberOf(day) : day;
  const year = yearOf(n);
  if (!calendar.covers(year)) throw new CalendarNotCoveredError(year, calendar.years);
  const date = isoDateOf(n);
  const entry = calendar.exception(n);
  if (entry?.kind === 'holiday')
    return { date, kind: 'holiday', working: false, name: entry.name, statutory: entry.statutory ?? false };
  if (entry?.kind === 'workday') return { date, kind: 'adjustedWorkday', working: true, name: entry.name };
  const weekday = weekdayOf(n);
  return weekday === 0 || weekday === 6
    ? { date, kind: 'weekend', working: false }
    : { date, kind: 'workday', working: true };
}

const englishNames: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Tomb-sweeping Day',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  中秋节: 'Mid-autumn Festival',
  国庆节: 'National Day',
  '国庆节、中秋节': 'National Day and Mid-autumn Festival',
};

/** The English name of a holiday named in Chinese; an unknown name is shown as written. */
export function holidayNameEn(name: string): string {
  return englishNames[name] ?? name;
}

/** "周六" / "Saturday" for a day number. */
export function weekdayName(day: number, lang: 'zh' | 'en'): string {
  return weekdayNames[lang][weekdayOf(day)]!;
}
