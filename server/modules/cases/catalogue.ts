import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { TCatalogueEntry, TPutCatalogueEntry, TRankWeights } from '../../../contracts/cases.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { caseCatalogue, caseRankWeights } from './schema.ts';

/**
 * 派单目录 (which matter belongs to which unit, with its time limit) and the ranking weights. Both
 * are data administrators edit; both are versioned so that a past case or month keeps its rules.
 * The limits below are the usual ones (configurable): emergencies 2 h, utilities 24 h, general
 * 7 days, complex 15 days; sign-for and first contact in hours.
 */
export const limitRules = {
  emergency: { hours: 2 },
  utilities: { hours: 24 },
  general: { days: 7 },
  complex: { days: 15 },
} as const;

type Default = Omit<TPutCatalogueEntry, 'replyRule'> & { code: string };
const hours = (limitKind: Default['limitKind']) =>
  limitKind === 'emergency'
    ? { signForHours: 0.5, firstContactHours: 1 }
    : limitKind === 'utilities'
      ? { signForHours: 1, firstContactHours: 4 }
      : { signForHours: 2, firstContactHours: 24 };
const entry = (
  code: string,
  name: string,
  nameEn: string,
  unitKind: Default['unitKind'],
  limitKind: Default['limitKind'],
): Default => ({ code, name, nameEn, unitKind, limitKind, ...hours(limitKind), description: null });

export const defaultCatalogue: Default[] = [
  entry('SAFETY', '校园安全突发事件', 'Campus safety emergency', 'school', 'emergency'),
  entry('UTILITY', '校园水电暖设施故障', 'Campus utilities failure', 'school', 'utilities'),
  entry('ENROLL', '入学招生', 'Enrollment and admission', 'district', 'general'),
  entry('STATUS', '学籍与转学', 'Student status and transfer', 'school', 'general'),
  entry('FEES', '学校收费', 'School fees', 'school', 'general'),
  entry('TEACHER', '师德师风', 'Teacher conduct', 'school', 'general'),
  entry('TEACHING', '教学管理与课业负担', 'Teaching and homework load', 'school', 'general'),
  entry('FOOD', '食堂与供餐', 'Canteen and school meals', 'school', 'general'),
  entry('AFTERCLASS', '课后服务', 'After-school services', 'school', 'general'),
  entry('TRAFFIC', '校园周边交通与环境', 'Traffic and surroundings', 'zone', 'general'),
  entry('TRAINING', '校外培训与退费', 'Off-campus training and refunds', 'district', 'complex'),
  entry('BUILDING', '校舍建设与维修', 'School buildings and repairs', 'district', 'complex'),
  entry('OTHER', '其他教育事项', 'Other education matters', 'district', 'general'),
];

function toEntry(row: typeof caseCatalogue.$inferSelect): TCatalogueEntry {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    nameEn: row.nameEn,
    unitKind: row.unitKind as TCatalogueEntry['unitKind'],
    limitKind: row.limitKind as TCatalogueEntry['limitKind'],
    replyRule: row.replyRule as TCatalogueEntry['replyRule'],
    signForHours: Number(row.signForHours),
    firstContactHours: Number(row.firstContactHours),
    description: row.description,
    validFrom: row.validFrom.toISOString(),
  };
}

/** Give a district the default catalogue when it has none (first intake, demo, tests). */
export async function ensureDefaultCatalogue(tx: Executor, districtId: number): Promise<void> {
  const [any] = await tx
    .select({ id: caseCatalogue.id })
    .from(caseCatalogue)
    .where(eq(caseCatalogue.districtId, districtId))
    .limit(1);
  if (any) return;
  await tx
    .insert(caseCatalogue)
    .values(
      defaultCatalogue.map((d) => ({
        ...d,
        districtId,
        replyRule: limitRules[d.limitKind],
        validFrom: new Date('2000-01-01T00:00:00Z'),
      })),
    )
    .onConflictDoNothing();
}

/**
 * The current version of every category of the district (the defaults, unsaved, while the district
 * has none: a read-only request cannot store them).
 */
export async function currentCatalogue(tx: Executor, districtId: number): Promise<TCatalogueEntry[]> {
  const rows = await tx
    .select()
    .from(caseCatalogue)
    .where(and(eq(caseCatalogue.districtId, districtId), isNull(caseCatalogue.validTo)))
    .orderBy(asc(caseCatalogue.code));
  if (rows.length) return rows.map(toEntry);
  return defaultCatalogue.map((d) => ({
    ...d,
    id: 0,
    version: 0,
    replyRule: limitRules[d.limitKind],
    description: d.description ?? null,
    validFrom: '2000-01-01T00:00:00.000Z',
  }));
}

/** The current entry for a code, or a coded 400 naming `field`. */
export async function catalogueEntry(
  tx: Executor,
  districtId: number,
  code: string,
  field = 'categoryCode',
): Promise<TCatalogueEntry> {
  await ensureDefaultCatalogue(tx, districtId);
  const found = (await currentCatalogue(tx, districtId)).find((e) => e.code === code);
  if (!found) throw new DomainError('cases.category_unknown', { field });
  return found;
}

/** Edit a category: the current version is closed and the next one starts now (audited). */
export async function putCatalogueEntry({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { code: string } & TPutCatalogueEntry;
}): Promise<TCatalogueEntry> {
  const districtId = actor.districtId!;
  await authorize(tx, actor, 'cases.manage', districtId, 'cases.catalogue_not_found');
  await ensureDefaultCatalogue(tx, districtId);
  const [current] = await tx
    .select()
    .from(caseCatalogue)
    .where(
      and(
        eq(caseCatalogue.districtId, districtId),
        eq(caseCatalogue.code, input.code),
        isNull(caseCatalogue.validTo),
      ),
    )
    .for('update');
  const now = new Date();
  if (current) await tx.update(caseCatalogue).set({ validTo: now }).where(eq(caseCatalogue.id, current.id));
  const [created] = await tx
    .insert(caseCatalogue)
    .values({
      districtId,
      code: input.code,
      version: (current?.version ?? 0) + 1,
      name: input.name,
      nameEn: input.nameEn,
      unitKind: input.unitKind,
      limitKind: input.limitKind,
      replyRule: input.replyRule ?? limitRules[input.limitKind],
      signForHours: input.signForHours,
      firstContactHours: input.firstContactHours,
      description: input.description ?? null,
      validFrom: now,
      updatedBy: actor.accountId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'cases.catalogue_put',
    entityType: 'caseCatalogue',
    entityId: input.code,
    orgId: districtId,
    districtId,
    before: current ? toEntry(current) : null,
    after: toEntry(created!),
  });
  return toEntry(created!);
}

export const defaultWeights: Omit<TRankWeights, 'fromMonth'> = {
  response: 0.1,
  resolution: 0.5,
  satisfaction: 0.4,
  basicFactor: 0.9,
};

/** The weights in force for a month: the latest row from that month or before, else the defaults. */
export async function weightsFor(tx: Executor, districtId: number, month: string): Promise<TRankWeights> {
  const [row] = await tx
    .select()
    .from(caseRankWeights)
    .where(and(eq(caseRankWeights.districtId, districtId), lte(caseRankWeights.fromMonth, month)))
    .orderBy(desc(caseRankWeights.fromMonth))
    .limit(1);
  if (!row) return { fromMonth: '2000-01', ...defaultWeights };
  return {
    fromMonth: row.fromMonth,
    response: Number(row.response),
    resolution: Number(row.resolution),
    satisfaction: Number(row.satisfaction),
    basicFactor: Number(row.basicFactor),
  };
}

export async function listRankWeights(tx: Executor, districtId: number): Promise<TRankWeights[]> {
  const rows = await tx
    .select()
    .from(caseRankWeights)
    .where(eq(caseRankWeights.districtId, districtId))
    .orderBy(asc(caseRankWeights.fromMonth));
  return rows.map((r) => ({
    fromMonth: r.fromMonth,
    response: Number(r.response),
    resolution: Number(r.resolution),
    satisfaction: Number(r.satisfaction),
    basicFactor: Number(r.basicFactor),
  }));
}

/** Set the weights from a month on (audited). The three weights must add up to 1. */
export async function putRankWeights({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TRankWeights;
}): Promise<TRankWeights> {
  const districtId = actor.districtId!;
  await authorize(tx, actor, 'cases.manage', districtId, 'cases.catalogue_not_found');
  if (Math.abs(input.response + input.resolution + input.satisfaction - 1) > 1e-6)
    throw new DomainError('cases.weights_invalid', { field: 'response' });
  const before = await weightsFor(tx, districtId, input.fromMonth);
  await tx
    .insert(caseRankWeights)
    .values({ districtId, ...input, updatedBy: actor.accountId })
    .onConflictDoUpdate({
      target: [caseRankWeights.districtId, caseRankWeights.fromMonth],
      set: { ...input, updatedBy: actor.accountId, updatedAt: sql`now()` },
    });
  await recordAudit(tx, actor, {
    action: 'cases.weights_put',
    entityType: 'caseRankWeights',
    entityId: input.fromMonth,
    orgId: districtId,
    districtId,
    before,
    after: input,
  });
  return input;
}
