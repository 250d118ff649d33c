import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { notification } from '../../core/notifications/schema.ts';

// Marking one's own notifications read changes only the reader's inbox state: not audited.

/** Mark one of the actor's notifications read; someone else's answers "not found". */
export async function markNotificationRead({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number };
}): Promise<void> {
  if (actor.accountId === null) throw new DomainError('notifications.not_found');
  const [row] = await tx
    .select({ readAt: notification.readAt })
    .from(notification)
    .where(and(eq(notification.id, input.id), eq(notification.accountId, actor.accountId)));
  if (!row) throw new DomainError('notifications.not_found');
  if (row.readAt) return;
  await tx.update(notification).set({ readAt: new Date() }).where(eq(notification.id, input.id));
}

/** Mark all of the actor's unread notifications read; returns how many changed. */
export async function markAllNotificationsRead({ actor, tx }: { actor: Actor; tx: Tx }): Promise<number> {
  if (actor.accountId === null) return 0;
  const updated = await tx
    .update(notification)
    .set({ readAt: new Date() })
    .where(and(eq(notification.accountId, actor.accountId), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return updated.length;
}
