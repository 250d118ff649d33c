import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TLoginRequest } from '../../../contracts/accounts.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { account } from '../../core/db/schema.ts';
import { createSession } from '../../core/http/session.ts';
import { hashPassword, verifyPassword } from '../../core/passwords.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

// Unknown usernames still pay for one argon2 verification, so timing does not reveal which exist.
const dummyHash = hashPassword('edugov-timing-equaliser');

export type LoginOutcome =
  | { ok: true; accountId: number; csrfToken: string }
  | { ok: false; code: 'auth.invalid_credentials' | 'auth.locked' | 'auth.disabled' };

/**
 * Check a username and password. Five failures in a row lock the account for 15 minutes; every
 * failure and success is an audit event. The caller commits even when the outcome is a refusal.
 */
export async function login({
  actor,
  tx,
  input,
  req,
  reply,
}: {
  actor: Actor;
  tx: Tx;
  input: TLoginRequest;
  req: FastifyRequest;
  reply: FastifyReply;
}): Promise<LoginOutcome> {
  const [found] = await tx
    .select()
    .from(account)
    .where(eq(sql`lower(${account.username})`, input.username.toLowerCase()))
    .for('update');
  if (!found) {
    await verifyPassword(await dummyHash, input.password);
    await recordAudit(tx, actor, {
      action: 'auth.login_failed',
      entityType: 'account',
      after: { username: input.username.slice(0, 64), reason: 'unknown_user' },
    });
    return { ok: false, code: 'auth.invalid_credentials' };
  }
  const audit = (action: string, after: Record<string, unknown>) =>
    recordAudit(
      tx,
      { ...actor, accountId: found.id, username: found.username, districtId: found.districtId },
      {
        action,
        entityType: 'account',
        entityId: found.id,
        orgId: found.orgId,
        districtId: found.districtId,
        after,
      },
    );
  const now = new Date();
  if (found.lockedUntil && found.lockedUntil > now) {
    await audit('auth.login_failed', { reason: 'locked', lockedUntil: found.lockedUntil });
    return { ok: false, code: 'auth.locked' };
  }
  const passwordOk = await verifyPassword(found.passwordHash, input.password);
  if (!passwordOk) {
    const failures = found.failedAttempts + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await tx
      .update(account)
      .set({
        failedAttempts: lock ? 0 : failures,
        lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : found.lockedUntil,
      })
      .where(eq(account.id, found.id));
    await audit(lock ? 'auth.locked' : 'auth.login_failed', { reason: 'wrong_password', failures });
    return { ok: false, code: lock ? 'auth.locked' : 'auth.invalid_credentials' };
  }
  if (found.status !== 'active') {
    await audit('auth.login_failed', { reason: 'disabled' });
    return { ok: false, code: 'auth.disabled' };
  }
  await tx
    .update(account)
    .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
    .where(eq(account.id, found.id));
  const { csrfToken } = await createSession(tx, found.id, req, reply);
  await audit('auth.login', {});
  return { ok: true, accountId: found.id, csrfToken };
}
