import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TCreateDrawRequest, TDraw, TEnrollmentConfig } from '../../../contracts/enrollment.ts';
import {
  buildBundle,
  commitmentOf,
  type DrawBundle,
  freezePool,
  type LotteryStudent,
  type PartyCommitment,
  type PartyReveal,
} from '../../../engines/lottery/index.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { defineJob, enqueueJob } from '../../core/jobs/index.ts';
import { type DrawRow, loadDraw, loadYear, loadYearToManage } from './policy.ts';
import { poolSchools } from './route-pools.ts';
import { hasAreaRoute, holdsOffer } from './route-state.ts';
import { enrollmentApplication, enrollmentDraw, enrollmentDrawEntry, enrollmentYear } from './schema.ts';

/**
 * A draw (摇号/派位) in the order the verifiable ceremony needs: create (parties named) → freeze the
 * pool (Merkle root published, receipts available) → each party commits → each reveals at the draw
 * → the job runs the engine's buildBundle (seed by commit-reveal, DA or IA) → publish. Nothing here
 * re-implements the engine: the bundle it returns is stored as is.
 */
export async function toDraw(tx: Executor, actor: Actor, row: DrawRow): Promise<TDraw> {
  const [names] = await tx
    .select({
      year: enrollmentYear.year,
      zoneName: sql<string | null>`(SELECT z.name FROM org_unit z WHERE z.id = ${row.zoneId ?? null}::int)`,
    })
    .from(enrollmentYear)
    .where(eq(enrollmentYear.id, row.yearId));
  const commitments = row.commitments as PartyCommitment[];
  const reveals = row.reveals as PartyReveal[];
  const manage = await canAt(tx, actor, 'enrollment.manage', row.orgId);
  const actions: TDraw['actions'] = [];
  if (manage) {
    if (row.status === 'created') actions.push('freeze');
    if (row.status === 'frozen' && commitments.length < row.parties.length) actions.push('commit');
    if (
      row.status === 'frozen' &&
      commitments.length === row.parties.length &&
      reveals.length < row.parties.length
    )
      actions.push('reveal');
    if (row.status === 'frozen' && reveals.length === row.parties.length) actions.push('run');
    if (row.status === 'drawn') actions.push('publish');
    // 转入派位: what returnUnplaced (return-to-area.ts) accepts; run again it moves nobody.
    if (row.status === 'published' && row.route !== 'area' && (await hasAreaRoute(tx, row.yearId, row.stage)))
      actions.push('returnUnplaced');
  }
  const drawn = row.status === 'drawn' || row.status === 'published';
  const [count] = drawn
    ? await tx
        .select({
          placed: sql<number>`(SELECT count(*)::int FROM json_each(${enrollmentDraw.bundle} -> 'result' -> 'assignments') e
            WHERE e.value::text <> 'null')`,
        })
        .from(enrollmentDraw)
        .where(eq(enrollmentDraw.id, row.id))
    : [];
  return {
    id: row.id,
    yearId: row.yearId,
    year: names!.year,
    name: row.name,
    stage: row.stage as TDraw['stage'],
    route: row.route as TDraw['route'],
    zoneId: row.zoneId,
    zoneName: names!.zoneName,
    mechanism: row.mechanism as TDraw['mechanism'],
    parties: row.parties,
    status: row.status as TDraw['status'],
    poolRoot: row.poolRoot,
    poolSize: row.poolSize,
    frozenAt: row.frozenAt?.toISOString() ?? null,
    commitments,
    revealed: reveals.map((r) => r.party),
    seed: row.status === 'drawn' || row.status === 'published' ? row.seed : null,
    resultHash: row.resultHash,
    jobId: row.jobId,
    failure: row.failure,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    placed: count ? Number(count.placed) : null,
    poolExcluded: row.poolExcluded,
    actions,
  };
}

export async function listDraws({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { yearId?: number };
}) {
  const rows = await tx
    .select()
    .from(enrollmentDraw)
    .where(
      and(
        actor.districtId === null ? sql`true` : eq(enrollmentDraw.districtId, actor.districtId),
        input.yearId ? eq(enrollmentDraw.yearId, input.yearId) : sql`true`,
      ),
    )
    .orderBy(asc(enrollmentDraw.id));
  const items: TDraw[] = [];
  for (const row of rows) items.push(await toDraw(tx, actor, await loadDraw(tx, actor, row.id)));
  return { items };
}

export async function createDraw({ actor, tx, input }: { actor: Actor; tx: Tx; input: TCreateDrawRequest }) {
  const year = await loadYearToManage(tx, actor, input.yearId);
  const config = year.config as TEnrollmentConfig;
  if (!config.routes.some((r) => r.route === input.route && r.stage === input.stage))
    throw new DomainError('enrollment.route_not_offered', { field: 'route' });
  const [row] = await tx
    .insert(enrollmentDraw)
    .values({
      districtId: year.districtId,
      orgId: year.orgId,
      yearId: year.id,
      name: input.name,
      stage: input.stage,
      route: input.route,
      zoneId: input.zoneId ?? null,
      mechanism: input.mechanism,
      parties: input.parties,
      createdBy: actor.accountId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'enrollment.create_draw',
    entityType: 'enrollmentDraw',
    entityId: row!.id,
    orgId: row!.orgId,
    districtId: row!.districtId,
    after: input,
  });
  return toDraw(tx, actor, row!);
}

async function audit(tx: Tx, actor: Actor, row: DrawRow, action: string, after: unknown) {
  await recordAudit(tx, actor, {
    action,
    entityType: 'enrollmentDraw',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after,
  });
}

/**
 * Freeze the pool: the approved applications of the draw's year, stage, route (and 学区), each as
 * the engine's entry — pseudonymous lottery id, ranked schools (org codes; feeder pairs for 对口直升,
 * route-pools.ts) among the draw's schools, the category's priority class at each, the twins'
 * group — and publish its Merkle root. Children holding an offer are left out and counted.
 */
export async function freezeDraw({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const row = await loadDraw(tx, actor, input.id, { manage: true });
  if (row.status !== 'created') throw new DomainError('enrollment.draw_wrong_status');
  const year = await loadYear(tx, actor, row.yearId);
  const classOf = new Map((year.config as TEnrollmentConfig).categories.map((c) => [c.id, c.priorityClass]));
  const { schools, choicesOf } = await poolSchools(tx, row);
  const scope = and(
    eq(enrollmentApplication.yearId, row.yearId),
    eq(enrollmentApplication.stage, row.stage),
    eq(enrollmentApplication.route, row.route),
    eq(enrollmentApplication.status, 'approved'),
    row.zoneId ? eq(enrollmentApplication.orgId, row.zoneId) : sql`true`,
  );
  // A child holding an open or confirmed offer (another draw, a direct admission) is placed: it is
  // left out of this pool and counted, never refused (one family's state must not block a freeze).
  const [{ excluded }] = (await tx
    .select({ excluded: sql<number>`count(*)::int` })
    .from(enrollmentApplication)
    .where(and(scope, holdsOffer))) as [{ excluded: number }];
  const apps = await tx
    .select({
      id: enrollmentApplication.id,
      lotteryId: enrollmentApplication.lotteryId,
      choices: enrollmentApplication.choices,
      currentSchoolId: enrollmentApplication.currentSchoolId,
      category: enrollmentApplication.category,
      siblingGroup: enrollmentApplication.siblingGroup,
    })
    .from(enrollmentApplication)
    .where(and(scope, sql`NOT ${holdsOffer}`));
  if (!apps.length || !schools.length) throw new DomainError('enrollment.empty_pool');
  const groupChoices = new Map<string, string>();
  const groupSize = new Map<string, number>();
  for (const a of apps)
    if (a.siblingGroup) groupSize.set(a.siblingGroup, (groupSize.get(a.siblingGroup) ?? 0) + 1);
  const students: LotteryStudent[] = apps.map((a) => {
    const choices = choicesOf(a);
    const cls = classOf.get(a.category);
    const priority: Record<string, number> = {};
    if (cls !== undefined) for (const c of choices) priority[c] = cls;
    // A group of one (its twin not approved or in another pool) is a single child.
    const group = a.siblingGroup && (groupSize.get(a.siblingGroup) ?? 0) > 1 ? a.siblingGroup : undefined;
    if (group) {
      const key = choices.join(',');
      if ((groupChoices.get(group) ?? key) !== key) throw new DomainError('enrollment.twins_differ');
      groupChoices.set(group, key);
    }
    return { id: a.lotteryId, choices, priority, ...(group ? { siblingGroup: group } : {}) };
  });
  const { pool, poolRoot } = freezePool(students);
  const appOf = new Map(apps.map((a) => [a.lotteryId, a.id]));
  for (let i = 0; i < pool.length; i += 5000) {
    const chunk = pool.slice(i, i + 5000);
    await tx.insert(enrollmentDrawEntry).values(
      chunk.map((e, k) => ({
        drawId: row.id,
        lotteryId: e.id,
        applicationId: appOf.get(e.id)!,
        position: i + k,
      })),
    );
  }
  await tx
    .update(enrollmentDraw)
    .set({
      status: 'frozen',
      pool,
      poolRoot,
      poolSize: pool.length,
      schools,
      poolExcluded: excluded,
      frozenAt: new Date(),
    })
    .where(eq(enrollmentDraw.id, row.id));
  await audit(tx, actor, row, 'enrollment.freeze_pool', {
    poolRoot,
    poolSize: pool.length,
    schools: schools.length,
    excludedHoldingOffers: excluded,
  });
  return toDraw(tx, actor, (await tx.select().from(enrollmentDraw).where(eq(enrollmentDraw.id, row.id)))[0]!);
}

/** A party's commitment (SHA-256 of its secret), after the freeze and before any reveal. */
export async function commitDraw({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; party: string; commitment: string };
}) {
  const row = await loadDraw(tx, actor, input.id, { manage: true });
  const commitments = row.commitments as PartyCommitment[];
  if (row.status !== 'frozen' || (row.reveals as PartyReveal[]).length)
    throw new DomainError('enrollment.draw_wrong_status');
  if (!row.parties.includes(input.party))
    throw new DomainError('enrollment.party_unknown', { field: 'party' });
  if (commitments.some((c) => c.party === input.party)) throw new DomainError('enrollment.party_committed');
  const next = [...commitments, { party: input.party, commitment: input.commitment.toLowerCase() }];
  await tx.update(enrollmentDraw).set({ commitments: next }).where(eq(enrollmentDraw.id, row.id));
  await audit(tx, actor, row, 'enrollment.commit', {
    party: input.party,
    commitment: input.commitment.toLowerCase(),
  });
  return toDraw(tx, actor, { ...row, commitments: next });
}

/** A party's reveal at the draw, once every party has committed; checked against its commitment. */
export async function revealDraw({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; party: string; reveal: string };
}) {
  const row = await loadDraw(tx, actor, input.id, { manage: true });
  const commitments = row.commitments as PartyCommitment[];
  const reveals = row.reveals as PartyReveal[];
  if (row.status !== 'frozen') throw new DomainError('enrollment.draw_wrong_status');
  if (commitments.length < row.parties.length) throw new DomainError('enrollment.reveals_missing');
  const commitment = commitments.find((c) => c.party === input.party);
  if (!commitment) throw new DomainError('enrollment.party_unknown', { field: 'party' });
  if (reveals.some((r) => r.party === input.party)) throw new DomainError('enrollment.draw_wrong_status');
  const reveal = input.reveal.toLowerCase();
  if (commitmentOf(reveal) !== commitment.commitment)
    throw new DomainError('enrollment.reveal_mismatch', { field: 'reveal' });
  const next = [...reveals, { party: input.party, reveal }];
  await tx.update(enrollmentDraw).set({ reveals: next }).where(eq(enrollmentDraw.id, row.id));
  await audit(tx, actor, row, 'enrollment.reveal', { party: input.party, reveal });
  return toDraw(tx, actor, { ...row, reveals: next });
}

/** Start the draw once every party has revealed: the engine runs in a job. */
export async function runDraw({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const row = await loadDraw(tx, actor, input.id, { manage: true });
  if (row.status !== 'frozen') throw new DomainError('enrollment.draw_wrong_status');
  if ((row.reveals as PartyReveal[]).length < row.parties.length)
    throw new DomainError('enrollment.reveals_missing');
  const jobId = await enqueueJob(tx, actor, drawJob.kind, { drawId: row.id }, { orgId: row.orgId });
  await tx.update(enrollmentDraw).set({ status: 'running', jobId }).where(eq(enrollmentDraw.id, row.id));
  await audit(tx, actor, row, 'enrollment.run_draw', { jobId, mechanism: row.mechanism });
  return { draw: await toDraw(tx, actor, { ...row, status: 'running', jobId }), jobId };
}

/** The job's work: buildBundle on the frozen pool and the reveals; the bundle is stored as is. */
export async function completeDraw(tx: Tx, actor: Actor, drawId: number): Promise<void> {
  const [row] = await tx.select().from(enrollmentDraw).where(eq(enrollmentDraw.id, drawId)).for('update');
  if (row?.status !== 'running') return;
  let bundle: DrawBundle;
  try {
    bundle = buildBundle({
      students: row.pool as LotteryStudent[],
      schools: row.schools as { id: string; capacity: number }[],
      mechanism: row.mechanism as 'da' | 'ia',
      commitments: row.commitments as PartyCommitment[],
      reveals: row.reveals as PartyReveal[],
    });
  } catch (error) {
    await tx
      .update(enrollmentDraw)
      .set({ status: 'failed', failure: String(error) })
      .where(eq(enrollmentDraw.id, drawId));
    await audit(tx, actor, row, 'enrollment.draw_failed', { failure: String(error) });
    return;
  }
  if (bundle.poolRoot !== row.poolRoot) {
    await tx
      .update(enrollmentDraw)
      .set({ status: 'failed', failure: 'pool root changed' })
      .where(eq(enrollmentDraw.id, drawId));
    return;
  }
  await tx
    .update(enrollmentDraw)
    .set({ status: 'drawn', bundle, seed: bundle.seed, resultHash: bundle.resultHash, drawnAt: new Date() })
    .where(eq(enrollmentDraw.id, drawId));
  await audit(tx, actor, row, 'enrollment.drawn', { seed: bundle.seed, resultHash: bundle.resultHash });
}

export const drawJob = defineJob({
  kind: 'enrollment.draw',
  input: z.object({ drawId: z.number().int() }),
  resumeLimit: 1,
  run: async ({ input, db, actor, progress }) => {
    await progress({ stage: 'draw', done: 0, total: 1 });
    await db.transaction((tx) => completeDraw(tx, actor, input.drawId));
    await progress({ stage: 'draw', done: 1, total: 1 });
    const [row] = await db
      .select({ status: enrollmentDraw.status, resultHash: enrollmentDraw.resultHash })
      .from(enrollmentDraw)
      .where(eq(enrollmentDraw.id, input.drawId));
    return row;
  },
});
