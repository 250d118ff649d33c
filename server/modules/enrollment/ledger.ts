import { desc, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, hasPermission } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { offsetOf } from '../../core/lists.ts';
import { enrollmentAddressUse as u } from './schema.ts';

/** 六年一学位 ledger: every use of an address (masked), newest first, for staff of the district. */
export async function listAddressUses({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { year?: number; page: number; pageSize: number };
}) {
  const where: SQL[] = [hasPermission(actor, 'enrollment.read') ? sql`true` : sql`false`];
  if (actor.districtId !== null) where.push(eq(u.districtId, actor.districtId));
  if (input.year) where.push(eq(u.year, input.year));
  const condition = sql.join(where, sql` AND `);
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(u).where(condition)) as [
    { total: number },
  ];
  const rows = await tx
    .select({ use: u, schoolName: orgUnit.name })
    .from(u)
    .leftJoin(orgUnit, eq(orgUnit.id, u.schoolId))
    .where(condition)
    .orderBy(desc(u.year), desc(u.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return {
    total,
    items: rows.map(({ use, schoolName }) => ({
      id: use.id,
      address: use.addressMasked,
      childName: use.childName,
      year: use.year,
      schoolName,
      span: use.span,
      lockedUntil: use.year + use.span - 1,
      exceptionReason: use.exceptionReason,
      exceptionApproverName: use.exceptionApproverName,
    })),
  };
}
