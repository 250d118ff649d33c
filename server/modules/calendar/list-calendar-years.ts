import { asc, sql } from 'drizzle-orm';
import type { TCalendarYears } from '../../../contracts/calendar.ts';
import { type Actor, hasPermission } from '../../core/access/index.ts';
import { calendarDay, calendarYear } from '../../core/calendar/schema.ts';
import type { Executor } from '../../core/db/index.ts';

/** The years the calendar covers, with their source and how many holidays and adjusted workdays each has. */
export async function listCalendarYears({
  actor,
  tx,
}: {
  actor: Actor;
  tx: Executor;
}): Promise<TCalendarYears> {
  const counts = tx
    .select({
      year: sql<number>`extract(year from ${calendarDay.day})::int`.as('y'),
      holidays: sql<number>`count(*) filter (where ${calendarDay.kind} = 'holiday')::int`.as('holidays'),
      workdays: sql<number>`count(*) filter (where ${calendarDay.kind} = 'workday')::int`.as('workdays'),
    })
    .from(calendarDay)
    .groupBy(sql`1`)
    .as('c');
  const rows = await tx
    .select({
      year: calendarYear.year,
      source: calendarYear.source,
      notice: calendarYear.notice,
      updatedAt: calendarYear.updatedAt,
      holidays: sql<number>`coalesce(${counts.holidays}, 0)`,
      workdays: sql<number>`coalesce(${counts.workdays}, 0)`,
    })
    .from(calendarYear)
    .leftJoin(counts, sql`${counts.year} = ${calendarYear.year}`)
    .orderBy(asc(calendarYear.year));
  return {
    items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    actions: hasPermission(actor, 'calendar.manage') ? ['edit'] : [],
  };
}
