import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import { testDatabase } from '../../test/db.ts';
import { type Client, testApp } from '../../test/http.ts';
import { buildAccount, buildWorld, PASSWORD, type World } from '../../test/world.ts';

/**
 * Login, lockout, sessions, the menu, password changes, and account and grant management over
 * HTTP. Each login comes from its own client address, so the per-address login rate limit (tested
 * on its own app instance at the end) does not interfere with the other tests.
 */
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;
let close: () => Promise<void>;

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  app = await testApp(db);
});
afterAll(async () => {
  await app.app.close();
  await close();
});

let addressSerial = 0;
const nextAddress = () => `10.1.${Math.floor(addressSerial / 250)}.${(addressSerial++ % 250) + 1}`;

function attempt(
  username: string,
  password = PASSWORD,
  options: { on?: FastifyInstance; remoteAddress?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return (options.on ?? app.app).inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: options.remoteAddress ?? nextAddress(),
    headers: options.headers,
    payload: { username, password },
  });
}

function clientFor(res: LightMyRequestResponse, on: FastifyInstance = app.app): Client {
  const session = res.cookies.find((c) => c.name === 'edugov_session')!;
  const cookie = `edugov_session=${session.value}`;
  const csrf = res.json().csrfToken as string;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    on.inject({
      method,
      url,
      remoteAddress: nextAddress(),
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    delete: (url) => send('DELETE', url),
    cookie,
    csrf,
  };
}

async function signIn(username: string, password = PASSWORD): Promise<Client> {
  const res = await attempt(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return clientFor(res);
}

async function auditRows(action: string, entityId?: number) {
  const { rows } = await db.$client.query(
    `SELECT * FROM audit_event WHERE action = $1 ${entityId === undefined ? '' : 'AND entity_id = $2'} ORDER BY seq`,
    entityId === undefined ? [action] : [action, String(entityId)],
  );
  return rows;
}

let extraSerial = 0;
async function extraAccount(grants: { role: string; orgId: number }[] = []) {
  const username = `extra${++extraSerial}`;
  const id = await buildAccount(db, {
    districtId: world.districtId,
    orgId: world.units.schoolA1,
    username,
    grants: grants.length ? grants : [{ role: 'schoolStaff', orgId: world.units.schoolA1 }],
  });
  return { id, username };
}

describe('login', () => {
  it('sets an httpOnly, SameSite session cookie and answers who logged in', async () => {
    const res = await attempt('principala1');
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'edugov_session');
    expect(session).toBeDefined();
    expect(session!.httpOnly).toBe(true);
    expect(String(session!.sameSite).toLowerCase()).toBe('lax');
    expect(session!.path).toBe('/');
    expect(session!.value.length).toBeGreaterThanOrEqual(40);
    const csrf = res.cookies.find((c) => c.name === 'edugov_csrf');
    expect(csrf?.httpOnly).toBeFalsy();
    expect(res.json()).toMatchObject({
      id: world.accounts.principalA1,
      username: 'principala1',
      orgId: world.units.schoolA1,
      orgName: '中关村第一小学',
      mustChangePassword: false,
      grants: [{ role: 'principal', orgId: world.units.schoolA1, orgName: '中关村第一小学' }],
      csrfToken: csrf!.value,
    });
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    // The database keeps only a digest of the token.
    const { rows } = await db.$client.query('SELECT id FROM session WHERE id = $1', [session!.value]);
    expect(rows).toHaveLength(0);
    expect((await auditRows('auth.login', world.accounts.principalA1)).length).toBeGreaterThan(0);
  });

  it('accepts the username in any case', async () => {
    const res = await attempt('PrincipalA1');
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('principala1');
  });

  it('refuses a wrong password and an unknown user alike (401), and audits both', async () => {
    const wrong = await attempt('staffa1', 'Wrong-Password-1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(wrong.cookies.find((c) => c.name === 'edugov_session')).toBeUndefined();
    const unknown = await attempt('nosuchuser', 'Wrong-Password-1');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('auth.invalid_credentials');
    const failed = await auditRows('auth.login_failed');
    expect(
      failed.some(
        (e) => e.entity_id === String(world.accounts.staffA1) && e.after.reason === 'wrong_password',
      ),
    ).toBe(true);
    expect(failed.some((e) => e.after.username === 'nosuchuser' && e.after.reason === 'unknown_user')).toBe(
      true,
    );
    expect(JSON.stringify(failed)).not.toContain('Wrong-Password-1');
    const empty = await attempt('staffa1', '');
    expect(empty.statusCode).toBe(400);
  });

  it('locks an account after 5 wrong passwords (423, even with the right one) until an admin unlocks it', async () => {
    const { id, username } = await extraAccount();
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(username, `Wrong-Password-${i}`);
      expect(res.statusCode, `attempt ${i}`).toBe(401);
    }
    const fifth = await attempt(username, 'Wrong-Password-5');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('auth.locked');
    const right = await attempt(username, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('auth.locked');
    expect(await auditRows('auth.locked', id)).toHaveLength(1);
    expect((await auditRows('auth.login_failed', id)).length).toBe(5);

    const admin = await signIn('admin');
    const listed = await admin.get(`/api/accounts?q=${username}`);
    const row = listed.json().items[0];
    expect(row.locked).toBe(true);
    expect(row.actions).toContain('unlock');
    const unlock = await admin.post(`/api/accounts/${id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json().locked).toBe(false);
    expect(await auditRows('accounts.unlock', id)).toHaveLength(1);
    expect((await attempt(username, PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a disabled account (403 auth.disabled) and ends its sessions', async () => {
    const { id, username } = await extraAccount();
    const user = await signIn(username);
    expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    const admin = await signIn('admin');
    const disable = await admin.patch(`/api/accounts/${id}`, { status: 'disabled' });
    expect(disable.statusCode).toBe(200);
    expect(disable.json()).toMatchObject({ status: 'disabled', actions: expect.arrayContaining(['enable']) });
    expect((await user.get('/api/auth/me')).statusCode).toBe(401);
    const res = await attempt(username);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.disabled');
    const wrong = await attempt(username, 'Wrong-Password-1');
    expect(wrong.statusCode).toBe(401);
    expect((await admin.patch(`/api/accounts/${id}`, { status: 'active' })).statusCode).toBe(200);
    expect((await attempt(username)).statusCode).toBe(200);
  });

  it('ends the session at logout: /api/auth/me then answers 401', async () => {
    const user = await signIn('staffa1');
    expect((await user.get('/api/auth/me')).statusCode).toBe(200);
    const out = await user.post('/api/auth/logout');
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((c) => c.name === 'edugov_session');
    expect(cleared?.value ?? '').toBe('');
    const me = await user.get('/api/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.unauthenticated');
    expect((await auditRows('auth.logout', world.accounts.staffA1)).length).toBe(1);
  });
});

describe('the logged-in user', () => {
  it('has menu modules per role: the auditor sees the audit log, a principal does not', async () => {
    const moduleIds = async (username: string) =>
      ((await (await signIn(username)).get('/api/auth/me')).json().modules as { id: string }[]).map(
        (m) => m.id,
      );
    const auditor = await moduleIds('auditor');
    expect(auditor).toContain('audit');
    expect(auditor).toEqual(expect.arrayContaining(['org', 'people', 'accounts']));
    const principal = await moduleIds('principala1');
    expect(principal).not.toContain('audit');
    expect(principal).toEqual(['org', 'people', 'exams', 'cases', 'accounts', 'imports']);
    expect(await moduleIds('supervisor')).toEqual(['org', 'exams']);
    expect(await moduleIds('nobody')).toEqual([]);
    const admin = await signIn('admin');
    const me = (await admin.get('/api/auth/me')).json();
    expect(me.modules.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(['org', 'people', 'accounts', 'imports', 'audit', 'calendar']),
    );
    expect(me.permissions).toContain('audit.read');
    expect(me.csrfToken).toBe(admin.csrf);
  });

  it('refuses /api/auth/me without a session and with a forged cookie (401)', async () => {
    expect((await app.app.inject('/api/auth/me')).statusCode).toBe(401);
    const forged = await app.app.inject({
      url: '/api/auth/me',
      headers: { cookie: 'edugov_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });
});

describe('changing one’s own password', () => {
  it('refuses a wrong current password and a weak new one (400), then changes it and ends other sessions', async () => {
    const { username } = await extraAccount();
    const here = await signIn(username);
    const elsewhere = await signIn(username);
    const wrong = await here.post('/api/auth/password', {
      currentPassword: 'Not-The-Password-1',
      newPassword: 'Brand-New-Password-1',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'auth.wrong_current_password',
      field: 'currentPassword',
    });
    for (const weak of ['short1A!', 'alllowercaseletters', `My-${username}-Password1`]) {
      const res = await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'auth.password_policy', field: 'newPassword' });
    }
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(200);
    const ok = await here.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Brand-New-Password-1',
    });
    expect(ok.statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(username, PASSWORD)).statusCode).toBe(401);
    expect((await attempt(username, 'Brand-New-Password-1')).statusCode).toBe(200);
  });
});

describe('accounts and grants', () => {
  it('lists only the accounts in scope (principal A1 sees A1 accounts)', async () => {
    const principal = await signIn('principala1');
    const res = await principal.get('/api/accounts?pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { username: string; orgId: number }[];
    const names = items.map((a) => a.username);
    expect(names).toEqual(expect.arrayContaining(['principala1', 'staffa1', 'nobody']));
    expect(names).not.toContain('principalb1');
    expect(names).not.toContain('admin');
    expect(names).not.toContain('zonea');
    for (const a of items) expect(a.orgId).toBe(world.units.schoolA1);
    expect(res.json().total).toBe(items.length);
    expect(res.body).not.toMatch(/argon2|passwordHash/);
    const outside = await principal.get(`/api/accounts?orgId=${world.units.schoolB1}`);
    expect(outside.json().total).toBe(0);
    const staff = await signIn('staffa1');
    expect((await staff.get('/api/accounts')).statusCode).toBe(403);
  });

  it('lets principal A1 create a school-staff account at A1, with a one-time password that logs in', async () => {
    const principal = await signIn('principala1');
    const res = await principal.post('/api/accounts', {
      username: 'teacher.wang',
      displayName: '王老师',
      orgId: world.units.schoolA1,
      grants: [{ role: 'schoolStaff', orgId: world.units.schoolA1 }],
    });
    expect(res.statusCode).toBe(200);
    const { account, initialPassword } = res.json();
    expect(account).toMatchObject({
      username: 'teacher.wang',
      displayName: '王老师',
      orgId: world.units.schoolA1,
      status: 'active',
      locked: false,
      grants: [{ role: 'schoolStaff', orgId: world.units.schoolA1 }],
    });
    expect(typeof initialPassword).toBe('string');
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    const login = await attempt('teacher.wang', initialPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
    expect(login.json().permissions).toEqual(['org.read', 'people.read', 'exams.read', 'exams.record']);
    const events = await auditRows('accounts.create', account.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(initialPassword);
  });

  it('refuses grants beyond the granter’s own (403 accounts.grant_escalation)', async () => {
    const principal = await signIn('principala1');
    const sysAdmin = await principal.post('/api/accounts', {
      username: 'sneaky1',
      displayName: '越权',
      orgId: world.units.schoolA1,
      grants: [{ role: 'sysAdmin', orgId: world.units.schoolA1 }],
    });
    expect(sysAdmin.statusCode).toBe(403);
    expect(sysAdmin.json().error.code).toBe('accounts.grant_escalation');
    const atB1 = await principal.post('/api/accounts', {
      username: 'sneaky2',
      displayName: '越权',
      orgId: world.units.schoolA1,
      grants: [{ role: 'schoolStaff', orgId: world.units.schoolB1 }],
    });
    expect(atB1.statusCode).toBe(403);
    expect(atB1.json().error.code).toBe('accounts.grant_escalation');
    const grantSysAdmin = await principal.post(`/api/accounts/${world.accounts.staffA1}/grants`, {
      role: 'sysAdmin',
      orgId: world.units.schoolA1,
    });
    expect(grantSysAdmin.statusCode).toBe(403);
    expect(grantSysAdmin.json().error.code).toBe('accounts.grant_escalation');
    const grantAtB1 = await principal.post(`/api/accounts/${world.accounts.staffA1}/grants`, {
      role: 'schoolStaff',
      orgId: world.units.schoolB1,
    });
    expect(grantAtB1.statusCode).toBe(403);
    expect(grantAtB1.json().error.code).toBe('accounts.grant_escalation');
    const zone = await signIn('zonea');
    const zonePrincipal = await zone.post(`/api/accounts/${world.accounts.staffA1}/grants`, {
      role: 'principal',
      orgId: world.units.schoolA1,
    });
    expect(zonePrincipal.statusCode).toBe(403);
    expect(zonePrincipal.json().error.code).toBe('accounts.grant_escalation');
    const { rows } = await db.$client.query(
      `SELECT count(*)::int AS n FROM account WHERE username LIKE 'sneaky%'`,
    );
    expect(rows[0].n).toBe(0);
    const b1Account = await principal.patch(`/api/accounts/${world.accounts.principalB1}`, {
      displayName: 'x',
    });
    expect(b1Account.statusCode).toBe(404);
  });

  it('refuses a username already taken in any case (409)', async () => {
    const principal = await signIn('principala1');
    const res = await principal.post('/api/accounts', {
      username: 'STAFFA1',
      displayName: '重名',
      orgId: world.units.schoolA1,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'accounts.username_taken', field: 'username' });
    const bad = await principal.post('/api/accounts', {
      username: 'a b',
      displayName: 'x',
      orgId: world.units.schoolA1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('username');
  });

  it('refuses to revoke the last sysAdmin grant (409 accounts.last_admin)', async () => {
    const admin = await signIn('admin');
    const self = (await admin.get('/api/accounts?q=admin'))
      .json()
      .items.find((a: { username: string }) => a.username === 'admin');
    const grant = self.grants.find((g: { role: string }) => g.role === 'sysAdmin');
    const res = await admin.delete(`/api/accounts/${self.id}/grants/${grant.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('accounts.last_admin');
    expect((await admin.get('/api/accounts')).statusCode).toBe(200);
    const { rows } = await db.$client.query(`SELECT count(*)::int AS n FROM "grant" WHERE role = 'sysAdmin'`);
    expect(rows[0].n).toBe(1);
    const selfDisable = await admin.patch(`/api/accounts/${self.id}`, { status: 'disabled' });
    expect(selfDisable.statusCode).toBe(403);
  });

  it('refuses a principal taking over an account at their school that holds grants beyond theirs', async () => {
    // An IT administrator whose home unit is school A1 but who is sysAdmin of the district.
    const admin = await signIn('admin');
    const created = await admin.post('/api/accounts', {
      username: 'it.admin.a1',
      displayName: '信息中心管理员',
      orgId: world.units.schoolA1,
      grants: [{ role: 'sysAdmin', orgId: world.districtId }],
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().account.id;
    const principal = await signIn('principala1');
    const listed = (await principal.get('/api/accounts?q=it.admin.a1')).json().items[0];
    expect.soft(listed?.actions ?? []).not.toContain('resetPassword');
    const reset = await principal.post(`/api/accounts/${id}/reset-password`);
    if (reset.statusCode === 200) {
      // What a refusal prevents: the principal logs in as the district's system administrator.
      const takeover = await attempt('it.admin.a1', reset.json().initialPassword);
      expect
        .soft(takeover.json().permissions, 'principal took over a sysAdmin account')
        .not.toContain('accounts.manage');
    }
    expect(reset.statusCode).toBe(403);
    const disable = await principal.patch(`/api/accounts/${id}`, { status: 'disabled' });
    expect(disable.statusCode).toBe(403);
  });

  it('applies a revoked grant on the very next request', async () => {
    const { id, username } = await extraAccount([{ role: 'schoolStaff', orgId: world.units.schoolA1 }]);
    const user = await signIn(username);
    expect((await user.get('/api/people')).statusCode).toBe(200);
    const principal = await signIn('principala1');
    const account = (await principal.get(`/api/accounts?q=${username}`)).json().items[0];
    expect(account.id).toBe(id);
    const res = await principal.delete(`/api/accounts/${id}/grants/${account.grants[0].id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().grants).toEqual([]);
    const after = await user.get('/api/people');
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('auth.forbidden');
    expect(await auditRows('accounts.revoke', id)).toHaveLength(1);
  });
});

describe('the parent role (docs/adr/0003-parent-accounts.md)', () => {
  it('is not among the roles a staff account can be given', async () => {
    const admin = await signIn('admin');
    const roles = (await admin.get('/api/roles')).json() as { id: string }[];
    expect(roles.map((r) => r.id)).toContain('districtOfficer');
    expect(roles.map((r) => r.id)).not.toContain('parent');
  });

  it('cannot be granted to a staff account, by creation or by a grant, even by a sysAdmin (400 accounts.parent_role)', async () => {
    const admin = await signIn('admin');
    const principal = await signIn('principala1');
    const grantsBefore = await db.$client.query(
      `SELECT count(*)::int AS n FROM "grant" WHERE role = 'parent'`,
    );
    const created = await admin.post('/api/accounts', {
      username: 'staff.parent',
      displayName: '职工家长',
      orgId: world.units.schoolA1,
      grants: [
        { role: 'schoolStaff', orgId: world.units.schoolA1 },
        { role: 'parent', orgId: world.districtId },
      ],
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({ code: 'accounts.parent_role', field: 'grants.1.role' });
    for (const [who, client] of [
      ['admin', admin],
      ['principal', principal],
    ] as const) {
      const granted = await client.post(`/api/accounts/${world.accounts.staffA1}/grants`, {
        role: 'parent',
        orgId: world.districtId,
      });
      expect(granted.statusCode, who).toBe(400);
      expect(granted.json().error).toMatchObject({
        code: 'accounts.parent_role',
        field: 'role',
        messageEn: expect.stringContaining('parent'),
      });
    }
    const { rows } = await db.$client.query(
      `SELECT count(*)::int AS n FROM account WHERE username = 'staff.parent'`,
    );
    expect(rows[0].n).toBe(0);
    const grantsAfter = await db.$client.query(
      `SELECT count(*)::int AS n FROM "grant" WHERE role = 'parent'`,
    );
    expect(grantsAfter.rows[0].n).toBe(grantsBefore.rows[0].n);
    // Other roles are still granted as before.
    const staff = await admin.post(`/api/accounts/${world.accounts.staffA1}/grants`, {
      role: 'auditor',
      orgId: world.units.schoolA1,
    });
    expect(staff.statusCode, staff.body).toBe(200);
  });

  it('can still be revoked where an old grant holds it', async () => {
    const { id } = await extraAccount([
      { role: 'schoolStaff', orgId: world.units.schoolA1 },
      { role: 'parent', orgId: world.districtId },
    ]);
    const admin = await signIn('admin');
    const account = (await admin.get(`/api/accounts?q=extra${extraSerial}`)).json().items[0];
    expect(account.id).toBe(id);
    const parentGrant = account.grants.find((g: { role: string }) => g.role === 'parent');
    const res = await admin.delete(`/api/accounts/${id}/grants/${parentGrant.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().grants.map((g: { role: string }) => g.role)).toEqual(['schoolStaff']);
  });
});

describe('login rate limit', () => {
  it('answers more than 10 logins a minute from one address with 429 auth.rate_limited', async () => {
    const fresh = await testApp(db);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await attempt('nosuchuser', 'Wrong-Password-1', {
          on: fresh.app,
          remoteAddress: '192.0.2.7',
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      const limited = await attempt('admin', PASSWORD, { on: fresh.app, remoteAddress: '192.0.2.7' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('auth.rate_limited');
      // Another address is not limited.
      expect(
        (await attempt('admin', PASSWORD, { on: fresh.app, remoteAddress: '192.0.2.8' })).statusCode,
      ).toBe(200);
    } finally {
      await fresh.app.close();
    }
  });

  it('cannot be lifted by a forged X-Forwarded-For header', async () => {
    const fresh = await testApp(db);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await attempt('nosuchuser', 'Wrong-Password-1', {
          on: fresh.app,
          remoteAddress: '192.0.2.9',
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await fresh.app.close();
    }
  });
});
