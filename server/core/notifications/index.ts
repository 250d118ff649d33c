import { inArray } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { account } from '../db/schema.ts';
import { notification, notificationDelivery } from './schema.ts';
import { type Locale, renderTemplate } from './templates.ts';
import { type Channel, maskRecipient, transportFor } from './transports.ts';

export { findTemplate, type Locale, registerTemplates, renderTemplate } from './templates.ts';
export { type Channel, logTransport, maskRecipient, setTransport, type Transport } from './transports.ts';

/**
 * 通知: in-app notifications from message templates, and their deliveries by SMS or email. A
 * business operation calls `notify` in its own transaction, so that a rolled-back change sends
 * nothing to the inbox; the delivery table keeps only masked recipients.
 */
export interface NotifyInput {
  accountIds: number[];
  template: string;
  params: Record<string, string | number>;
  /** Where the notification leads in the web (`/people?id=12`). */
  link?: string | null;
  /** The language of the stored text; the list re-renders in the reader's language. Default zh-CN. */
  locale?: Locale;
  /** Copies by SMS or email: the plain address is handed to the transport and never stored. */
  deliver?: { accountId: number; channel: Channel; to: string }[];
}

export async function notify(tx: Tx, input: NotifyInput): Promise<number[]> {
  const locale = input.locale ?? 'zh-CN';
  const text = renderTemplate(input.template, input.params, locale);
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) return [];
  const accounts = await tx
    .select({ id: account.id, districtId: account.districtId })
    .from(account)
    .where(inArray(account.id, ids));
  if (accounts.length !== ids.length) throw new Error('notify: unknown account');
  const created = await tx
    .insert(notification)
    .values(
      accounts.map((a) => ({
        districtId: a.districtId,
        accountId: a.id,
        template: input.template,
        title: text.title,
        body: text.body,
        link: input.link ?? null,
        data: { params: input.params, locale },
      })),
    )
    .returning({ id: notification.id, accountId: notification.accountId });
  const byAccount = new Map(created.map((n) => [n.accountId, n.id]));
  for (const copy of input.deliver ?? []) {
    const notificationId = byAccount.get(copy.accountId);
    if (notificationId === undefined) throw new Error('notify: a delivery for an account not notified');
    await deliver(tx, notificationId, copy.channel, copy.to, text, locale);
  }
  return created.map((n) => n.id);
}

/**
 * Send one copy through the channel's transport and record the outcome. A refusal is recorded as
 * 'failed' with its reason; it never undoes the business change that caused the notification.
 */
async function deliver(
  tx: Tx,
  notificationId: number,
  channel: Channel,
  to: string,
  text: { title: string; body: string },
  locale: Locale,
): Promise<void> {
  const transport = transportFor(channel);
  let error: string | null = null;
  try {
    await transport.send({ to, subject: text.title, body: text.body, locale });
  } catch (e) {
    error = (e instanceof Error ? e.message : String(e)).slice(0, 200);
  }
  await tx.insert(notificationDelivery).values({
    notificationId,
    transport: transport.name,
    recipient: maskRecipient(to),
    status: error ? 'failed' : 'sent',
    error,
    attempts: 1,
    sentAt: error ? null : new Date(),
  });
}
