import { z } from 'zod';
import {
  ZCalendarDaysQuery,
  ZCalendarYearDetail,
  ZCalendarYearParam,
  ZCalendarYears,
  ZDueRequest,
  ZDueResponse,
  ZPutCalendarYearRequest,
} from '../../../contracts/calendar.ts';
import { holidayNameEn } from '../../../engines/clock/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { streamXlsx } from '../../core/excel.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { computeDueDate } from './compute-due-date.ts';
import { getCalendarYear } from './get-calendar-year.ts';
import { listCalendarYears } from './list-calendar-years.ts';
import { putCalendarYear } from './put-calendar-year.ts';

const tags = ['calendar'];
const kindLabel = { holiday: '放假 Holiday', workday: '调休上班 Adjusted workday' } as const;
const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * Reading the calendar and computing a deadline are open to every session: the calendar is public
 * (State Council notices) and every case screen shows deadlines. Changing it needs calendar.manage.
 */
export const calendarRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/calendar/years',
    summary: 'The years the working-day calendar covers',
    tags,
    access: 'session',
    response: ZCalendarYears,
    handler: ({ actor, tx }) => listCalendarYears({ actor, tx }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/calendar/days',
    summary: "One year's holidays and adjusted workdays",
    tags,
    access: 'session',
    query: ZCalendarDaysQuery,
    response: ZCalendarYearDetail,
    handler: ({ actor, tx, query }) => getCalendarYear({ actor, tx, input: { year: query.year } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/calendar/days/export.xlsx',
    summary: "Export one year's holidays and adjusted workdays to Excel",
    tags,
    access: 'session',
    writes: true,
    query: ZCalendarDaysQuery,
    handler: async ({ actor, tx, query, reply }) => {
      const detail = await getCalendarYear({ actor, tx, input: { year: query.year } });
      await recordAudit(tx, actor, {
        action: 'calendar.export_days',
        entityType: 'calendarYear',
        entityId: query.year,
        orgId: actor.orgId,
        after: { filters: query, rows: detail.days.length },
      });
      await streamXlsx(reply, {
        fileName: `工作日历-${query.year}`,
        sheetName: String(query.year),
        columns: [
          { header: '日期 Date', width: 14, value: (d) => d.date },
          {
            header: '星期 Weekday',
            width: 10,
            value: (d) => weekdays[new Date(`${d.date}T00:00:00Z`).getUTCDay()],
          },
          { header: '类型 Kind', width: 26, value: (d) => kindLabel[d.kind] },
          { header: '节日 Holiday', width: 20, value: (d) => d.name },
          { header: 'Holiday (en)', width: 26, value: (d) => holidayNameEn(d.name) },
          { header: '法定 Statutory', value: (d) => (d.statutory ? '是' : '') },
        ],
        pages: (async function* () {
          yield detail.days;
        })(),
      });
      return reply;
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/calendar/years/:year',
    summary: 'Enter or replace a year from the State Council notice',
    tags,
    access: 'calendar.manage',
    params: z.object({ year: ZCalendarYearParam }),
    body: ZPutCalendarYearRequest,
    response: ZCalendarYearDetail,
    handler: ({ actor, tx, params, body }) =>
      putCalendarYear({ actor, tx, input: { year: params.year, ...body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/calendar/due',
    summary: 'Compute a legal deadline with its explanation',
    tags,
    access: 'session',
    body: ZDueRequest,
    response: ZDueResponse,
    handler: ({ actor, tx, body }) => computeDueDate({ actor, tx, input: body }),
  }),
];
