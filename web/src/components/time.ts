import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The district's clock. Instants from the server are shown in Beijing time whatever the browser's
 * zone: an exam session, a deadline or a ticket printed on a machine set to UTC must still read
 * 09:00 for a 09:00 paper.
 */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

/** An instant (ISO string) in the district's time, e.g. `formatInstant(at, 'YYYY-MM-DD HH:mm')`. */
export function formatInstant(at: string | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  return at ? dayjs(at).tz(DISTRICT_TIME_ZONE).format(pattern) : '—';
}

/**
 * Pickers work in the browser's zone: show an instant as a local value with Beijing's wall-clock
 * time (`wallTime`), and read a picked value back as that wall-clock time in Beijing (`fromWallTime`).
 */
export function wallTime(at: string): Dayjs {
  return dayjs(dayjs(at).tz(DISTRICT_TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss'));
}

export function fromWallTime(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), DISTRICT_TIME_ZONE).format();
}
