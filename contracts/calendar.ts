import { z } from 'zod';
import { ZIsoDate } from './common.ts';

/** The working-day calendar (工作日历) and the deadline calculator (期限计算). */

export const ZCalendarYearParam = z.coerce.number().int().min(2000).max(2100);

export const ZCalendarDay = z.object({
  date: ZIsoDate,
  /** holiday: a rest day (法定节假日 and the days bridged to it); workday: a weekend day worked (调休上班). */
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(40),
  statutory: z.boolean().default(false),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarYearSummary = z.object({
  year: z.number().int(),
  /** chinese-days: the bundled official data; admin: entered from the State Council notice. */
  source: z.string(),
  notice: z.string().nullable(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  updatedAt: z.string(),
});

export const ZCalendarYears = z.object({
  items: z.array(ZCalendarYearSummary),
  /** What this user may do: 'edit' when they may enter or change a year. */
  actions: z.array(z.enum(['edit'])),
});
export type TCalendarYears = z.infer<typeof ZCalendarYears>;

export const ZCalendarDaysQuery = z.object({ year: ZCalendarYearParam });

export const ZCalendarYearDetail = z.object({
  year: z.number().int(),
  covered: z.boolean(),
  source: z.string().nullable(),
  notice: z.string().nullable(),
  days: z.array(ZCalendarDay),
  actions: z.array(z.enum(['edit'])),
});
export type TCalendarYearDetail = z.infer<typeof ZCalendarYearDetail>;

export const ZPutCalendarYearRequest = z.object({
  /** The State Council notice the year was entered from, e.g. 国办发明电〔2025〕7号. */
  notice: z.string().trim().min(1).max(200),
  days: z.array(ZCalendarDay).max(366),
});
export type TPutCalendarYearRequest = z.infer<typeof ZPutCalendarYearRequest>;

const ZInstant = z.iso.datetime({ offset: true, local: true });
const ZCount = z.number().int().min(1).max(3660);

export const ZClockRule = z.union([
  z.object({ days: ZCount }).strict(),
  z.object({ workingDays: ZCount }).strict(),
  z.object({ hours: z.number().positive().max(87_840) }).strict(),
]);

export const ZDueRequest = z.object({
  /** ISO instant; without an offset it is read as Beijing time. */
  from: ZInstant,
  rule: ZClockRule,
  pauses: z
    .array(z.object({ from: ZInstant, to: ZInstant, reason: z.string().trim().min(1).max(200) }))
    .max(50)
    .default([]),
  extensions: z
    .array(
      z.union([
        z.object({
          days: ZCount,
          approver: z.string().trim().min(1).max(60),
          reason: z.string().trim().min(1).max(200),
        }),
        z.object({
          workingDays: ZCount,
          approver: z.string().trim().min(1).max(60),
          reason: z.string().trim().min(1).max(200),
        }),
        z.object({
          hours: z.number().positive().max(87_840),
          approver: z.string().trim().min(1).max(60),
          reason: z.string().trim().min(1).max(200),
        }),
      ]),
    )
    .max(10)
    .default([]),
});
export type TDueRequest = z.input<typeof ZDueRequest>;

export const ZClockStep = z.object({
  kind: z.enum(['start', 'rule', 'pause', 'count', 'adjustedWorkday', 'skip', 'roll', 'extension', 'due']),
  from: z.string().optional(),
  to: z.string().optional(),
  zh: z.string(),
  en: z.string(),
});

export const ZDueResponse = z.object({
  due: z.string(),
  lastDay: z.string().optional(),
  explain: z.array(ZClockStep),
});
export type TDueResponse = z.infer<typeof ZDueResponse>;
