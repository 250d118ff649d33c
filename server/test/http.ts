import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../core/db/index.ts';
import { buildApp } from '../core/http/app.ts';
import { allModules } from '../modules/index.ts';
import { PASSWORD } from './world.ts';

/** The real application (all modules) on a test database, driven with `inject` (no socket). */
export async function testApp(db: Db) {
  const built = await buildApp({
    db,
    modules: allModules(db),
    logLevel: (process.env.EDUGOV_TEST_LOG as 'error') ?? 'silent',
  });
  await built.app.ready();
  return built;
}

export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string;
  csrf: string;
}

/** Log in as `username` (password PASSWORD) and return a client that sends the cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'edugov_session')!;
  const cookie = `edugov_session=${session.value}`;
  const csrf = res.json().csrfToken as string;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
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
