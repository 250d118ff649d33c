import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { TNotificationList, TNotificationListQuery } from '../../../contracts/notifications.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { findTemplate, renderTemplate } from '../../core/notifications/index.ts';
import { notification } from '../../core/notifications/schema.ts';

/** The actor's own notifications, newest first, with the unread count for the bell. */
export async function listNotifications({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TNotificationListQuery;
}): Promise<TNotificationList> {
  if (actor.accountId === null) return { items: [], total: 0, unread: 0 };
  const mine = eq(notification.accountId, actor.accountId);
  const where = input.unread ? and(mine, isNull(notification.readAt)) : mine;
  const rows = await tx
    .select()
    .from(notification)
    .where(where)
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [total] = await tx.select({ n: count() }).from(notification).where(where);
  const [unread] = await tx
    .select({ n: count() })
    .from(notification)
    .where(and(mine, isNull(notification.readAt)));
  return {
    items: rows.map((n) => ({
      id: n.id,
      template: n.template,
      ...inLocale(n, input.locale),
      link: n.link,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    unread: unread?.n ?? 0,
  };
}

/** The stored text, or the template re-rendered in the reader's language when it differs. */
function inLocale(
  n: typeof notification.$inferSelect,
  locale: 'zh-CN' | 'en' | undefined,
): { title: string; body: string } {
  const data = n.data as { params?: Record<string, string | number>; locale?: string } | null;
  if (!locale || !data?.params || (data.locale ?? 'zh-CN') === locale || !findTemplate(n.template)) {
    return { title: n.title, body: n.body };
  }
  try {
    return renderTemplate(n.template, data.params, locale);
  } catch {
    return { title: n.title, body: n.body }; // the template changed since: keep what was sent
  }
}
