import { bundledCalendar } from '../engines/clock/bundled.ts';
import { type ClockRule, dueDate, formatInstant, parseInstant } from '../engines/clock/index.ts';

/**
 * Legal-clock computations per second (engine only, bundled calendar), one JSON line per case:
 *   clock.naturalDays   15 natural days (信访 acceptance), the start spread over 2025–2026
 *   clock.workingDays   5 working days (transfer objection), same starts
 *   clock.paused        60 natural days with two pauses and an extension (a petition's whole life)
 *   clock.hours         24 hours with a pause (12345 utilities limit)
 * Run: `npx tsx bench/clock.ts`. Not part of `npm test`: figures depend on the machine.
 */
const calendar = bundledCalendar();
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

// 600 start instants across 2025-01-01 … 2026-08-22, at varying times of day.
const base = parseInstant('2025-01-01T09:00:00+08:00');
const starts = Array.from({ length: 600 }, (_, i) =>
  formatInstant(base + i * 86_400_000 + (i % 9) * 3_600_000),
);

function measure(name: string, compute: (start: string) => unknown): void {
  for (let i = 0; i < 2000; i++) compute(starts[i % starts.length]!); // warm up
  let count = 0;
  const began = performance.now();
  let elapsed = 0;
  while (elapsed < 1500) {
    for (let i = 0; i < 200; i++) compute(starts[(count + i) % starts.length]!);
    count += 200;
    elapsed = performance.now() - began;
  }
  print({
    case: name,
    perSecond: Math.round((count / elapsed) * 1000),
    runs: count,
    ms: Math.round(elapsed),
  });
}

const rule = (r: ClockRule) => (start: string) => dueDate({ start, rule: r, calendar });

measure('clock.naturalDays', rule({ days: 15 }));
measure('clock.workingDays', rule({ workingDays: 5 }));
measure('clock.paused', (start) => {
  const t = parseInstant(start);
  return dueDate({
    start,
    rule: { days: 60 },
    calendar,
    pauses: [
      { from: new Date(t + 3 * 86_400_000), to: new Date(t + 8 * 86_400_000), reason: '等待补正材料' },
      { from: new Date(t + 20 * 86_400_000), to: new Date(t + 22 * 86_400_000), reason: '听证' },
    ],
    extensions: [{ days: 30, approver: '主任', reason: '情况复杂' }],
  });
});
measure('clock.hours', (start) => {
  const t = parseInstant(start);
  return dueDate({
    start,
    rule: { hours: 24 },
    calendar,
    pauses: [{ from: new Date(t + 3_600_000), to: new Date(t + 5_400_000), reason: '联系不上来电人' }],
  });
});
