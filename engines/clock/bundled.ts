import officialData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { type Calendar, type CalendarData, type CalendarDayEntry, createCalendar } from './calendar.ts';

/**
 * The official calendar bundled with the `chinese-days` package (State Council notices, 2004 to
 * its last year). Only its raw JSON is read — not the library, which would pull in its own date
 * code. Each entry is "English name,中文名,statutory day count"; holidays include the weekend and
 * swapped days bridged into the break, `inLieuDays` marks the swapped ones (调休放假).
 */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

/** chinese-days' short names → the names used in State Council notices. */
const officialName: Record<string, string> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
  '国庆节、中秋节': '国庆节、中秋节',
};

function nameOf(raw: string): string {
  const zh = raw.split(',')[1]?.trim() ?? raw;
  return officialName[zh] ?? zh;
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The bundled data as plain calendar data (for seeding the database). */
export function bundledCalendarData(): CalendarData {
  const data = officialData as ChineseDaysJson;
  const days: CalendarDayEntry[] = [];
  const years = new Set<number>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    years.add(Number(date.slice(0, 4)));
    // A statutory day is a holiday on a weekday that is not a swapped (in-lieu) day: the law's
    // days off, including the make-up day when one of them falls on a weekend.
    const w = weekday(date);
    const statutory = w !== 0 && w !== 6 && !data.inLieuDays[date];
    days.push({ date, kind: 'holiday', name: nameOf(raw), statutory });
  }
  for (const [date, raw] of Object.entries(data.workdays)) {
    years.add(Number(date.slice(0, 4)));
    days.push({ date, kind: 'workday', name: nameOf(raw) });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years: [...years].sort((a, b) => a - b), days };
}

let cached: Calendar | undefined;

/** The bundled official calendar, for when no database calendar is available (the CLI, tests). */
export function bundledCalendar(): Calendar {
  cached ??= createCalendar(bundledCalendarData());
  return cached;
}
