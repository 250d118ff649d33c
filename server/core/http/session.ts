import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/index.ts';
import type { Db, Executor } from '../db/index.ts';
import { account, grant, session } from '../db/schema.ts';
import { DomainError } from '../errors.ts';

/**
 * Cookie sessions. The browser holds a random token in an httpOnly, SameSite=Lax cookie; the
 * database holds only its SHA-256. Writes must echo the session's CSRF token in `x-csrf-token`
 * (the token is readable by the page in the `edugov_csrf` cookie and in /api/auth/me).
 */
export const SESSION_COOKIE = 'edugov_session';
export const CSRF_COOKIE = 'edugov_csrf';
const IDLE_MS = 2 * 60 * 60 * 1000;
const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOUCH_MS = 60 * 1000;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  tx: Executor,
  accountId: number,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<{ csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = Date.now();
  await tx.insert(session).values({
    id: digest(token),
    accountId,
    csrfToken,
    expiresAt: new Date(now + ABSOLUTE_MS),
    ip: req.ip,
    userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200),
  });
  const secure = req.protocol === 'https';
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
  return { csrfToken };
}

export async function destroySession(tx: Executor, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await tx.delete(session).where(eq(session.id, digest(token)));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export interface SessionActor extends Actor {
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

/** The actor behind the request's session cookie, or undefined (expired, disabled, unknown). */
export async function authenticate(db: Db, req: FastifyRequest): Promise<SessionActor | undefined> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return undefined;
  const id = digest(token);
  const now = new Date();
  const [row] = await db
    .select({
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      districtId: account.districtId,
      orgId: account.orgId,
      status: account.status,
      mustChangePassword: account.mustChangePassword,
      csrfToken: session.csrfToken,
      lastSeenAt: session.lastSeenAt,
    })
    .from(session)
    .innerJoin(account, eq(account.id, session.accountId))
    .where(and(eq(session.id, id), gt(session.expiresAt, now)));
  if (row?.status !== 'active') return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > IDLE_MS) {
    await db.delete(session).where(eq(session.id, id));
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, id));
  }
  const grants = await grantsOf(db, row.accountId);
  return {
    accountId: row.accountId,
    username: row.username,
    displayName: row.displayName,
    districtId: row.districtId,
    orgId: row.orgId,
    grants,
    ip: req.ip,
    requestId: req.id,
    sessionId: id,
    csrfToken: row.csrfToken,
    mustChangePassword: row.mustChangePassword,
  };
}

export function grantsOf(db: Executor, accountId: number) {
  return db
    .select({ role: grant.role, orgId: grant.orgId })
    .from(grant)
    .where(eq(grant.accountId, accountId));
}

/** The actor for an account that has just logged in (its session starts with this response). */
export async function actorForAccount(tx: Executor, accountId: number, req: FastifyRequest): Promise<Actor> {
  const [row] = await tx.select().from(account).where(eq(account.id, accountId));
  if (!row) throw new DomainError('auth.unauthenticated');
  return {
    accountId,
    username: row.username,
    displayName: row.displayName,
    districtId: row.districtId,
    orgId: row.orgId,
    grants: await grantsOf(tx, accountId),
    ip: req.ip,
    requestId: req.id,
  };
}

export function checkCsrf(req: FastifyRequest, actor: Actor): void {
  const expected = (actor as SessionActor).csrfToken;
  const given = req.headers['x-csrf-token'];
  if (typeof given !== 'string' || !expected || given.length !== expected.length)
    throw new DomainError('auth.csrf');
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw new DomainError('auth.csrf');
}

/** End every session of an account (password change, disable, reset), except `keep`. */
export async function endSessions(tx: Executor, accountId: number, keep?: string): Promise<void> {
  await tx
    .delete(session)
    .where(
      keep
        ? and(eq(session.accountId, accountId), sql`${session.id} <> ${keep}`)
        : eq(session.accountId, accountId),
    );
}
