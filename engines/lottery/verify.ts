import { BUNDLE_VERSION, type DrawBundle, ENGINE_VERSION } from './bundle.ts';
import { checkReveals, deriveSeed, type PartyCommitment } from './commit-reveal.ts';
import { runDraw } from './draw.ts';
import { merkleRoot } from './merkle.ts';
import { describeIssues, instanceSchema } from './schema.ts';

/**
 * Re-checks a published bundle from scratch: format and engine version, every reveal against its
 * commitment, the seed from the reveals, the pool against its root, then re-runs the draw and
 * compares every child's school and the result hash. Stops at the first difference, which it
 * names (e.g. `assignments.T17: published S3, re-run S1`). Same code in the CLI and the browser.
 */
export type VerifyOutcome = { ok: true } | { ok: false; firstDifference: string };

export function verifyBundle(
  bundle: DrawBundle,
  /** What was published before the draw, when the verifier has it: the pool root, the commitments. */
  published: { poolRoot?: string; commitments?: readonly PartyCommitment[] } = {},
): VerifyOutcome {
  const differ = (firstDifference: string): VerifyOutcome => ({ ok: false, firstDifference });
  if (bundle.version !== BUNDLE_VERSION)
    return differ(`version: ${bundle.version}, this verifier reads ${BUNDLE_VERSION} / 版本不符`);
  if (bundle.engineVersion !== ENGINE_VERSION)
    return differ(
      `engineVersion: ${bundle.engineVersion}, this verifier is ${ENGINE_VERSION}: verify with that engine version / 引擎版本不符`,
    );
  if (published.poolRoot !== undefined && published.poolRoot.toLowerCase() !== bundle.poolRoot.toLowerCase())
    return differ(
      `poolRoot: the bundle says ${bundle.poolRoot}, the root published before the draw was ${published.poolRoot} / 申请人池根哈希与摇号前公布的不一致`,
    );
  if (published.commitments) {
    const key = (list: readonly PartyCommitment[]) =>
      list
        .map((c) => `${c.party}\u0000${c.commitment.toLowerCase()}`)
        .sort()
        .join('\n');
    if (key(published.commitments) !== key(bundle.commitments))
      return differ('commitments: not those published before the draw / 承诺值与摇号前公布的不一致');
  }
  const reveals = checkReveals(bundle.commitments, bundle.reveals);
  if (reveals) return differ(`reveals: ${reveals}`);
  const seed = deriveSeed(bundle.reveals);
  if (bundle.seed.toLowerCase() !== seed)
    return differ(`seed: published ${bundle.seed}, derived from the reveals ${seed} / 种子与揭示值不符`);
  const root = merkleRoot(bundle.pool);
  if (bundle.poolRoot.toLowerCase() !== root)
    return differ(
      `poolRoot: published ${bundle.poolRoot}, the pool's root is ${root} / 申请人池与其根哈希不符`,
    );
  const instance = { seed, schools: bundle.parameters.schools, students: bundle.pool };
  const parsed = instanceSchema.safeParse(instance);
  if (!parsed.success)
    return differ(
      `pool or parameters invalid: ${describeIssues(parsed.error).slice(0, 3).join('; ')} / 申请人池或参数无效`,
    );
  const { mechanism } = bundle.parameters;
  if (bundle.result.mechanism !== mechanism)
    return differ(`result.mechanism: ${bundle.result.mechanism}, parameters say ${mechanism} / 派位方式不符`);
  const rerun = runDraw(parsed.data, mechanism);
  const ids = [
    ...new Set([...Object.keys(rerun.assignments), ...Object.keys(bundle.result.assignments)]),
  ].sort();
  for (const id of ids) {
    const published = Object.hasOwn(bundle.result.assignments, id)
      ? bundle.result.assignments[id]
      : undefined;
    const again = Object.hasOwn(rerun.assignments, id) ? rerun.assignments[id] : undefined;
    if (published !== again)
      return differ(
        `assignments.${id}: published ${show(published)}, re-run ${show(again)} / 学生 ${id} 的派位结果与重算不符`,
      );
  }
  if (bundle.result.resultHash !== rerun.resultHash)
    return differ(
      `result.resultHash: published ${bundle.result.resultHash}, re-run ${rerun.resultHash} / 结果哈希不符`,
    );
  if (bundle.resultHash !== rerun.resultHash)
    return differ(`resultHash: published ${bundle.resultHash}, re-run ${rerun.resultHash} / 结果哈希不符`);
  return { ok: true };
}

const show = (school: string | null | undefined) =>
  school === undefined ? '(missing)' : school === null ? 'none' : school;
