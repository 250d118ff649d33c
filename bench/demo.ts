import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { generateDemo } from '../demo/index.ts';
import { ensureAdmin, ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { openPlatform } from '../server/core/platform.ts';

/**
 * Benchmark: generate the demo district on a fresh embedded database in a temporary DATA_DIR.
 * Prints one JSON line per case to stdout (progress goes to stderr):
 * {"case":"demo.generate","seconds":…,"peakRssMB":…,"dbSizeMB":…,"students":…,"staff":…,"guardians":…}
 */

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-demo-'));
  // As root, PostgreSQL runs as the `postgres` user, who must be able to enter the directory.
  fs.chmodSync(tmp, 0o755);
  const startedAll = performance.now();
  try {
    const config = readConfig({ ...process.env, DATA_DIR: tmp, DATABASE_URL: '' });
    const platform = await openPlatform(config, { role: 'cli', join: false });
    const openSeconds = (performance.now() - startedAll) / 1000;
    try {
      const { db } = platform;
      const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
      await ensureAdmin(db, district, 'Bench-Admin-2025!');
      let last = 0;
      const summary = await generateDemo(db, {
        seed: process.env.DEMO_SEED ?? 'haidian-2021',
        districtId: district.id,
        demoPassword: 'Demo-Password-2025!',
        onProgress: (stage, done, total) => {
          const now = performance.now();
          if (now - last > 2000 || done === total) {
            last = now;
            process.stderr.write(`${stage} ${done}/${total}\n`);
          }
        },
      });
      const [{ bytes }] = (
        await db.execute<{ bytes: number }>(sql`SELECT pg_database_size(current_database())::bigint AS bytes`)
      ).rows;
      const line = {
        case: 'demo.generate',
        seconds: summary.seconds,
        firstStartSeconds: Math.round((openSeconds + summary.seconds) * 10) / 10,
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        dbSizeMB: Math.round(Number(bytes) / 1024 / 1024),
        students: summary.students,
        staff: summary.staff,
        guardians: summary.guardians,
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } finally {
      await platform.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
