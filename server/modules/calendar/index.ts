import type { PlatformModule } from '../../core/modules.ts';
import './errors.ts';
import { calendarRoutes } from './routes.ts';

/**
 * 工作日历: statutory holidays and adjusted workdays, and the deadline calculator. The menu is for
 * administrators (who enter new years); reading and computing deadlines are open to every session.
 */
export const calendarModule: PlatformModule = {
  id: 'calendar',
  menu: {
    path: '/calendar',
    zh: '工作日历',
    en: 'Working-day calendar',
    permission: 'calendar.manage',
    order: 80,
  },
  routes: calendarRoutes,
};

export { computeDueDate } from './compute-due-date.ts';
