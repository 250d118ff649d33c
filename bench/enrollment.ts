import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDemo } from '../demo/index.ts';
import { commitmentOf, type DrawBundle, parseBundle, verifyBundle } from '../engines/lottery/index.ts';
import type { Actor } from '../server/core/access/index.ts';
import { ensureAdmin, ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { buildApp } from '../server/core/http/app.ts';
import { openPlatform } from '../server/core/platform.ts';
import {
  commitDraw,
  completeDraw,
  freezeDraw,
  publishDraw,
  revealDraw,
} from '../server/modules/enrollment/index.ts';
import { enrollmentDraw } from '../server/modules/enrollment/schema.ts';
import { allModules } from '../server/modules/index.ts';

/**
 * 招生入学 at the seed's scale, on a fresh embedded database. One JSON line per case on stdout:
 *   enrollment.demo          the 2020 year the demo adds (applications, 5 draws, offers): seconds
 *   enrollment.draw.<stage>  a new district-wide draw end to end on the demo's approved applications:
 *                            freeze (pool + Merkle root + entries), commit/reveal (4 parties), run
 *                            (the job's work: buildBundle + store), publish (offers + waitlists), with
 *                            pool size, bundle bytes and peak RSS
 *   enrollment.verify        verifyBundle on the downloaded bundle (what the CLI and the browser do)
 *   enrollment.family        GET a family's receipt + explanation: the first (computes the pool's
 *                            receipts and explanations) and p50 of the next 50
 *   enrollment.list          GET /api/enrollment/applications p50/p95 (officer, 20 per page)
 * `BENCH_SCALE=0.1 npx tsx bench/enrollment.ts` for a quick look.
 */
const DEMO_PASSWORD = 'Bench-Demo-Password-1';
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const round = (x: number) => Math.round(x * 1000) / 1000;
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-enrollment-'));
  const config = readConfig({ ...process.env, DATA_DIR: tmp, DATABASE_URL: '', EDUGOV_CRYPTO: 'intl' });
  const platform = await openPlatform(config, { role: 'cli', join: false, poolSize: 10 });
  try {
    const { db } = platform;
    const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
    await ensureAdmin(db, district, 'Bench-Admin-Password-1');
    let from = 0;
    let seconds = 0;
    await generateDemo(db, {
      seed: 'haidian-2020',
      districtId: district.id,
      demoPassword: DEMO_PASSWORD,
      scale: Number(process.env.BENCH_SCALE ?? 1),
      onProgress: (stage, done, total) => {
        if (stage === 'enrollment' && done === 0) from = performance.now();
        if (stage === 'enrollment' && done === total) seconds = (performance.now() - from) / 1000;
        if (done === total) progress(`demo ${stage} done`);
      },
    });
    const [counts] = (
      await db.execute<{ applications: number; offers: number; waitlisted: number }>(sql`
        SELECT (SELECT count(*)::int FROM enrollment_application) AS applications,
          (SELECT count(*)::int FROM enrollment_offer) AS offers, (SELECT count(*)::int FROM enrollment_waitlist) AS waitlisted`)
    ).rows;
    print({ case: 'enrollment.demo', seconds: round(seconds), ...counts });

    const actor: Actor = {
      accountId: null,
      username: 'system:bench',
      displayName: 'bench',
      districtId: district.id,
      orgId: district.id,
      grants: [{ role: 'sysAdmin', orgId: district.id }],
    };
    const [year] = (await db.execute<{ id: number }>(sql`SELECT id FROM enrollment_year LIMIT 1`)).rows;
    for (const [stage, route] of [
      ['junior', 'area'],
      ['primary', 'area'],
    ] as const) {
      const timing: Record<string, number> = {};
      const step = async <T>(name: string, fn: () => Promise<T>) => {
        const t0 = performance.now();
        const out = await fn();
        timing[name] = round((performance.now() - t0) / 1000);
        return out;
      };
      const [draw] = await db
        .insert(enrollmentDraw)
        .values({
          districtId: district.id,
          orgId: district.id,
          yearId: Number(year!.id),
          name: `bench ${stage}`,
          stage,
          route,
          parties: ['A', 'B', 'C', 'D'],
        })
        .returning();
      const id = draw!.id;
      const secrets = ['11', '22', '33', '44'].map((b) => b.repeat(16));
      const frozen = await step('freeze', () =>
        db.transaction((tx) => freezeDraw({ actor, tx, input: { id } })),
      );
      await step('commitReveal', () =>
        db.transaction(async (tx) => {
          for (const [i, party] of ['A', 'B', 'C', 'D'].entries())
            await commitDraw({ actor, tx, input: { id, party, commitment: commitmentOf(secrets[i]!) } });
          for (const [i, party] of ['A', 'B', 'C', 'D'].entries())
            await revealDraw({ actor, tx, input: { id, party, reveal: secrets[i]! } });
        }),
      );
      await step('run', () =>
        db.transaction(async (tx) => {
          await tx.execute(sql`UPDATE enrollment_draw SET status = 'running' WHERE id = ${id}`);
          await completeDraw(tx, actor, id);
        }),
      );
      await step('publish', () =>
        db.transaction((tx) =>
          publishDraw({ actor, tx, input: { id, at: new Date('2020-07-03T10:00:00+08:00') } }),
        ),
      );
      const [bytes] = (
        await db.execute<{ n: number }>(
          sql`SELECT octet_length(bundle::text)::int AS n FROM enrollment_draw WHERE id = ${id}`,
        )
      ).rows;
      print({
        case: `enrollment.draw.${stage}`,
        pool: frozen.poolSize,
        schools: ((await db.select().from(enrollmentDraw).where(sql`id = ${id}`))[0]!.schools as unknown[])
          .length,
        ...timing,
        total: round(Object.values(timing).reduce((a, b) => a + b, 0)),
        bundleBytes: Number(bytes!.n),
        rssMb: rssMb(),
      });
    }

    const { app } = await buildApp({ db, modules: allModules(db), logLevel: 'silent' });
    await app.ready();
    const draws = (await app.inject({ method: 'GET', url: '/api/public/enrollment/draws' })).json() as {
      items: { id: number; poolRoot: string; commitments: { party: string; commitment: string }[] }[];
    };
    const last = draws.items.at(-1)!;
    const text = (await app.inject({ method: 'GET', url: `/api/public/enrollment/draws/${last.id}/bundle` }))
      .body;
    const t0 = performance.now();
    const parsed = parseBundle(JSON.parse(text));
    const outcome = parsed.ok
      ? verifyBundle(parsed.bundle as DrawBundle, { poolRoot: last.poolRoot })
      : { ok: false };
    print({
      case: 'enrollment.verify',
      seconds: round((performance.now() - t0) / 1000),
      ok: outcome.ok,
      bytes: text.length,
    });

    const ids = (parsed.ok ? parsed.bundle.pool : []).slice(0, 51).map((p) => p.id);
    const family = async (lotteryId: string) => {
      const s = performance.now();
      const res = await app.inject({
        method: 'GET',
        url: `/api/public/enrollment/draws/${last.id}/family?lotteryId=${lotteryId}`,
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      return performance.now() - s;
    };
    const first = await family(ids[0]!);
    const rest: number[] = [];
    for (const lotteryId of ids.slice(1)) rest.push(await family(lotteryId));
    rest.sort((a, b) => a - b);
    print({
      case: 'enrollment.family',
      firstMs: Math.round(first),
      p50Ms: round(rest[Math.floor(rest.length / 2)]!),
    });

    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'officer', password: DEMO_PASSWORD },
    });
    const cookie = `edugov_session=${login.cookies.find((c) => c.name === 'edugov_session')!.value}`;
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await app.inject({
        method: 'GET',
        url: `/api/enrollment/applications?page=${1 + (i % 10)}&pageSize=20`,
        headers: { cookie },
      });
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    print({ case: 'enrollment.list', p50Ms: round(times[25]!), p95Ms: round(times[47]!) });
    await app.close();
  } finally {
    await platform.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
