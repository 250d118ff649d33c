import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { TCalendarYearDetail } from '../../../contracts/calendar.ts';
import { type Actor, hasPermission } from '../../core/access/index.ts';
import { calendarDay, calendarYear } from '../../core/calendar/schema.ts';
import type { Executor } from '../../core/db/index.ts';

/** One year's holidays and adjusted workdays; `covered: false` for a year not entered yet. */
export async function getCalendarYear({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { year: number };
}): Promise<TCalendarYearDetail> {
  const [year] = await tx.select().from(calendarYear).where(eq(calendarYear.year, input.year));
  const days = await tx
    .select()
    .from(calendarDay)
    .where(and(gte(calendarDay.day, `${input.year}-01-01`), lte(calendarDay.day, `${input.year}-12-31`)))
    .orderBy(asc(calendarDay.day));
  return {
    year: input.year,
    covered: !!year,
    source: year?.source ?? null,
    notice: year?.notice ?? null,
    days: days.map((d) => ({
      date: d.day,
      kind: d.kind as 'holiday' | 'workday',
      name: d.name,
      statutory: d.statutory,
    })),
    actions: hasPermission(actor, 'calendar.manage') ? ['edit'] : [],
  };
}
