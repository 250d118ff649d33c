import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from './bundled.ts';
import {
  CalendarNotCoveredError,
  type ClockRule,
  classifyDay,
  createCalendar,
  dayNumberOf,
  dueDate,
  InvalidClockInputError,
  isoDateOf,
} from './index.ts';

/**
 * The legal clock against the official 2025 and 2026 calendars: Spring Festival, National Day,
 * adjusted working weekends, the move off a rest day, pauses, extensions and the refusal to count
 * into a year with no data; then properties over every start day the bundled data covers.
 */
const calendar = bundledCalendar();

const due = (start: string, rule: ClockRule, more: Partial<Parameters<typeof dueDate>[0]> = {}) =>
  dueDate({ start, rule, calendar, ...more });

describe('the bundled calendar', () => {
  it('covers 2004 to 2026 with the 2025 and 2026 notices', () => {
    expect(calendar.years[0]).toBe(2004);
    expect(calendar.years.at(-1)).toBe(2026);
    expect(classifyDay(calendar, '2026-10-01')).toMatchObject({
      kind: 'holiday',
      name: '国庆节',
      statutory: true,
    });
    expect(classifyDay(calendar, '2026-10-03')).toMatchObject({ kind: 'holiday', statutory: false });
    expect(classifyDay(calendar, '2026-10-10')).toMatchObject({ kind: 'adjustedWorkday', working: true });
    expect(classifyDay(calendar, '2025-01-26')).toMatchObject({ kind: 'adjustedWorkday', name: '春节' });
    expect(classifyDay(calendar, '2026-03-07')).toMatchObject({ kind: 'weekend', working: false });
    expect(classifyDay(calendar, '2026-03-09')).toMatchObject({ kind: 'workday', working: true });
    expect(() => classifyDay(calendar, '2027-01-04')).toThrow(CalendarNotCoveredError);
  });
});

describe('dueDate: table of holidays and adjusted workdays', () => {
  const table: { name: string; start: string; rule: ClockRule; lastDay: string }[] = [
    // 2025 Spring Festival: rest 01-28…02-04; work Sun 01-26 and Sat 02-08.
    {
      name: '2025 春节: adjusted Sunday counts, break skipped',
      start: '2025-01-24T15:00:00+08:00',
      rule: { workingDays: 3 },
      lastDay: '2025-02-05',
    },
    {
      name: '2025 春节: natural days ending in the break move past it',
      start: '2025-01-27T09:00:00+08:00',
      rule: { days: 3 },
      lastDay: '2025-02-05',
    },
    {
      name: '2025 春节: adjusted Saturday after the break',
      start: '2025-02-05T09:00:00+08:00',
      rule: { workingDays: 3 },
      lastDay: '2025-02-08',
    },
    // 2025 National Day + Mid-autumn: rest 10-01…10-08; work Sun 09-28 and Sat 10-11.
    {
      name: '2025 国庆: adjusted Sunday before the break',
      start: '2025-09-26T17:00:00+08:00',
      rule: { workingDays: 2 },
      lastDay: '2025-09-29',
    },
    {
      name: '2025 国庆: one working day across the break',
      start: '2025-09-30T10:00:00+08:00',
      rule: { workingDays: 1 },
      lastDay: '2025-10-09',
    },
    {
      name: '2025 国庆: one natural day lands in the break',
      start: '2025-09-30T10:00:00+08:00',
      rule: { days: 1 },
      lastDay: '2025-10-09',
    },
    {
      name: '2025 国庆: adjusted Saturday 10-11 counts',
      start: '2025-09-30T10:00:00+08:00',
      rule: { workingDays: 3 },
      lastDay: '2025-10-11',
    },
    // 2026 Spring Festival: rest 02-15…02-23; work Sat 02-14 and Sat 02-28.
    {
      name: '2026 春节: the adjusted Saturday before the break',
      start: '2026-02-13T09:00:00+08:00',
      rule: { workingDays: 1 },
      lastDay: '2026-02-14',
    },
    {
      name: '2026 春节: then the whole break is skipped',
      start: '2026-02-13T09:00:00+08:00',
      rule: { workingDays: 2 },
      lastDay: '2026-02-24',
    },
    {
      name: '2026 春节: 7 natural days end in the break',
      start: '2026-02-10T09:00:00+08:00',
      rule: { days: 7 },
      lastDay: '2026-02-24',
    },
    {
      name: '2026 春节: adjusted Saturday 02-28',
      start: '2026-02-24T09:00:00+08:00',
      rule: { workingDays: 4 },
      lastDay: '2026-02-28',
    },
    // 2026 National Day: rest 10-01…10-07; work Sun 09-20 and Sat 10-10.
    {
      name: '2026 国庆: across the break to Saturday 10-10',
      start: '2026-09-30T10:00:00+08:00',
      rule: { workingDays: 3 },
      lastDay: '2026-10-10',
    },
    {
      name: '2026 国庆: adjusted Sunday 09-20',
      start: '2026-09-18T10:00:00+08:00',
      rule: { workingDays: 1 },
      lastDay: '2026-09-20',
    },
    {
      name: '2026 国庆: natural days ending on 10-02 move to 10-08',
      start: '2026-09-29T10:00:00+08:00',
      rule: { days: 3 },
      lastDay: '2026-10-08',
    },
    {
      name: '2026 国庆: natural days ending on a working day stay',
      start: '2026-09-30T10:00:00+08:00',
      rule: { days: 8 },
      lastDay: '2026-10-08',
    },
    // Ordinary weekends and the turn of the year (2026 元旦: rest 01-01…01-03, work Sun 01-04).
    {
      name: 'a natural day ending on Saturday moves to Monday',
      start: '2026-03-06T10:00:00+08:00',
      rule: { days: 1 },
      lastDay: '2026-03-09',
    },
    {
      name: 'a working day after Friday is Monday',
      start: '2026-03-06T10:00:00+08:00',
      rule: { workingDays: 1 },
      lastDay: '2026-03-09',
    },
    {
      name: 'across New Year 2026 with its adjusted Sunday',
      start: '2025-12-30T10:00:00+08:00',
      rule: { workingDays: 3 },
      lastDay: '2026-01-05',
    },
    // The start day is the Beijing date of the instant, whatever offset it is written in.
    {
      name: 'UTC instant that is already 09-30 in Beijing',
      start: '2026-09-29T16:30:00Z',
      rule: { workingDays: 3 },
      lastDay: '2026-10-10',
    },
    {
      name: 'UTC instant that is still 09-29 in Beijing',
      start: '2026-09-29T15:59:00Z',
      rule: { workingDays: 3 },
      lastDay: '2026-10-09',
    },
    {
      name: 'an instant without offset is Beijing time',
      start: '2026-09-30T00:30',
      rule: { workingDays: 3 },
      lastDay: '2026-10-10',
    },
  ];
  it.each(table)('$name', ({ start, rule, lastDay }) => {
    const result = due(start, rule);
    expect(result.lastDay).toBe(lastDay);
    // 24:00 of the last day, in Beijing time.
    expect(result.due).toBe(`${isoDateOf(dayNumberOf(lastDay) + 1)}T00:00:00+08:00`);
    expect(result.explain[0]!.kind).toBe('start');
    expect(result.explain.at(-1)!.kind).toBe('due');
  });

  it('explains which days it skipped and why, in Chinese and English', () => {
    const { explain } = due('2026-09-30T10:00:00+08:00', { workingDays: 3 });
    expect(explain.map((s) => s.kind)).toEqual(['start', 'rule', 'skip', 'count', 'adjustedWorkday', 'due']);
    expect(explain[2]).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-07',
      zh: '2026-10-01 至 2026-10-07 国庆节 法定节假日，不计',
      en: '2026-10-01 to 2026-10-07 National Day, rest days: skipped',
    });
    expect(explain[4]!.zh).toContain('调休上班');
    expect(explain[5]!.zh).toBe('期限届满：2026-10-10（周六）24:00（北京时间）');
    const rolled = due('2026-03-06T10:00:00+08:00', { days: 1 }).explain;
    expect(rolled.filter((s) => s.kind === 'roll').map((s) => s.en)).toEqual([
      'The last day 2026-03-07 is a weekend rest day: the period ends on the next working day instead',
      'Moved to 2026-03-09 (Monday, a working day)',
    ]);
  });

  it('runs hour clocks continuously through nights and holidays', () => {
    expect(due('2026-09-30T22:00:00+08:00', { hours: 24 }).due).toBe('2026-10-01T22:00:00+08:00');
    expect(due('2026-09-30T14:00:00Z', { hours: 2 }).due).toBe('2026-10-01T00:00:00+08:00');
    expect(due('2026-09-30T22:00:00+08:00', { hours: 24 }).lastDay).toBeUndefined();
    // Hours never consult the calendar, so they also run in a year it does not cover.
    expect(due('2031-05-01T08:00:00+08:00', { hours: 2 }).due).toBe('2031-05-01T10:00:00+08:00');
  });
});

describe('dueDate: pauses', () => {
  const start = '2026-03-02T09:00:00+08:00'; // a Monday
  it('adds the paused working days back to a working-day clock', () => {
    expect(due(start, { workingDays: 5 }).lastDay).toBe('2026-03-09');
    const paused = due(
      start,
      { workingDays: 5 },
      {
        pauses: [
          { from: '2026-03-04T10:00:00+08:00', to: '2026-03-06T09:00:00+08:00', reason: '等待补正材料' },
        ],
      },
    );
    // 03-05 and 03-06 (the resumption day) are not counted.
    expect(paused.lastDay).toBe('2026-03-11');
    expect(paused.explain.find((s) => s.kind === 'skip')).toMatchObject({
      from: '2026-03-05',
      to: '2026-03-06',
    });
    expect(paused.explain.find((s) => s.kind === 'pause')!.zh).toContain('共2日不计入期限');
  });

  it('adds only the working days of a pause over a weekend', () => {
    const paused = due(
      start,
      { workingDays: 5 },
      {
        pauses: [{ from: '2026-03-06T10:00:00+08:00', to: '2026-03-09T09:00:00+08:00', reason: '听证' }],
      },
    );
    expect(paused.lastDay).toBe('2026-03-10');
  });

  it('adds natural days to a natural-day clock, then moves off a rest day', () => {
    expect(due(start, { days: 10 }).lastDay).toBe('2026-03-12');
    const paused = due(
      start,
      { days: 10 },
      {
        pauses: [{ from: '2026-03-03T10:00:00+08:00', to: '2026-03-05T10:00:00+08:00', reason: '等待' }],
      },
    );
    expect(paused.lastDay).toBe('2026-03-16'); // 03-14 is a Saturday
  });

  it('ignores pauses within one day, before the start or after the deadline', () => {
    const plain = due(start, { workingDays: 5 });
    for (const pause of [
      { from: '2026-03-03T09:00:00+08:00', to: '2026-03-03T17:00:00+08:00', reason: '同日' },
      { from: '2026-02-20T09:00:00+08:00', to: '2026-03-01T17:00:00+08:00', reason: '之前' },
      { from: '2026-03-10T09:00:00+08:00', to: '2026-03-20T17:00:00+08:00', reason: '之后' },
    ]) {
      const result = due(start, { workingDays: 5 }, { pauses: [pause] });
      expect(result.due, pause.reason).toBe(plain.due);
      expect(result.explain.find((s) => s.kind === 'pause')!.en).toContain('no effect');
    }
  });

  it('adds the exact paused duration to an hour clock, once for overlapping pauses', () => {
    const result = due(
      '2026-05-06T09:00:00+08:00',
      { hours: 24 },
      {
        pauses: [
          { from: '2026-05-06T12:00:00+08:00', to: '2026-05-06T14:00:00+08:00', reason: '联系不上来电人' },
          { from: '2026-05-06T13:00:00+08:00', to: '2026-05-06T15:30:00+08:00', reason: '等待回电' },
          { from: '2026-05-09T09:00:00+08:00', to: '2026-05-09T10:00:00+08:00', reason: '之后' },
        ],
      },
    );
    expect(result.due).toBe('2026-05-07T12:30:00+08:00');
  });

  it('refuses a pause that ends before it begins', () => {
    expect(() =>
      due(
        start,
        { days: 3 },
        { pauses: [{ from: '2026-03-04T10:00:00+08:00', to: '2026-03-03T10:00:00+08:00', reason: 'x' }] },
      ),
    ).toThrow(InvalidClockInputError);
  });
});

describe('dueDate: extensions', () => {
  it('extends a petition: 60 days, moved off Labour Day, then 30 more', () => {
    const base = due('2026-03-02T09:00:00+08:00', { days: 60 });
    expect(base.lastDay).toBe('2026-05-06'); // 05-01 is Labour Day, the break ends 05-05
    const extended = due(
      '2026-03-02T09:00:00+08:00',
      { days: 60 },
      {
        extensions: [{ days: 30, approver: '王主任', reason: '情况复杂，需进一步调查' }],
      },
    );
    expect(extended.lastDay).toBe('2026-06-05');
    const step = extended.explain.find((s) => s.kind === 'extension')!;
    expect(step.zh).toContain('王主任');
    expect(step.en).toContain('Extended by 30 natural days');
  });

  it('extends in working days and in hours', () => {
    const working = due(
      '2026-09-28T09:00:00+08:00',
      { workingDays: 2 },
      {
        extensions: [{ workingDays: 2, approver: 'a', reason: 'b' }],
      },
    );
    expect(working.lastDay).toBe('2026-10-09'); // 09-29, 09-30; extended: 10-08, 10-09 after the break
    const hours = due(
      '2026-09-28T09:00:00+08:00',
      { hours: 24 },
      { extensions: [{ hours: 12, approver: 'a', reason: 'b' }] },
    );
    expect(hours.due).toBe('2026-09-29T21:00:00+08:00');
  });

  it('refuses an extension without approver or in the wrong unit', () => {
    expect(() =>
      due('2026-03-02', { days: 5 }, { extensions: [{ days: 5, approver: ' ', reason: 'x' }] }),
    ).toThrow(InvalidClockInputError);
    expect(() =>
      due('2026-03-02', { hours: 5 }, { extensions: [{ workingDays: 1, approver: 'a', reason: 'x' }] }),
    ).toThrow(InvalidClockInputError);
    expect(() =>
      due('2026-03-02', { days: 5 }, { extensions: [{ hours: 5, approver: 'a', reason: 'x' }] }),
    ).toThrow(InvalidClockInputError);
  });
});

describe('dueDate: refusal and input', () => {
  it('refuses to count into a year the calendar does not cover, naming the year', () => {
    for (const [start, rule, year] of [
      ['2031-01-01T10:00:00+08:00', { days: 5 }, 2031],
      ['2026-12-20T10:00:00+08:00', { days: 30 }, 2027],
      ['2026-12-31T10:00:00+08:00', { workingDays: 1 }, 2027],
    ] as const) {
      try {
        due(start, rule);
        expect.unreachable(`${start} should be refused`);
      } catch (error) {
        expect(error).toBeInstanceOf(CalendarNotCoveredError);
        expect((error as CalendarNotCoveredError).year).toBe(year);
        expect((error as Error).message).toContain(String(year));
      }
    }
  });

  it('counts with an entered year once it is added', () => {
    const with2027 = createCalendar({
      years: [2026, 2027],
      days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦', statutory: true }],
    });
    const result = dueDate({
      start: '2026-12-31T10:00:00+08:00',
      rule: { workingDays: 1 },
      calendar: with2027,
    });
    expect(result.lastDay).toBe('2027-01-04'); // 01-01 holiday, 01-02/03 weekend
    expect(() =>
      createCalendar({ years: [2026], days: [{ date: '2027-01-01', kind: 'holiday', name: 'x' }] }),
    ).toThrow();
  });

  it('refuses malformed input with the field named', () => {
    for (const [start, rule] of [
      ['yesterday', { days: 1 }],
      ['2026-02-30T10:00:00+08:00', { days: 1 }],
      ['2026-03-02', { days: 0 }],
      ['2026-03-02', { workingDays: 1.5 }],
      ['2026-03-02', { days: 1, hours: 2 }],
      ['2026-03-02', { hours: -1 }],
    ] as const) {
      expect(() => due(start, rule as ClockRule), `${start} ${JSON.stringify(rule)}`).toThrow(
        InvalidClockInputError,
      );
    }
  });
});

describe('properties over every covered start day', () => {
  const first = dayNumberOf('2004-01-01');
  const last = dayNumberOf('2026-09-30');
  const startArb = fc
    .record({ day: fc.integer({ min: first, max: last }), minute: fc.integer({ min: 0, max: 1439 }) })
    .map(({ day, minute }) => {
      const hh = String(Math.floor(minute / 60)).padStart(2, '0');
      const mm = String(minute % 60).padStart(2, '0');
      return `${isoDateOf(day)}T${hh}:${mm}:00+08:00`;
    });

  it('a working-day deadline never lands on a rest day, and is after the start day', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const { lastDay } = due(start, { workingDays: n });
        expect(classifyDay(calendar, lastDay!).working).toBe(true);
        expect(lastDay! > start.slice(0, 10)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a natural-day deadline lands on a working day no earlier than start + N', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const { lastDay } = due(start, { days: n });
        expect(classifyDay(calendar, lastDay!).working).toBe(true);
        expect(dayNumberOf(lastDay!)).toBeGreaterThanOrEqual(dayNumberOf(start.slice(0, 10)) + n);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic in N: more working days never end earlier (strictly later)', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (start, n, more) => {
          const a = Date.parse(due(start, { workingDays: n }).due);
          const b = Date.parse(due(start, { workingDays: n + more }).due);
          expect(b).toBeGreaterThan(a);
          const c = Date.parse(due(start, { days: n }).due);
          const d = Date.parse(due(start, { days: n + more }).due);
          expect(d).toBeGreaterThanOrEqual(c);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a pause never brings a deadline forward', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        fc.integer({ min: 1, max: 10 * 24 * 60 }),
        (start, n, offset, length) => {
          const from = Date.parse(start) + offset * 60_000;
          const pause = { from: new Date(from), to: new Date(from + length * 60_000), reason: 'p' };
          for (const rule of [{ workingDays: n }, { days: n }, { hours: n * 8 }] as ClockRule[]) {
            const plain = Date.parse(due(start, rule).due);
            const paused = Date.parse(due(start, rule, { pauses: [pause] }).due);
            expect(paused).toBeGreaterThanOrEqual(plain);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
