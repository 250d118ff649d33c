import { z } from 'zod';
import { ZId, ZOk } from '../../../contracts/common.ts';
import {
  ZNotificationList,
  ZNotificationListQuery,
  ZReadAllResponse,
} from '../../../contracts/notifications.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { listNotifications } from './list-notifications.ts';
import { markAllNotificationsRead, markNotificationRead } from './read-notifications.ts';

const tags = ['notifications'];

// Every signed-in user has an inbox; each operation touches only the caller's own rows.
export const notificationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/notifications',
    summary: 'My notifications, newest first, with the unread count',
    tags,
    access: 'session',
    query: ZNotificationListQuery,
    response: ZNotificationList,
    handler: ({ actor, tx, query }) => listNotifications({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/notifications/:id/read',
    summary: 'Mark one of my notifications read',
    tags,
    access: 'session',
    params: z.object({ id: ZId }),
    response: ZOk,
    handler: async ({ actor, tx, params }) => {
      await markNotificationRead({ actor, tx, input: { id: params.id } });
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/notifications/read-all',
    summary: 'Mark all my notifications read',
    tags,
    access: 'session',
    response: ZReadAllResponse,
    handler: async ({ actor, tx }) => ({ updated: await markAllNotificationsRead({ actor, tx }) }),
  }),
];
