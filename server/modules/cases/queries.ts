import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TCase, TCaseState } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { canSeeCase, caseActions } from './policy.ts';
import { caseCatalogue, caseRecord } from './schema.ts';

/** The columns lists and details show; sealed complainant columns are never selected here. */
export const subjectOrg = alias(orgUnit, 'subject_org');

export const caseColumns = {
  id: caseRecord.id,
  kind: caseRecord.kind,
  externalNo: caseRecord.externalNo,
  channel: caseRecord.channel,
  categoryCode: caseRecord.categoryCode,
  categoryName: caseCatalogue.name,
  title: caseRecord.title,
  orgId: caseRecord.orgId,
  orgName: orgUnit.name,
  subjectOrgId: caseRecord.subjectOrgId,
  subjectOrgName: subjectOrg.name,
  complainantName: caseRecord.complainantName,
  complainantPhone: caseRecord.complainantPhoneMasked,
  anonymous: caseRecord.anonymous,
  accusation: caseRecord.accusation,
  accusedOrgId: caseRecord.accusedOrgId,
  state: caseRecord.state,
  receivedAt: caseRecord.receivedAt,
  dueKind: caseRecord.dueKind,
  dueAt: caseRecord.dueAt,
  minutesLeft: sql<
    number | null
  >`CASE WHEN ${caseRecord.dueAt} IS NULL THEN NULL ELSE floor(extract(epoch FROM ${caseRecord.dueAt} - now()) / 60)::int END`,
  atRisk: sql<boolean>`coalesce(now() >= ${caseRecord.riskAt} AND now() < ${caseRecord.dueAt}, false)`,
  overdue: sql<boolean>`coalesce(now() >= ${caseRecord.dueAt}, false)`,
  replyDueAt: caseRecord.replyDueAt,
  onTime: caseRecord.onTime,
  callbackSolved: caseRecord.callbackSolved,
  callbackSatisfaction: caseRecord.callbackSatisfaction,
  mergedIntoId: caseRecord.mergedIntoId,
  linkGroupId: caseRecord.linkGroupId,
};

export function selectCases(tx: Executor) {
  return tx
    .select(caseColumns)
    .from(caseRecord)
    .innerJoin(orgUnit, eq(orgUnit.id, caseRecord.orgId))
    .leftJoin(subjectOrg, eq(subjectOrg.id, caseRecord.subjectOrgId))
    .leftJoin(caseCatalogue, eq(caseCatalogue.id, caseRecord.catalogueId));
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCases>['execute']>>[number];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function toCase(tx: Executor, actor: Actor, row: CaseRow): Promise<TCase> {
  const { accusedOrgId: _a, ...rest } = row;
  return {
    ...rest,
    kind: row.kind as TCase['kind'],
    state: row.state as TCaseState,
    receivedAt: iso(row.receivedAt)!,
    dueKind: row.dueKind as TCase['dueKind'],
    dueAt: iso(row.dueAt),
    minutesLeft: row.minutesLeft === null ? null : Number(row.minutesLeft),
    replyDueAt: iso(row.replyDueAt),
    callbackSatisfaction: row.callbackSatisfaction as TCase['callbackSatisfaction'],
    actions: await caseActions(tx, actor, {
      kind: row.kind as TCase['kind'],
      state: row.state as TCaseState,
      orgId: row.orgId,
      mergedIntoId: row.mergedIntoId,
    }),
  };
}

/**
 * The case row for a change, locked; out of sight (scope or accusation) answers "not found", so
 * that nobody can probe for cases they may not see.
 */
export async function loadCaseForUpdate(tx: Executor, actor: Actor, id: number) {
  const [row] = await tx.select().from(caseRecord).where(eq(caseRecord.id, id)).for('update');
  if (!row || !(await canSeeCase(tx, actor, row))) throw new DomainError('cases.case_not_found');
  return row;
}

/** One case as a list row, for the actor. */
export async function caseById(tx: Executor, actor: Actor, id: number): Promise<TCase> {
  const [row] = await selectCases(tx).where(eq(caseRecord.id, id));
  if (!row) throw new DomainError('cases.case_not_found');
  return toCase(tx, actor, row);
}
