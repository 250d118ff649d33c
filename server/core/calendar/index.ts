import { asc, sql } from 'drizzle-orm';
import { bundledCalendarData } from '../../../engines/clock/bundled.ts';
import { type Calendar, type CalendarDayEntry, createCalendar } from '../../../engines/clock/index.ts';
import type { Db, Executor } from '../db/index.ts';
import { calendarDay, calendarYear } from './schema.ts';

/**
 * The working-day calendar in the database. `seedCalendar` adds the bundled official years
 * (chinese-days) that the table does not have yet — on an empty database all of them, after a
 * package upgrade the new ones — and never touches a year already there (an administrator's edit
 * wins). `loadCalendar` builds the engine's `Calendar` and keeps it until the data changes.
 */

/** Adds every bundled year missing from `calendar_year`; safe to run at every start, from several processes. */
export async function seedCalendar(db: Db): Promise<{ added: number[] }> {
  const data = bundledCalendarData();
  return db.transaction(async (tx) => {
    // One seeder at a time; the others then find the years present.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('edugov.calendar.seed'))`);
    const present = new Set(
      (await tx.select({ year: calendarYear.year }).from(calendarYear)).map((r) => r.year),
    );
    const added = data.years.filter((y) => !present.has(y));
    if (!added.length) return { added };
    const wanted = new Set(added);
    await tx
      .insert(calendarYear)
      .values(
        added.map((year) => ({
          year,
          source: 'chinese-days',
          notice: `国务院办公厅${year}年部分节假日安排的通知`,
        })),
      )
      .onConflictDoNothing();
    const days = data.days.filter((d) => wanted.has(Number(d.date.slice(0, 4))));
    for (let i = 0; i < days.length; i += 500) {
      await tx
        .insert(calendarDay)
        .values(
          days
            .slice(i, i + 500)
            .map((d) => ({ day: d.date, kind: d.kind, name: d.name, statutory: d.statutory ?? false })),
        )
        .onConflictDoNothing();
    }
    invalidateCalendar();
    return { added };
  });
}

let cache: { version: string; calendar: Calendar } | undefined;

/** Forget the cached calendar (called after a year is edited in this process). */
export function invalidateCalendar(): void {
  cache = undefined;
}

/**
 * The calendar as stored. One small query checks a version stamp (database, year count, latest
 * change), so an edit made by another process behind the load balancer is seen at once too.
 */
export async function loadCalendar(db: Executor): Promise<Calendar> {
  const [stamp] = (
    await db.execute<{ version: string }>(
      sql`SELECT current_database() || ':' || count(*) || ':' || coalesce(max(${calendarYear.updatedAt})::text, '') AS version FROM ${calendarYear}`,
    )
  ).rows;
  const version = stamp!.version;
  if (cache?.version === version) return cache.calendar;
  const years = (await db.select({ year: calendarYear.year }).from(calendarYear)).map((r) => r.year);
  const rows = await db.select().from(calendarDay).orderBy(asc(calendarDay.day));
  const covered = new Set(years);
  // A day without its year row is not data the calendar vouches for: leave it out.
  const days: CalendarDayEntry[] = rows
    .filter((r) => covered.has(Number(r.day.slice(0, 4))))
    .map((r) => ({
      date: r.day,
      kind: r.kind as CalendarDayEntry['kind'],
      name: r.name,
      statutory: r.statutory,
    }));
  const calendar = createCalendar({ years, days });
  cache = { version, calendar };
  return calendar;
}
