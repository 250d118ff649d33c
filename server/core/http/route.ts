import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ZErrorResponse } from '../../../contracts/common.ts';
import { type Actor, hasPermission, type Permission } from '../access/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { DomainError } from '../errors.ts';

/**
 * The one way to declare an HTTP route. Every route names its access ('public', 'session' or a
 * permission) and runs in the fixed order: authenticate → validate → transaction → handler (load,
 * authorize, operate, audit) → respond. A route registered any other way fails the route check test.
 */

export type Access = 'public' | 'session' | Permission;

export interface RouteContext<B, Q, P> {
  actor: Actor;
  tx: Tx;
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** The 200 response; absent for streamed downloads, which write to `reply` themselves. */
  response?: R;
  /** A GET that also writes (an export records an audit event): runs in a read-write transaction. */
  writes?: boolean;
  /** Per-route rate limit (login). */
  rateLimit?: { max: number; timeWindow: string };
  handler(
    ctx: RouteContext<Infer<B>, Infer<Q>, Infer<P>>,
  ): Promise<(R extends z.ZodType ? z.input<R> : unknown) | Refusal>;
}

/**
 * A refusal whose side effects must still be kept (a failed login counts towards the lockout and
 * is audited): the handler returns it, the transaction commits, then the coded error is sent.
 */
export class Refusal {
  constructor(readonly code: string) {}
}

export interface RouteRecord {
  method: string;
  url: string;
  access: Access;
  hasBody: boolean;
}

export interface RouteDeps {
  db: Db;
  /** Resolves the session cookie to an actor, or undefined. */
  authenticate(req: FastifyRequest): Promise<Actor | undefined>;
  /** Refuses a write whose CSRF token does not match the session. */
  checkCsrf(req: FastifyRequest, actor: Actor): void;
}

export const anonymous: Actor = {
  accountId: null,
  username: 'anonymous',
  displayName: 'anonymous',
  districtId: null,
  orgId: null,
  grants: [],
};

export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<B, Q, P, R>): RouteSpec<B, Q, P, R> {
  return spec;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of route specs
export type AnyRoute = RouteSpec<any, any, any, any>;

export function registerRoutes(app: FastifyInstance, deps: RouteDeps, routes: AnyRoute[]): RouteRecord[] {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  return routes.map((spec) => {
    const write = spec.method !== 'GET';
    typed.route({
      method: spec.method,
      url: spec.url,
      config: { edugovAccess: spec.access, ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}) },
      schema: {
        summary: spec.summary,
        tags: spec.tags,
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        ...(spec.params ? { params: spec.params } : {}),
        response: {
          ...(spec.response ? { 200: spec.response } : {}),
          '4xx': ZErrorResponse,
        },
      },
      // Authentication runs before validation, so an anonymous caller learns nothing from a 400.
      onRequest: async (req) => {
        if (spec.access === 'public') {
          req.actor = { ...anonymous, ip: req.ip, requestId: req.id };
          return;
        }
        const actor = await deps.authenticate(req);
        if (!actor) throw new DomainError('auth.unauthenticated');
        if (write) deps.checkCsrf(req, actor);
        if (spec.access !== 'session' && !hasPermission(actor, spec.access))
          throw new DomainError('auth.forbidden');
        req.actor = actor;
      },
      handler: async (req, reply) => {
        const actor = req.actor!;
        const result = await deps.db.transaction(
          (tx) =>
            spec.handler({
              actor,
              tx,
              body: req.body as never,
              query: req.query as never,
              params: req.params as never,
              req,
              reply,
            }),
          write || spec.writes ? undefined : { accessMode: 'read only' },
        );
        if (result instanceof Refusal) throw new DomainError(result.code);
        if (!spec.response) return reply;
        return result;
      },
    });
    return { method: spec.method, url: spec.url, access: spec.access, hasBody: !!spec.body };
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    edugovAccess?: Access;
  }
}
