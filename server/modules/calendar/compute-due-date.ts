import type { TDueRequest, TDueResponse } from '../../../contracts/calendar.ts';
import {
  CalendarNotCoveredError,
  type ClockExtension,
  type ClockRule,
  dueDate,
  InvalidClockInputError,
} from '../../../engines/clock/index.ts';
import type { Actor } from '../../core/access/index.ts';
import { loadCalendar } from '../../core/calendar/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';

/** A deadline from the stored calendar, for the UI's calculator and hover explanations. */
export async function computeDueDate({
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TDueRequest;
}): Promise<TDueResponse> {
  const calendar = await loadCalendar(tx);
  try {
    return dueDate({
      start: input.from,
      rule: input.rule as ClockRule,
      calendar,
      pauses: input.pauses ?? [],
      extensions: (input.extensions ?? []) as ClockExtension[],
    });
  } catch (error) {
    if (error instanceof CalendarNotCoveredError)
      throw new DomainError('calendar.not_covered', { year: error.year });
    if (error instanceof InvalidClockInputError)
      throw new DomainError('calendar.invalid_clock', { field: error.field });
    throw error;
  }
}
