import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDemo } from '../demo/index.ts';
import { ensureAdmin, ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { buildApp } from '../server/core/http/app.ts';
import { openPlatform } from '../server/core/platform.ts';
import { indexAllPeople, indexAllUnits } from '../server/core/search/bulk.ts';
import { allModules } from '../server/modules/index.ts';

/**
 * Chinese search at the demo district's scale, on a fresh embedded database. One JSON line per case
 * on stdout (progress on stderr):
 *   search.index       bulk (re)index of every unit and person after the demo; peak RSS
 *   search.<who>.<q>   GET /api/search through the real app, p50/p95 of 100 requests
 * `BENCH_SCALE=0.1 npx tsx bench/search.ts` runs a smaller district for a quick look.
 */
const DEMO_PASSWORD = 'Bench-Demo-Password-1';
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-search-'));
  const config = readConfig({ ...process.env, DATA_DIR: tmp, DATABASE_URL: '', EDUGOV_CRYPTO: 'intl' });
  const platform = await openPlatform(config, { role: 'cli', join: false, poolSize: 10 });
  try {
    const { db } = platform;
    const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
    await ensureAdmin(db, district, 'Bench-Admin-Password-1');
    const summary = await generateDemo(db, {
      seed: 'haidian-2020',
      districtId: district.id,
      demoPassword: DEMO_PASSWORD,
      scale: Number(process.env.BENCH_SCALE ?? 1),
    });
    progress(`demo generated in ${summary.seconds}s`);

    let last = 0;
    const report = (stage: string) => (done: number, total: number) => {
      if (performance.now() - last > 10_000 || done === total) {
        last = performance.now();
        progress(`index ${stage} ${done}/${total}`);
      }
    };
    const t0 = performance.now();
    const units = await indexAllUnits(db, district.id, report('units'));
    const unitSeconds = seconds(t0);
    const t1 = performance.now();
    const people = await indexAllPeople(db, district.id, report('people'));
    const [{ bytes }] = (
      await db.execute<{ bytes: number }>(sql`SELECT pg_total_relation_size('search_document') AS bytes`)
    ).rows;
    print({
      case: 'search.index',
      units,
      people,
      unitSeconds,
      peopleSeconds: seconds(t1),
      peopleRowsPerSecond: Math.round(people / ((performance.now() - t1) / 1000)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      indexSizeMB: Math.round(Number(bytes) / 1024 / 1024),
    });

    const { app } = await buildApp({ db, modules: allModules(db), logLevel: 'silent' });
    await app.ready();
    const login = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      return `edugov_session=${res.cookies.find((c) => c.name === 'edugov_session')!.value}`;
    };
    const measure = async (name: string, cookie: string, queries: string[]) => {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < 100; i++) {
        const q = queries[i % queries.length]!;
        const t = performance.now();
        const res = await app.inject({
          method: 'GET',
          url: `/api/search?q=${encodeURIComponent(q)}&limit=20`,
          headers: { cookie },
        });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        hits += res.json().items.length;
      }
      times.sort((a, b) => a - b);
      print({
        case: name,
        requests: 100,
        p50ms: percentile(times, 50),
        p95ms: percentile(times, 95),
        avgHits: hits / 100,
        queries,
      });
    };

    const { rows: schools } = await db.execute<{ name: string }>(
      sql`SELECT name FROM org_unit WHERE district_id = ${district.id} AND kind = 'school' ORDER BY id LIMIT 5`,
    );
    const { rows: principalSchool } = await db.execute<{ name: string }>(sql`
      SELECT u.name FROM account a JOIN org_unit u ON u.id = a.org_id WHERE a.username = 'principal01'`);
    const fullNames = ['王伟', '张伟', '李娜', '王芳', '刘洋'];
    const nameParts = ['王', '李', '张小', '伟', '刘'];
    const officer = await login('officer');
    const principal = await login('principal01');
    await measure('search.officer.full-name', officer, fullNames);
    await measure('search.officer.surname-or-prefix', officer, nameParts);
    await measure(
      'search.officer.school-name',
      officer,
      schools.map((s) => s.name),
    );
    await measure('search.officer.generic-word', officer, ['小学', '中学', '幼儿园']);
    await measure('search.principal.full-name', principal, fullNames);
    await measure('search.principal.surname-or-prefix', principal, nameParts);
    await measure('search.principal.school-name', principal, [
      ...principalSchool.map((s) => s.name),
      ...schools.map((s) => s.name),
    ]);
    await app.close();
  } finally {
    await platform.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
