import { sql } from 'drizzle-orm';
import { boolean, check, date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The working-day calendar: statutory holidays (法定节假日) and adjusted working days (调休上班) by
 * date, and the years it covers. A deadline that reaches a year not in `calendar_year` is refused,
 * never guessed.
 */
export const calendarYear = pgTable('calendar_year', {
  year: integer('year').primaryKey(),
  /** 'chinese-days' (bundled official data) or 'admin' (entered from the State Council notice). */
  source: text('source').notNull(),
  notice: text('notice'),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const calendarDay = pgTable(
  'calendar_day',
  {
    day: date('day').primaryKey(),
    /** 'holiday': a rest day by law; 'workday': a weekend day worked instead (调休). */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Counts towards the statutory holiday itself (not only the bridged rest days). */
    statutory: boolean('statutory').notNull().default(false),
  },
  (t) => [check('calendar_day_kind_ck', sql`${t.kind} IN ('holiday','workday')`)],
);
