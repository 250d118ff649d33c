import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { TFamilyResult } from '../../../contracts/enrollment.ts';
import {
  compareMechanisms,
  type DrawBundle,
  explainDraw,
  type LotteryStudent,
  type MechanismComparison,
  merkleLevels,
  merkleProof,
  type PlacementExplanation,
  rootOf,
} from '../../../engines/lottery/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { admittingUnits } from './feeders.ts';
import { enrollmentDraw, enrollmentYear } from './schema.ts';

/**
 * What anyone may read about draws, without a session: the pool root and commitments once frozen,
 * the bundle once published, and a family's receipt and explanation. Results come only from the
 * stored bundle (never from offers or applications), so what a family sees is what anyone verifies.
 */
const visible = ['frozen', 'running', 'drawn', 'published'];

export async function publicDraws({ tx }: { tx: Executor }) {
  const rows = await tx
    .select({ draw: enrollmentDraw, year: enrollmentYear.year })
    .from(enrollmentDraw)
    .innerJoin(enrollmentYear, eq(enrollmentYear.id, enrollmentDraw.yearId))
    .where(inArray(enrollmentDraw.status, visible))
    .orderBy(asc(enrollmentDraw.id));
  const items = [];
  for (const { draw, year } of rows) {
    const schools = (draw.schools as { id: string }[] | null) ?? [];
    // Org codes, or feeder pairs (对口直升) named after their middle and primary school.
    const names = [
      ...(await admittingUnits(
        tx,
        draw,
        schools.map((s) => s.id),
      )),
    ].map(([id, unit]) => ({ id, name: unit.name }));
    const [zone] = draw.zoneId
      ? await tx.select({ name: orgUnit.name }).from(orgUnit).where(eq(orgUnit.id, draw.zoneId))
      : [];
    const published = draw.status === 'published';
    items.push({
      id: draw.id,
      year,
      name: draw.name,
      stage: draw.stage as 'primary' | 'junior',
      route: draw.route as 'area',
      zoneName: zone?.name ?? null,
      status: draw.status as 'published',
      poolRoot: draw.poolRoot,
      poolSize: draw.poolSize,
      commitments: draw.commitments as { party: string; commitment: string }[],
      resultHash: published ? draw.resultHash : null,
      publishedAt: draw.publishedAt?.toISOString() ?? null,
      schools: names.sort((a, b) => (a.id < b.id ? -1 : 1)),
    });
  }
  return { items };
}

/** The published bundle's exact stored bytes (json column, never re-serialised). */
export async function bundleText(tx: Executor, id: number): Promise<string> {
  const [row] = await tx
    .select({ text: sql<string>`${enrollmentDraw.bundle}::text`, status: enrollmentDraw.status })
    .from(enrollmentDraw)
    .where(eq(enrollmentDraw.id, id));
  if (row?.status !== 'published' || !row.text) throw new DomainError('enrollment.draw_not_found');
  return row.text;
}

// The Merkle levels and explanations of a pool are computed once per draw and kept (a few draws);
// each family's proof is then cut from the levels on request (all 30k proofs at once took seconds).
const cache = new Map<
  string,
  {
    levels: Uint8Array[][];
    poolRoot: string;
    pool: LotteryStudent[];
    indexOf: Map<string, number>;
    explanations?: Map<string, PlacementExplanation>;
  }
>();

export async function familyResult({
  tx,
  input,
}: {
  tx: Executor;
  input: { id: number; lotteryId: string };
}): Promise<TFamilyResult> {
  const [row] = await tx
    .select({ status: enrollmentDraw.status, poolRoot: enrollmentDraw.poolRoot })
    .from(enrollmentDraw)
    .where(eq(enrollmentDraw.id, input.id));
  if (!row || !visible.includes(row.status)) throw new DomainError('enrollment.draw_not_found');
  const key = `${input.id}:${row.status}:${row.poolRoot}`;
  let entry = cache.get(key);
  if (!entry) {
    // Only on a miss: the pool and the bundle are read (and parsed) once per draw and state.
    const [full] = await tx
      .select({ pool: enrollmentDraw.pool, bundle: enrollmentDraw.bundle })
      .from(enrollmentDraw)
      .where(eq(enrollmentDraw.id, input.id));
    const pool = full!.pool as LotteryStudent[];
    const levels = merkleLevels(pool);
    entry = { levels, poolRoot: rootOf(levels), pool, indexOf: new Map(pool.map((s, i) => [s.id, i])) };
    if (row.status === 'published') {
      const bundle = full!.bundle as DrawBundle;
      const explained = explainDraw(
        { seed: bundle.seed, schools: bundle.parameters.schools, students: bundle.pool },
        bundle.result,
      );
      entry.explanations = new Map(explained.map((e) => [e.id, e]));
    }
    if (cache.size >= 4) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  const index = entry.indexOf.get(input.lotteryId);
  if (index === undefined) throw new DomainError('enrollment.application_not_found', { field: 'lotteryId' });
  const receipt = {
    poolRoot: entry.poolRoot,
    entry: entry.pool[index],
    proof: merkleProof(entry.levels, index),
  };
  const e = entry.explanations?.get(input.lotteryId);
  return {
    drawId: input.id,
    lotteryId: input.lotteryId,
    receipt: { poolRoot: receipt.poolRoot, entry: receipt.entry, proof: receipt.proof },
    explanation: e
      ? {
          lotteryNumber: e.lotteryNumber,
          ...(e.groupLotteryNumber ? { groupLotteryNumber: e.groupLotteryNumber } : {}),
          assigned: e.assigned,
          choices: e.choices,
        }
      : null,
  };
}

const comparisons = new Map<string, MechanismComparison>();

/** DA and IA side by side on a published bundle's pool and seed (what `edugov lottery compare` prints). */
export async function drawComparison({ tx, input }: { tx: Executor; input: { id: number } }) {
  const [row] = await tx
    .select({ status: enrollmentDraw.status, resultHash: enrollmentDraw.resultHash })
    .from(enrollmentDraw)
    .where(eq(enrollmentDraw.id, input.id));
  if (row?.status !== 'published') throw new DomainError('enrollment.draw_not_found');
  const key = `${input.id}:${row.resultHash}`;
  let comparison = comparisons.get(key);
  if (!comparison) {
    const [full] = await tx
      .select({ bundle: enrollmentDraw.bundle })
      .from(enrollmentDraw)
      .where(eq(enrollmentDraw.id, input.id));
    const bundle = full!.bundle as DrawBundle;
    comparison = compareMechanisms({
      seed: bundle.seed,
      schools: bundle.parameters.schools,
      students: bundle.pool,
    });
    if (comparisons.size >= 8) comparisons.delete(comparisons.keys().next().value!);
    comparisons.set(key, comparison);
  }
  return comparison;
}
