import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TClockKind } from '../../../contracts/cases.ts';
import {
  type Calendar,
  CalendarNotCoveredError,
  type ClockExtension,
  type ClockPause,
  type ClockRule,
  type DueDateResult,
  dueDate,
  InvalidClockInputError,
} from '../../../engines/clock/index.ts';
import { type Actor, intArray } from '../../core/access/index.ts';
import { loadCalendar } from '../../core/calendar/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
// The calendar module registers the calendar.* error codes the clocks answer with.
import '../calendar/index.ts';
import { caseClock } from './schema.ts';

/**
 * The legal clocks of a case, computed by the clock engine on the stored calendar (loaded once per
 * transaction), refusing a year without calendar data with the calendar module's
 * `calendar.not_covered`. A clock is recomputed from its start,
 * rule, pauses and extensions whenever one of them changes, and keeps the engine's explanation.
 */

/** The statutory petition limits (信访工作条例 Art. 32–35); the 12345 ones come from the catalogue. */
export const petitionRules = {
  petition_accept: { days: 15 },
  transfer_objection: { workingDays: 5 },
  petition_handle: { days: 60 },
  review_request: { days: 30 },
  review_decide: { days: 30 },
  rereview_request: { days: 30 },
  rereview_decide: { days: 30 },
} as const satisfies Partial<Record<TClockKind, ClockRule>>;

/** Windows the citizen has (to object, to ask for review): they never make a case overdue. */
export const windowClocks: readonly TClockKind[] = [
  'transfer_objection',
  'review_request',
  'rereview_request',
];

/** A clock turns at-risk when 80 % of its span has run. */
const RISK_SHARE = 0.8;

export interface StoredExtension {
  days?: number;
  hours?: number;
  workingDays?: number;
  approver: string;
  reason: string;
}

/** The stored calendar, loaded once per transaction (a batch computes hundreds of clocks). */
const calendars = new WeakMap<object, Calendar>();

async function compute(
  tx: Executor,
  _actor: Actor,
  startedAt: Date,
  rule: ClockRule,
  pauses: ClockPause[],
  extensions: StoredExtension[],
): Promise<DueDateResult> {
  let calendar = calendars.get(tx);
  if (!calendar) {
    calendar = await loadCalendar(tx);
    calendars.set(tx, calendar);
  }
  return computeWith(calendar, startedAt, rule, pauses, extensions);
}

/** The engine's due instant, its errors coded as the calendar module codes them. */
export function computeWith(
  calendar: Calendar,
  startedAt: Date,
  rule: ClockRule,
  pauses: ClockPause[] = [],
  extensions: StoredExtension[] = [],
): DueDateResult {
  try {
    return dueDate({ start: startedAt, rule, calendar, pauses, extensions: extensions as ClockExtension[] });
  } catch (error) {
    if (error instanceof CalendarNotCoveredError)
      throw new DomainError('calendar.not_covered', { year: error.year });
    if (error instanceof InvalidClockInputError)
      throw new DomainError('calendar.invalid_clock', { field: error.field });
    throw error;
  }
}

/** The calendar for a batch of clocks computed in one go. */
export async function calendarFor(tx: Executor): Promise<Calendar> {
  let calendar = calendars.get(tx);
  if (!calendar) {
    calendar = await loadCalendar(tx);
    calendars.set(tx, calendar);
  }
  return calendar;
}

/** Start a clock of `kind` at `startedAt`; a running clock of the same kind is cancelled first. */
export async function startClock(
  tx: Tx,
  actor: Actor,
  c: { id: number; districtId: number },
  kind: TClockKind,
  rule: ClockRule,
  startedAt: Date,
): Promise<void> {
  await stopClocks(tx, c.id, [kind], startedAt, 'cancelled');
  const result = await compute(tx, actor, startedAt, rule, [], []);
  await tx.insert(caseClock).values({
    caseId: c.id,
    districtId: c.districtId,
    kind,
    rule,
    startedAt,
    dueAt: new Date(result.due),
    explanation: result.explain,
  });
}

/**
 * Stop the running (or paused) clocks of these kinds: 'met' when stopped in time, 'missed' when
 * late, or 'cancelled' (the stage no longer applies).
 */
export async function stopClocks(
  tx: Tx,
  caseId: number,
  kinds: readonly TClockKind[] | 'all',
  at: Date,
  outcome: 'done' | 'cancelled' = 'done',
): Promise<void> {
  const status =
    outcome === 'cancelled'
      ? sql`'cancelled'`
      : sql`CASE WHEN ${caseClock.dueAt} >= ${at.toISOString()}::timestamptz THEN 'met' ELSE 'missed' END`;
  await tx
    .update(caseClock)
    .set({ status: sql`${status}`, stoppedAt: at })
    .where(
      and(
        eq(caseClock.caseId, caseId),
        inArray(caseClock.status, ['running', 'paused']),
        kinds === 'all' ? undefined : inArray(caseClock.kind, [...kinds]),
      ),
    );
}

/** The running clock of `kind`, if any. */
export async function runningClock(tx: Executor, caseId: number, kind: TClockKind) {
  const [row] = await tx
    .select()
    .from(caseClock)
    .where(
      and(
        eq(caseClock.caseId, caseId),
        eq(caseClock.kind, kind),
        inArray(caseClock.status, ['running', 'paused']),
      ),
    );
  return row;
}

async function recompute(tx: Tx, actor: Actor, clock: typeof caseClock.$inferSelect) {
  const result = await compute(
    tx,
    actor,
    clock.startedAt,
    clock.rule as ClockRule,
    clock.pauses as ClockPause[],
    clock.extensions as StoredExtension[],
  );
  await tx
    .update(caseClock)
    .set({ dueAt: new Date(result.due), explanation: result.explain })
    .where(eq(caseClock.id, clock.id));
}

/**
 * The engine's explanation of a clock; rows written in bulk (the demo) store none and get it
 * computed when a case is opened.
 */
export async function explainClock(tx: Executor, actor: Actor, clock: typeof caseClock.$inferSelect) {
  if ((clock.explanation as unknown[]).length > 0)
    return clock.explanation as { kind: string; zh: string; en: string }[];
  try {
    const result = await compute(
      tx,
      actor,
      clock.startedAt,
      clock.rule as ClockRule,
      clock.pauses as ClockPause[],
      clock.extensions as StoredExtension[],
    );
    return result.explain;
  } catch {
    return [];
  }
}

/** Pause the running clocks of these kinds (waiting on the citizen). */
export async function pauseClocks(
  tx: Tx,
  caseId: number,
  kinds: readonly TClockKind[],
  at: Date,
  reason: string,
) {
  await tx
    .update(caseClock)
    .set({ status: 'paused', pausedSince: at, pauseReason: reason })
    .where(
      and(eq(caseClock.caseId, caseId), eq(caseClock.status, 'running'), inArray(caseClock.kind, [...kinds])),
    );
}

/** Resume paused clocks: the closed pause is added to each and its due instant recomputed. */
export async function unpauseClocks(tx: Tx, actor: Actor, caseId: number, at: Date): Promise<number> {
  const paused = await tx
    .select()
    .from(caseClock)
    .where(and(eq(caseClock.caseId, caseId), eq(caseClock.status, 'paused')));
  for (const clock of paused) {
    const pauses = [
      ...(clock.pauses as ClockPause[]),
      { from: clock.pausedSince!.toISOString(), to: at.toISOString(), reason: clock.pauseReason ?? '' },
    ];
    const updated = { ...clock, pauses, status: 'running', pausedSince: null, pauseReason: null };
    await tx
      .update(caseClock)
      .set({ pauses, status: 'running', pausedSince: null, pauseReason: null })
      .where(eq(caseClock.id, clock.id));
    await recompute(tx, actor, updated);
  }
  return paused.length;
}

/** Add an approved extension to a running clock and recompute its due instant. */
export async function extendClock(
  tx: Tx,
  actor: Actor,
  caseId: number,
  kind: TClockKind,
  extension: StoredExtension,
): Promise<boolean> {
  const clock = await runningClock(tx, caseId, kind);
  if (!clock) return false;
  const extensions = [...(clock.extensions as StoredExtension[]), extension];
  await tx.update(caseClock).set({ extensions }).where(eq(caseClock.id, clock.id));
  await recompute(tx, actor, { ...clock, extensions });
  return true;
}

/**
 * Copy the clocks that matter onto the case row (for lists, sorting and the at-risk filter): the
 * earliest running clock that is the unit's own deadline, and the three 12345 due instants.
 */
export async function refreshCaseDue(tx: Tx, caseId: number): Promise<void> {
  await refreshCaseDues(tx, [caseId]);
}

/** `refreshCaseDue` for many cases in one statement (bulk dispatch). */
export async function refreshCaseDues(tx: Tx, caseIds: number[]): Promise<void> {
  if (!caseIds.length) return;
  await tx.execute(sql`
    UPDATE case_record c SET
      due_kind = d.kind, due_at = d.due_at, risk_at = d.risk_at,
      sign_for_due_at = (SELECT max(due_at) FROM case_clock WHERE case_id = c.id AND kind = 'sign_for'),
      contact_due_at = (SELECT max(due_at) FROM case_clock WHERE case_id = c.id AND kind = 'first_contact'),
      reply_due_at = (SELECT due_at FROM case_clock WHERE case_id = c.id AND kind = 'reply' ORDER BY id DESC LIMIT 1),
      updated_at = now()
    FROM unnest(${intArray(caseIds)}::bigint[]) AS x(id)
    LEFT JOIN LATERAL (
      SELECT k.kind, k.due_at, k.started_at + (k.due_at - k.started_at) * ${RISK_SHARE} AS risk_at
      FROM case_clock k
      WHERE k.case_id = x.id AND k.status = 'running' AND k.kind <> ALL(${sql.raw(`'{${windowClocks.join(',')}}'::text[]`)})
      ORDER BY k.due_at LIMIT 1
    ) d ON true
    WHERE c.id = x.id`);
}

/** The due instant as the engine computes it, for the demo generator and tests (no database). */
export const riskShare = RISK_SHARE;
