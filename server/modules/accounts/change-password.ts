import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { account } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { endSessions } from '../../core/http/session.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../core/passwords.ts';

/** Change one's own password; other sessions of the account end. */
export async function changePassword({
  actor,
  tx,
  input,
}: {
  actor: Actor & { sessionId?: string };
  tx: Tx;
  input: { currentPassword: string; newPassword: string };
}): Promise<{ ok: true }> {
  const [row] = await tx.select().from(account).where(eq(account.id, actor.accountId!)).for('update');
  if (!row) throw new DomainError('auth.unauthenticated');
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new DomainError('auth.wrong_current_password', { field: 'currentPassword' });
  }
  try {
    checkPasswordPolicy(input.newPassword, row.username);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, { field: 'newPassword' });
    throw error;
  }
  await tx
    .update(account)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      mustChangePassword: false,
      passwordChangedAt: new Date(),
    })
    .where(eq(account.id, row.id));
  await endSessions(tx, row.id, actor.sessionId);
  await recordAudit(tx, actor, {
    action: 'auth.change_password',
    entityType: 'account',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
  });
  return { ok: true };
}
