import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import { logTransport, notify, renderTemplate, setTransport } from '../../core/notifications/index.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, loginAs, testApp } from '../../test/http.ts';
import { buildWorld, type World } from '../../test/world.ts';

/**
 * The notification center: `notify` renders a template into each recipient's inbox, copies go out
 * through the channel's transport with the recipient masked, and each user reads only their own.
 */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;
let principalA1: Client;
let principalB1: Client;
const logged: string[] = [];

beforeAll(async () => {
  const env = await testDatabase();
  db = env.db;
  close = env.close;
  world = await buildWorld(db);
  setTransport(
    'sms',
    logTransport('sms', (line) => logged.push(line)),
  );
  setTransport(
    'email',
    logTransport('email', (line) => logged.push(line)),
  );
  app = await testApp(db);
  principalA1 = await loginAs(app.app, 'principala1');
  principalB1 = await loginAs(app.app, 'principalb1');
});

afterAll(async () => {
  await app?.app.close();
  await close?.();
});

describe('templates', () => {
  it('renders zh-CN by default and en when asked; a missing or unknown param is an error', () => {
    const params = { subject: '安全检查', from: '基教科', deadline: '2026-03-01' };
    expect(renderTemplate('task.assigned', params).title).toBe('新的待办：安全检查');
    expect(renderTemplate('task.assigned', params, 'en').body).toBe(
      '基教科 assigned you “安全检查”, due 2026-03-01.',
    );
    expect(() => renderTemplate('task.assigned', { subject: 'x', from: 'y' })).toThrow(/deadline/);
    expect(() => renderTemplate('task.assigned', { ...params, extra: 1 })).toThrow(/unknown param extra/);
    expect(() => renderTemplate('no.such', {})).toThrow(/unknown notification template/);
  });
});

describe('notify and the inbox', () => {
  it('lists a notification for its recipient only, with the unread count', async () => {
    await db.transaction((tx) =>
      notify(tx, {
        accountIds: [world.accounts.principalA1],
        template: 'job.failed',
        params: { job: '人员导入', reason: '第3行身份证号不合法' },
        link: '/imports?id=7',
        deliver: [
          { accountId: world.accounts.principalA1, channel: 'sms', to: '13912345678' },
          { accountId: world.accounts.principalA1, channel: 'email', to: 'zhang.san@example.cn' },
        ],
      }),
    );
    const mine = await principalA1.get('/api/notifications');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ title: '任务失败：人员导入', link: '/imports?id=7', readAt: null, template: 'job.failed' }],
    });
    const theirs = await principalB1.get('/api/notifications');
    expect(theirs.json()).toMatchObject({ total: 0, unread: 0, items: [] });
    const en = await principalA1.get('/api/notifications?locale=en');
    expect(en.json().items[0].title).toBe('Job failed: 人员导入');
  });

  it('records each delivery with a masked recipient, and the log line never shows the address', async () => {
    const { rows } = await db.$client.query(
      'SELECT transport, recipient, status, attempts, sent_at FROM notification_delivery ORDER BY id',
    );
    expect(rows).toMatchObject([
      { transport: 'log:sms', recipient: '139****5678', status: 'sent', attempts: 1 },
      { transport: 'log:email', recipient: 'z***@example.cn', status: 'sent', attempts: 1 },
    ]);
    expect(rows[0].sent_at).toBeInstanceOf(Date);
    expect(logged).toHaveLength(2);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      msg: 'notification.send',
      channel: 'sms',
      to: '139****5678',
    });
    expect(logged.join('\n')).not.toContain('13912345678');
    expect(logged.join('\n')).not.toContain('zhang.san');
  });

  it('records a refused delivery as failed without undoing the notification', async () => {
    setTransport('sms', {
      name: 'refusing',
      send: async () => {
        throw new Error('quota exceeded');
      },
    });
    await db.transaction((tx) =>
      notify(tx, {
        accountIds: [world.accounts.principalB1],
        template: 'deadline.approaching',
        params: { subject: '年度总结', deadline: '2026-12-31' },
        locale: 'en',
        deliver: [{ accountId: world.accounts.principalB1, channel: 'sms', to: '+86 139 0000 1111' }],
      }),
    );
    setTransport(
      'sms',
      logTransport('sms', (line) => logged.push(line)),
    );
    const { rows } = await db.$client.query(
      `SELECT recipient, status, error FROM notification_delivery WHERE transport = 'refusing'`,
    );
    expect(rows).toEqual([{ recipient: '139****1111', status: 'failed', error: 'quota exceeded' }]);
    const theirs = (await principalB1.get('/api/notifications')).json();
    expect(theirs.items[0].title).toBe('Due soon: 年度总结');
    expect((await principalB1.get('/api/notifications?locale=zh-CN')).json().items[0].title).toBe(
      '即将到期：年度总结',
    );
  });

  it('marks one read, then all; never someone else’s', async () => {
    await db.transaction((tx) =>
      notify(tx, {
        accountIds: [world.accounts.principalA1, world.accounts.principalB1],
        template: 'import.finished',
        params: { file: '学生名单.xlsx', rows: 120, errors: 0 },
      }),
    );
    const list = (await principalA1.get('/api/notifications')).json();
    expect(list.unread).toBe(2);
    const [newest] = list.items;
    expect(newest.title).toBe('导入完成：学生名单.xlsx');
    expect((await principalB1.post(`/api/notifications/${newest.id}/read`)).statusCode).toBe(404);
    expect((await principalA1.post(`/api/notifications/${newest.id}/read`)).json()).toEqual({ ok: true });
    const after = (await principalA1.get('/api/notifications')).json();
    expect(after.unread).toBe(1);
    expect(after.items[0].readAt).not.toBeNull();
    expect((await principalA1.get('/api/notifications?unread=true')).json().total).toBe(1);
    expect((await principalA1.post('/api/notifications/read-all')).json()).toEqual({ updated: 1 });
    expect((await principalA1.get('/api/notifications')).json().unread).toBe(0);
    expect((await principalB1.get('/api/notifications')).json().unread).toBe(2);
  });

  it('refuses anonymous callers and bad ids', async () => {
    expect((await app.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await principalA1.post('/api/notifications/abc/read')).statusCode).toBe(400);
    expect((await principalA1.get('/api/notifications?pageSize=1000')).statusCode).toBe(400);
  });
});
