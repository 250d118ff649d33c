import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { TRegistryTransfer, TStage } from '../../../contracts/enrollment.ts';
import { type Actor, scopeFilter } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { admitStudents } from '../people/index.ts';
import { loadYearToManage } from './policy.ts';
import { enrollmentApplication, enrollmentOffer } from './schema.ts';

/** Children listed by name in the result (updated and conflicting ones); the counts cover all. */
const LISTED = 200;

/**
 * 录取名单转学籍: every confirmed offer of a year and stage (in the officer's scope) becomes a student
 * of the registry at the admitting school, grade 1 or 7, for the year's September intake — through
 * the people module (`admitStudents`), which owns the registry's rules. The child's ID number and
 * address travel sealed as the application stores them (the same cipher as people's). Idempotent:
 * children already entered for the intake are left alone, so a re-run adds only newly confirmed ones.
 * The offers handed over are marked `transferred_at`; one audit event carries the counts.
 */
export async function transferToRegistry({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; stage: TStage };
}): Promise<TRegistryTransfer> {
  const year = await loadYearToManage(tx, actor, input.id);
  const grade = input.stage === 'primary' ? 1 : 7;
  const entryDate = `${year.year}-09-01`;
  const offers = await tx
    .select({
      offerId: enrollmentOffer.id,
      schoolId: enrollmentOffer.orgId,
      schoolName: orgUnit.name,
      childName: enrollmentApplication.childName,
      gender: enrollmentApplication.gender,
      birthDate: enrollmentApplication.birthDate,
      idEnc: enrollmentApplication.childIdEnc,
      idHash: enrollmentApplication.childIdHash,
      idMasked: enrollmentApplication.childIdMasked,
      addressEnc: enrollmentApplication.addressEnc,
      addressMasked: enrollmentApplication.addressMasked,
    })
    .from(enrollmentOffer)
    .innerJoin(enrollmentApplication, eq(enrollmentApplication.id, enrollmentOffer.applicationId))
    .innerJoin(orgUnit, eq(orgUnit.id, enrollmentOffer.orgId))
    .where(
      and(
        eq(enrollmentApplication.yearId, year.id),
        eq(enrollmentApplication.stage, input.stage),
        eq(enrollmentOffer.status, 'confirmed'),
        await scopeFilter(tx, actor, 'enrollment.manage', enrollmentOffer.orgId),
      ),
    )
    .orderBy(asc(enrollmentOffer.id));
  const admitted = await admitStudents(
    tx,
    actor,
    offers.map((o) => ({
      ref: o.offerId,
      orgId: o.schoolId,
      name: o.childName,
      gender: o.gender === 'M' || o.gender === 'F' ? o.gender : null,
      birthDate: o.birthDate,
      idNumber: { enc: o.idEnc, hash: o.idHash, masked: o.idMasked },
      address: { enc: o.addressEnc, masked: o.addressMasked },
      grade,
      entryDate,
    })),
  );
  const written = admitted.rows
    .filter((r) => r.outcome === 'added' || r.outcome === 'updated')
    .map((r) => r.ref);
  for (let i = 0; i < written.length; i += 5000)
    await tx
      .update(enrollmentOffer)
      .set({ transferredAt: new Date() })
      .where(
        and(
          inArray(enrollmentOffer.id, written.slice(i, i + 5000)),
          sql`${enrollmentOffer.transferredAt} IS NULL`,
        ),
      );
  const counts = {
    confirmed: offers.length,
    added: admitted.added,
    updated: admitted.updated,
    unchanged: admitted.unchanged,
    conflicts: admitted.conflicts,
  };
  await recordAudit(tx, actor, {
    action: 'enrollment.transfer_registry',
    entityType: 'enrollmentYear',
    entityId: year.id,
    orgId: year.orgId,
    districtId: year.districtId,
    after: { stage: input.stage, grade, entryDate, ...counts },
  });
  const byOffer = new Map(offers.map((o) => [o.offerId, o]));
  const children = admitted.rows
    .filter((r) => r.outcome === 'updated' || r.outcome === 'conflict')
    .slice(0, LISTED)
    .map((r) => {
      const o = byOffer.get(r.ref)!;
      return {
        childName: o.childName,
        idNumber: o.idMasked,
        schoolName: o.schoolName,
        fromOrgName: r.fromOrgName,
        outcome: r.outcome as 'updated' | 'conflict',
      };
    });
  return { yearId: year.id, stage: input.stage, grade, entryDate, ...counts, children };
}
