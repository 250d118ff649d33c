import { and, eq, inArray } from 'drizzle-orm';
import { type Permission, roleHas, roleNames } from '../../core/access/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { account, grant } from '../../core/db/schema.ts';
import { notify, registerTemplates } from '../../core/notifications/index.ts';

registerTemplates([
  {
    id: 'cases.assigned',
    zh: { title: '新案件：{caseNo}', body: '{from} 交办“{subject}”（{caseNo}），期限 {deadline}。' },
    en: { title: 'New case: {caseNo}', body: '{from} assigned “{subject}” ({caseNo}), due {deadline}.' },
  },
  {
    id: 'cases.overdue',
    zh: {
      title: '案件超期：{caseNo}',
      body: '{unit} 承办的“{subject}”（{caseNo}）已于 {deadline} 超期，请督办。',
    },
    en: {
      title: 'Case overdue: {caseNo}',
      body: '“{subject}” ({caseNo}), handled by {unit}, was due {deadline}: please follow up.',
    },
  },
]);

/** Active accounts holding `permission` through a grant on exactly this unit (its handlers, its head). */
export async function accountsAt(tx: Executor, orgId: number, permission: Permission): Promise<number[]> {
  const roles = roleNames.filter((r) => roleHas(r, permission));
  const rows = await tx
    .selectDistinct({ id: account.id })
    .from(grant)
    .innerJoin(account, eq(account.id, grant.accountId))
    .where(and(eq(grant.orgId, orgId), inArray(grant.role, roles), eq(account.status, 'active')));
  return rows.map((r) => r.id);
}

/** Tell the handlers of a unit that a case was assigned to them (in the caller's transaction). */
export async function notifyAssigned(
  tx: Tx,
  input: {
    orgId: number;
    caseId: number;
    caseNo: string;
    subject: string;
    from: string;
    deadline: Date | null;
  },
): Promise<void> {
  const ids = await accountsAt(tx, input.orgId, 'cases.handle');
  if (!ids.length) return;
  await notify(tx, {
    accountIds: ids,
    template: 'cases.assigned',
    params: {
      caseNo: input.caseNo,
      subject: input.subject.slice(0, 40),
      from: input.from,
      deadline: input.deadline ? beijingMinute(input.deadline) : '—',
    },
    link: `/cases?id=${input.caseId}`,
  });
}
