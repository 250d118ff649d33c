import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDemo } from '../demo/index.ts';
import { systemActor } from '../server/core/access/index.ts';
import { recordAudit, verifyAuditChain } from '../server/core/audit/index.ts';
import { ensureAdmin, ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { buildApp } from '../server/core/http/app.ts';
import { openPlatform } from '../server/core/platform.ts';
import { allModules } from '../server/modules/index.ts';

/**
 * Platform-core measurements at the report's scale, on a fresh embedded database. One JSON line per
 * case on stdout (progress on stderr):
 *   demo.generate      first start: initdb + migrations + the full demo district; peak RSS; DB size
 *   people.list.*      GET /api/people through the real app (auth, scope, validation), p50/p95 of 100
 *   audit.verify       `verifyAuditChain` over ≥100k events
 * `BENCH_SCALE=0.1 npm run bench` runs a smaller district for a quick look.
 */
const DEMO_PASSWORD = 'Bench-Demo-Password-1';
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const progress = (line: string) => process.stderr.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-'));
  const started = performance.now();
  const config = readConfig({
    ...process.env,
    DATA_DIR: tmp,
    DATABASE_URL: '',
    EDUGOV_CRYPTO: process.env.EDUGOV_CRYPTO ?? 'intl',
  });
  const platform = await openPlatform(config, { role: 'cli', join: false, poolSize: 10 });
  try {
    const { db } = platform;
    const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
    await ensureAdmin(db, district, 'Bench-Admin-Password-1');
    let last = 0;
    const summary = await generateDemo(db, {
      seed: 'haidian-2020',
      districtId: district.id,
      demoPassword: DEMO_PASSWORD,
      scale: Number(process.env.BENCH_SCALE ?? 1),
      onProgress: (stage, done, total) => {
        if (performance.now() - last > 5000 || done === total) {
          last = performance.now();
          progress(`demo ${stage} ${done}/${total}`);
        }
      },
    });
    const [{ bytes }] = (
      await db.execute<{ bytes: number }>(sql`SELECT pg_database_size(current_database()) AS bytes`)
    ).rows;
    print({
      case: 'demo.generate',
      firstStartSeconds: Math.round((performance.now() - started) / 100) / 10,
      generateSeconds: summary.seconds,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      dbSizeMB: Math.round(Number(bytes) / 1024 / 1024),
      units: summary.schools + summary.kindergartens + summary.communitySites,
      people: summary.students + summary.staff + summary.guardians,
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
    const measure = async (name: string, cookie: string, urls: (i: number) => string) => {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 100; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: urls(i), headers: { cookie } });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
        total = res.json().total;
      }
      times.sort((a, b) => a - b);
      print({ case: name, requests: 100, p50ms: percentile(times, 50), p95ms: percentile(times, 95), total });
    };
    const officer = await login('officer');
    const principal = await login('principal01');
    await measure(
      'people.list.district',
      officer,
      (i) => `/api/people?kind=student&page=${1 + (i % 50)}&pageSize=20`,
    );
    await measure(
      'people.list.district.all-kinds',
      officer,
      (i) => `/api/people?page=${1 + (i % 50)}&pageSize=20`,
    );
    await measure('people.list.school', principal, (i) => `/api/people?page=${1 + (i % 10)}&pageSize=20`);
    await measure(
      'people.search.name-prefix',
      officer,
      (i) => `/api/people?q=${encodeURIComponent('王'.concat(['伟', '芳', '磊', '静', '强'][i % 5]!))}`,
    );
    await app.close();

    const target = 100_000;
    const [{ n }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_event`)).rows;
    const actor = systemActor('bench');
    for (let written = Number(n); written < target; ) {
      const batch = Math.min(2000, target - written);
      await db.transaction(async (tx) => {
        for (let i = 0; i < batch; i++) {
          await recordAudit(tx, actor, {
            action: 'bench.event',
            entityType: 'bench',
            entityId: written + i,
            orgId: district.id,
            after: { i: written + i },
          });
        }
      });
      written += batch;
      if (written % 20_000 === 0) progress(`audit events ${written}/${target}`);
    }
    const t0 = performance.now();
    const result = await verifyAuditChain(db);
    print({
      case: 'audit.verify',
      events: result.count,
      ok: result.ok,
      seconds: Math.round((performance.now() - t0) / 10) / 100,
    });
  } finally {
    await platform.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
