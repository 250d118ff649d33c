import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { formatInstant, fromWallTime, wallTime } from './time.ts';

/** Instants read and written in Beijing time whatever the zone this runs in (CI runs in UTC). */
describe('district time', () => {
  it('shows an instant in Beijing time', () => {
    expect(formatInstant('2020-07-18T01:00:00Z')).toBe('2020-07-18 09:00');
    expect(formatInstant('2020-07-18T09:00:00+08:00', 'HH:mm')).toBe('09:00');
    expect(formatInstant(null)).toBe('—');
  });

  it('round-trips a picked wall-clock time as Beijing time', () => {
    expect(fromWallTime(dayjs('2020-07-18T09:00:00'))).toBe('2020-07-18T09:00:00+08:00');
    const shown = wallTime('2020-07-18T01:30:00Z');
    expect(shown.format('YYYY-MM-DD HH:mm')).toBe('2020-07-18 09:30');
    expect(fromWallTime(shown)).toBe('2020-07-18T09:30:00+08:00');
  });
});
