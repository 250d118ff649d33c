/**
 * Dates and instants in Asia/Shanghai without Intl or a time-zone database: China has kept UTC+8
 * all year since 1992 (no daylight saving), so a fixed offset is exact for every year we count.
 * A local date is held as a day number (days since 1970-01-01), which makes "the next day" and
 * "the weekday" plain integer arithmetic.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const instantPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Raised for input the engine cannot read (a malformed instant, a negative period …). */
export class InvalidClockInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InvalidClockInputError';
  }
}

/**
 * An ISO instant as epoch milliseconds. A value without an offset ("2026-09-30T10:00", or a bare
 * date) is read as Beijing time, never as the machine's own zone.
 */
export function parseInstant(value: string | Date, field = 'start'): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidClockInputError(field, 'not a valid date');
    return ms;
  }
  const m = instantPattern.exec(value.trim());
  if (!m) throw new InvalidClockInputError(field, `"${value}" is not an ISO 8601 instant`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 24 || minute > 59)
    throw new InvalidClockInputError(field, `"${value}" is not a valid date and time`);
  if (hour === 24 && (minute > 0 || second > 0))
    throw new InvalidClockInputError(field, `"${value}" is past 24:00`);
  let offset = SHANGHAI_OFFSET_MS;
  if (zone && zone.toUpperCase() === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2)) * 60_000);
  }
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Beijing-time ISO form of an instant: 2026-10-11T00:00:00+08:00. */
export function formatInstant(ms: number): string {
  const local = new Date(ms + SHANGHAI_OFFSET_MS).toISOString(); // 2026-10-10T16:00:00.000Z
  const fraction = local.slice(19, 23) === '.000' ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${fraction}+08:00`;
}

/** "2026-09-30 10:00" in Beijing time, for explanations. */
export function formatLocalMinute(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Beijing local date (day number) an instant falls on. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** 00:00 Beijing time at the start of a day number (= 24:00 of the day before). */
export function startOfLocalDay(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

export function dayNumberOf(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new InvalidClockInputError('date', `"${isoDate}" is not an ISO date`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    throw new InvalidClockInputError('date', `"${isoDate}" is not a valid date`);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function isoDateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export const weekdayNames = {
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;
