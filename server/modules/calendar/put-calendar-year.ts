import { and, gte, lte } from 'drizzle-orm';
import type { TCalendarYearDetail, TPutCalendarYearRequest } from '../../../contracts/calendar.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { invalidateCalendar } from '../../core/calendar/index.ts';
import { calendarDay, calendarYear } from '../../core/calendar/schema.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { getCalendarYear } from './get-calendar-year.ts';

/**
 * Enter or replace one year of the calendar from the State Council notice (国务院办公厅关于某年部分
 * 节假日安排的通知): the year's holidays and adjusted workdays as a whole, audited before/after.
 */
export async function putCalendarYear({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { year: number } & TPutCalendarYearRequest;
}): Promise<TCalendarYearDetail> {
  const seen = new Set<string>();
  input.days.forEach((d, i) => {
    if (d.date.slice(0, 4) !== String(input.year))
      throw new DomainError('calendar.day_outside_year', { field: `days.${i}.date` });
    if (seen.has(d.date)) throw new DomainError('calendar.duplicate_day', { field: `days.${i}.date` });
    seen.add(d.date);
    const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
    if (d.kind === 'workday' && weekday !== 0 && weekday !== 6)
      throw new DomainError('calendar.workday_not_weekend', { field: `days.${i}.date` });
  });
  const before = await getCalendarYear({ actor, tx, input: { year: input.year } });
  await tx
    .delete(calendarDay)
    .where(and(gte(calendarDay.day, `${input.year}-01-01`), lte(calendarDay.day, `${input.year}-12-31`)));
  if (input.days.length) {
    await tx.insert(calendarDay).values(
      input.days.map((d) => ({
        day: d.date,
        kind: d.kind,
        name: d.name,
        statutory: d.kind === 'holiday' && d.statutory,
      })),
    );
  }
  const now = new Date();
  await tx
    .insert(calendarYear)
    .values({
      year: input.year,
      source: 'admin',
      notice: input.notice,
      updatedBy: actor.accountId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: calendarYear.year,
      set: { source: 'admin', notice: input.notice, updatedBy: actor.accountId, updatedAt: now },
    });
  const after = await getCalendarYear({ actor, tx, input: { year: input.year } });
  await recordAudit(tx, actor, {
    action: 'calendar.put_year',
    entityType: 'calendarYear',
    entityId: input.year,
    orgId: actor.orgId,
    districtId: actor.districtId,
    before: before.covered ? { notice: before.notice, source: before.source, days: before.days } : null,
    after: { notice: after.notice, source: after.source, days: after.days },
  });
  invalidateCalendar();
  return after;
}
