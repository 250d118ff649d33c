import { sql } from 'drizzle-orm';
import type { TCase, TPetitionIntake } from '../../../contracts/cases.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { catalogueEntry, ensureDefaultCatalogue } from './catalogue.ts';
import { petitionRules, refreshCaseDue, startClock } from './clocks.ts';
import { recordCaseEvent } from './events.ts';
import { assertDistrictUnits } from './intake-hotline.ts';
import { caseById } from './queries.ts';
import { caseRecord } from './schema.ts';
import { caseWords, sealComplainant } from './seal.ts';

/**
 * Register a petition (信访登记): every letter, visit, call or online form is registered, oral ones
 * recorded in full. It gets a registration number XF<year><serial> and the 15-day clock to accept,
 * decline (not ours, saying where to go) or transfer it.
 */
export async function registerPetition({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TPetitionIntake & { channel: TPetitionIntake['channel'] };
}): Promise<TCase> {
  const districtId = actor.districtId;
  if (districtId === null) throw new DomainError('auth.forbidden');
  await authorize(tx, actor, 'cases.dispatch', districtId, 'cases.case_not_found');
  await ensureDefaultCatalogue(tx, districtId);
  const entry = input.categoryCode ? await catalogueEntry(tx, districtId, input.categoryCode) : null;
  await assertDistrictUnits(tx, districtId, [input.accusedOrgId], 'accusedOrgId');
  await assertDistrictUnits(tx, districtId, [input.subjectOrgId], 'subjectOrgId');
  if (input.accusedOrgId && !input.accusation)
    throw new DomainError('request.invalid', { field: 'accusedOrgId' });
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  const year = new Date(receivedAt.getTime() + 8 * 3_600_000).getUTCFullYear();
  // The serial is per district and year; the advisory lock keeps two registrations from taking one.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('edugov.cases.petition_no'), ${districtId})`);
  const [{ n }] = (
    await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int + 1 AS n FROM case_record
      WHERE district_id = ${districtId} AND kind = 'petition' AND external_no LIKE ${`XF${year}%`}`)
  ).rows as [{ n: number }];
  const externalNo = `XF${year}${String(n).padStart(5, '0')}`;
  const [created] = await tx
    .insert(caseRecord)
    .values({
      districtId,
      orgId: districtId,
      kind: 'petition',
      externalNo,
      channel: input.channel,
      catalogueId: entry?.id ?? null,
      categoryCode: entry?.code ?? null,
      title: input.title,
      content: input.content,
      words: caseWords(input.title, input.content),
      subjectOrgId: input.subjectOrgId ?? null,
      ...sealComplainant(input),
      accusation: input.accusation ?? false,
      accusedOrgId: input.accusedOrgId ?? null,
      state: 'registered',
      receivedAt,
      detail: { visitors: input.visitors ?? 1 },
    })
    .returning({ id: caseRecord.id });
  const c = { id: created!.id, districtId };
  await startClock(tx, actor, c, 'petition_accept', petitionRules.petition_accept, receivedAt);
  await refreshCaseDue(tx, c.id);
  await recordCaseEvent(tx, actor, {
    caseId: c.id,
    districtId,
    orgId: districtId,
    action: 'register',
    fromState: null,
    toState: 'registered',
    payload: { externalNo, channel: input.channel },
  });
  return caseById(tx, actor, c.id);
}
