import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { installModules, type PlatformModule } from '../modules.ts';
import { errorBody, installErrorHandling } from './errors.ts';
import { installMetrics } from './metrics.ts';
import { type RouteRecord, registerRoutes } from './route.ts';
import { authenticate, checkCsrf } from './session.ts';

/**
 * The HTTP application: security headers, cookies, rate limits, OpenAPI, the modules' routes, the
 * built web app with SPA fallback, /healthz and /metrics. `ready` is false while the first start
 * is still generating the demo district; /healthz says so and /api answers 503.
 */
export interface AppOptions {
  db: Db;
  modules: PlatformModule[];
  logLevel?: string;
  /** Whose X-Forwarded-For to believe (login rate limit and audit IPs depend on it); default none. */
  trustProxy?: boolean | number | string;
  status?: () => { ready: boolean; stage?: string; done?: number; total?: number };
}

export interface App {
  app: FastifyInstance;
  /** Routes declared with defineRoute (the modules' API). */
  routes: RouteRecord[];
  /** Every route Fastify registered, with its declared access if any: the route check reads this. */
  registered: { method: string; url: string; access: string | undefined }[];
}

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logLevel === 'silent' ? false : { level: options.logLevel ?? 'info' },
    bodyLimit: 256 * 1024,
    // Fastify takes a boolean, hop count or address list here; its overloads only type the boolean.
    trustProxy: (options.trustProxy ?? false) as boolean,
    genReqId: () => crypto.randomUUID(),
    // Requests are counted in /metrics; slow and failed ones are logged by the metrics hook.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const registered: App['registered'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      registered.push({
        method,
        url: route.url,
        access: (route.config as { edugovAccess?: string } | undefined)?.edugovAccess,
      });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installMetrics(app, options.db);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Uploads (POST /api/files): one file per request, 20 MB at most; purposes may set less.
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new DomainError('auth.rate_limited'),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'EduGov 区域教育治理平台 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'edugov_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const status = options.status ?? (() => ({ ready: true }));
  app.get('/healthz', { config: { edugovAccess: 'public' } }, async (_req, reply) => {
    const s = status();
    if (s.ready) return { status: 'ok' };
    return reply.status(503).send({ status: 'starting', stage: s.stage, done: s.done, total: s.total });
  });
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/') && !status().ready) {
      return reply.status(503).send(errorBody('system.starting'));
    }
  });

  installModules(options.modules);
  const deps = {
    db: options.db,
    authenticate: (req: Parameters<typeof authenticate>[1]) => authenticate(options.db, req),
    checkCsrf,
  };
  const routes: RouteRecord[] = [];
  for (const module of options.modules) routes.push(...registerRoutes(app, deps, module.routes));
  app.get('/api/openapi.json', { config: { edugovAccess: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, maxAge: '1h', index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method !== 'GET' || req.url.startsWith('/api/') || !hasWeb) {
      return reply.status(404).send(errorBody('request.not_found'));
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
  return { app, routes, registered };
}
