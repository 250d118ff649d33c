import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** 通知: an in-app message to an account, and its deliveries by SMS or email (log transport by default). */
export const notification = pgTable(
  'notification',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    accountId: integer('account_id').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    data: jsonb('data'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_account_idx').on(t.accountId, t.readAt, t.createdAt)],
);

export const notificationDelivery = pgTable(
  'notification_delivery',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .references(() => notification.id, { onDelete: 'cascade' }),
    transport: text('transport').notNull(),
    /** Masked recipient (138****5678, z***@example.cn): the plain address is never stored here. */
    recipient: text('recipient').notNull(),
    status: text('status').notNull().default('pending'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_delivery_status_idx').on(t.status),
    check('notification_delivery_status_ck', sql`${t.status} IN ('pending','sent','failed')`),
  ],
);
