import { eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TRegisterParentRequest } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { account, grant, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { createSession } from '../../core/http/session.ts';
import { checkPasswordPolicy, hashPassword } from '../../core/passwords.ts';

/**
 * A parent registers itself (public, rate-limited like the login): the account's username is the
 * guardian's mobile number, it holds one grant — role `parent` at the district root, which carries
 * only enrollment.apply — and it is logged in at once. See docs/adr/0003-parent-accounts.md.
 */
/** A notification's SMS copy to a parent account: its username is its mobile number (staff get none). */
export function smsToParent(accountId: number, username: string) {
  return /^1\d{10}$/.test(username) ? [{ accountId, channel: 'sms' as const, to: username }] : [];
}

export async function registerParent({
  actor,
  tx,
  input,
  req,
  reply,
}: {
  actor: Actor;
  tx: Tx;
  input: TRegisterParentRequest;
  req: FastifyRequest;
  reply: FastifyReply;
}): Promise<{ accountId: number; csrfToken: string }> {
  const [district] = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(sql`${orgUnit.id} = ${input.districtId} AND ${orgUnit.kind} = 'district'`);
  if (!district) throw new DomainError('org.unit_not_found', { field: 'districtId' });
  checkPasswordPolicy(input.password, input.phone);
  const [taken] = await tx
    .select({ id: account.id })
    .from(account)
    .where(eq(sql`lower(${account.username})`, input.phone.toLowerCase()));
  if (taken) throw new DomainError('enrollment.phone_taken', { field: 'phone' });
  const [row] = await tx
    .insert(account)
    .values({
      districtId: district.id,
      orgId: district.id,
      username: input.phone,
      displayName: input.name,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: account.id });
  await tx
    .insert(grant)
    .values({ districtId: district.id, accountId: row!.id, role: 'parent', orgId: district.id });
  await recordAudit(
    tx,
    { ...actor, accountId: row!.id, username: input.phone, districtId: district.id },
    {
      action: 'enrollment.register_parent',
      entityType: 'account',
      entityId: row!.id,
      orgId: district.id,
      districtId: district.id,
      after: { username: `${input.phone.slice(0, 3)}****${input.phone.slice(-4)}` },
    },
  );
  const { csrfToken } = await createSession(tx, row!.id, req, reply);
  return { accountId: row!.id, csrfToken };
}
