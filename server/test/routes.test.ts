import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../core/db/index.ts';
import { testDatabase } from './db.ts';
import { loginAs, testApp } from './http.ts';
import { buildWorld, type World } from './world.ts';

/**
 * Checks over every route at once: each declares its access, the permission table is a reviewed
 * snapshot, no session means 401, and malformed input means a coded 4xx — never a 500.
 */
let close: () => Promise<void>;
let db: Db;
let world: World;
let app: Awaited<ReturnType<typeof testApp>>;

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

const sample = (url: string) => url.replace(/:id|:grantId/g, '1');

describe('every route', () => {
  it('declares its access; the table of permissions is reviewed as a snapshot', async () => {
    // A route added with app.get/app.route directly has no declared access: that fails here.
    // (Static files of the built web app and the Swagger UI's own assets are public by nature.)
    const all = app.registered.filter(
      (r) =>
        r.method !== 'HEAD' &&
        (r.url.startsWith('/api/') || r.url === '/healthz' || r.url === '/metrics') &&
        !r.url.startsWith('/api/docs'),
    );
    expect(all.length).toBeGreaterThan(15);
    for (const r of all) expect(r.access, `${r.method} ${r.url} declares no access`).toBeTruthy();
    const table = all.map((r) => `${r.method.padEnd(6)} ${r.url.padEnd(40)} ${r.access}`).sort();
    await expect(`${table.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-permissions.txt');
  });

  it('refuses every non-public /api route without a session (401, coded)', async () => {
    for (const r of app.routes.filter((r) => r.access !== 'public')) {
      const res = await app.app.inject({
        method: r.method as 'GET',
        url: sample(r.url),
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('auth.unauthenticated');
    }
  });

  it('refuses writes without the CSRF token (403)', async () => {
    const admin = await loginAs(app.app, 'admin');
    for (const r of app.routes.filter((r) => r.method !== 'GET' && r.access !== 'public')) {
      const res = await app.app.inject({
        method: r.method as 'POST',
        url: sample(r.url),
        headers: { cookie: admin.cookie },
        payload: {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().error.code).toBe('auth.csrf');
    }
  });

  it('answers malformed JSON, wrong types and oversized bodies with a coded 4xx, never 500', async () => {
    const admin = await loginAs(app.app, 'admin');
    const writes = app.routes.filter(
      (r) => r.method !== 'GET' && r.access !== 'public' && r.url !== '/api/auth/logout',
    );
    for (const r of writes) {
      const headers = {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/json',
      };
      const url = sample(r.url);
      const malformed = await app.app.inject({
        method: r.method as 'POST',
        url,
        headers,
        payload: '{"name": ',
      });
      expect(malformed.statusCode, `${r.method} ${r.url} malformed`).toBe(400);
      expect(malformed.json().error.code).toBe('request.malformed_json');
      if (!r.hasBody) continue;
      const wrongTypes = await app.app.inject({
        method: r.method as 'POST',
        url,
        headers,
        payload: {
          name: 42,
          code: [],
          parentId: 'x',
          orgId: {},
          role: 7,
          field: 1,
          username: null,
          status: 3,
          effectiveFrom: 'yesterday',
        },
      });
      expect(
        wrongTypes.statusCode,
        `${r.method} ${r.url} wrong types: ${wrongTypes.body}`,
      ).toBeGreaterThanOrEqual(400);
      expect(wrongTypes.statusCode, `${r.method} ${r.url} wrong types: ${wrongTypes.body}`).toBeLessThan(500);
      const huge = await app.app.inject({
        method: r.method as 'POST',
        url,
        headers,
        payload: JSON.stringify({ name: 'x'.repeat(300_000) }),
      });
      expect(huge.statusCode, `${r.method} ${r.url} oversized`).toBe(413);
      expect(huge.json().error.code).toBe('request.too_large');
    }
    // Our ids are integers; Open311's service_request_id is an alphanumeric string by the spec.
    for (const r of app.routes.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/') && r.url.includes(':id'),
    )) {
      const res = await admin.get(r.url.replace(':id', 'not-a-number'));
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(400);
      expect(res.json().error.field).toBe('id');
    }
  });

  it('reads every list with a session in scope (200) and refuses a user without grants (403)', async () => {
    const admin = await loginAs(app.app, 'admin');
    const nobody = await loginAs(app.app, 'nobody');
    for (const url of ['/api/org/units', '/api/people', '/api/accounts', '/api/audit/events']) {
      const ok = await admin.get(url);
      expect(ok.statusCode, url).toBe(200);
      expect(ok.json()).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
      const refused = await nobody.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().error.code).toBe('auth.forbidden');
    }
    expect(world.accounts.nobody).toBeGreaterThan(0);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect((await app.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.app.inject('/metrics')).body).toContain('edugov_http_requests_total');
    const openapi = (await app.app.inject('/api/openapi.json')).json();
    expect(Object.keys(openapi.paths)).toContain('/api/org/units');
    const unknown = await app.app.inject('/api/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('request.not_found');
  });
});
