import { z } from 'zod';
import { ZListQuery, ZListResponse } from './common.ts';

/** 通知中心: the signed-in user's own notifications. */
export const ZNotificationListQuery = ZListQuery.pick({ page: true, pageSize: true }).extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** The reader's language: texts are re-rendered from the template. */
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export type TNotificationListQuery = z.infer<typeof ZNotificationListQuery>;

export const ZNotification = z.object({
  id: z.number().int(),
  template: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationList = ZListResponse(ZNotification).extend({ unread: z.number().int() });
export type TNotificationList = z.infer<typeof ZNotificationList>;

export const ZReadAllResponse = z.object({ updated: z.number().int() });
export type TReadAllResponse = z.infer<typeof ZReadAllResponse>;
