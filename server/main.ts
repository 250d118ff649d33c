import path from 'node:path';
import { generateDemo } from '../demo/index.ts';
import { ensureAdmin, ensureDistrict, readSetting, writeSetting } from './core/bootstrap.ts';
import { seedCalendar } from './core/calendar/index.ts';
import type { Config } from './core/config.ts';
import { configureFiles } from './core/files/index.ts';
import { buildApp } from './core/http/app.ts';
import { startJobWorkers, stopJobWorkers } from './core/jobs/index.ts';
import { openPlatform } from './core/platform.ts';
import { indexAllPeople, indexAllUnits } from './core/search/bulk.ts';
import { allModules } from './modules/index.ts';

/**
 * `npm start`: open the database (embedded PostgreSQL unless DATABASE_URL), migrate, make the
 * district and its first administrator, listen, and on the first start of an empty database build
 * the demo district while /healthz reports progress. SIGINT/SIGTERM stop everything cleanly.
 */
export async function startServer(config: Config): Promise<{ stop(): Promise<void>; port: number }> {
  const say = (line: string) => console.log(`[edugov] ${line}`);
  say(
    config.databaseUrl
      ? 'connecting to PostgreSQL (DATABASE_URL)…'
      : `starting embedded PostgreSQL in ${config.dataDir}…`,
  );
  const platform = await openPlatform(config, { role: 'server', join: false, poolSize: 20 });
  const { db } = platform;
  const district = await ensureDistrict(db, {
    code: process.env.EDUGOV_DISTRICT_CODE ?? '110108',
    name: process.env.EDUGOV_DISTRICT_NAME ?? '北京市海淀区教育委员会',
  });
  const admin = await ensureAdmin(db, district, config.adminPassword);
  configureFiles({ root: path.join(config.dataDir, 'files') });
  const calendar = await seedCalendar(db);
  if (calendar.added.length > 0) say(`working-day calendar seeded for ${calendar.added.join(', ')}`);
  if (admin.generatedPassword) {
    say('─────────────────────────────────────────────────────────────');
    say(`first administrator: admin / ${admin.generatedPassword}`);
    say('this password is shown once; change it after logging in. 首个管理员密码仅显示一次，请登录后修改。');
    say('─────────────────────────────────────────────────────────────');
  }

  const status: { ready: boolean; stage?: string; done?: number; total?: number } = {
    ready: false,
    stage: 'starting',
  };
  const { app } = await buildApp({
    db,
    modules: allModules(db),
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    status: () => status,
  });
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number }).port;
  say(`listening on http://localhost:${port}`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      say('stopping…');
      await app.close().catch(() => {});
      await stopJobWorkers().catch(() => {});
      await platform.close();
      say('stopped');
    })();
    return stopping;
  };

  try {
    const demoDone = await readSetting<{ seed: string }>(db, 'demo.generated');
    if (config.demo && !demoDone && !(await readSetting(db, 'demo.skipped'))) {
      const seed = process.env.EDUGOV_DEMO_SEED ?? 'haidian-2020';
      const demoPassword = process.env.EDUGOV_DEMO_PASSWORD ?? 'Demo-Edugov-2026';
      say(`first start: generating the demo district (seed "${seed}")… 首次启动：正在生成示范区数据`);
      let lastLog = 0;
      const summary = await generateDemo(db, {
        seed,
        districtId: district.id,
        demoPassword,
        scale: Number(process.env.EDUGOV_DEMO_SCALE ?? 1),
        onProgress: (stage, done, total) => {
          Object.assign(status, { stage, done, total });
          if (Date.now() - lastLog > 2000 || done === total) {
            lastLog = Date.now();
            say(`demo: ${stage} ${done}/${total}`);
          }
        },
      });
      Object.assign(status, { stage: 'search index', done: 0, total: 1 });
      await indexAllUnits(db, district.id);
      await indexAllPeople(db, district.id, (done, total) =>
        Object.assign(status, { stage: 'search index', done, total }),
      );
      await writeSetting(db, 'demo.generated', { seed, at: new Date().toISOString() });
      say(
        `demo district ready in ${summary.seconds.toFixed(0)} s: ${summary.zones} zones, ${summary.schools} schools, ` +
          `${summary.kindergartens + summary.communitySites} kindergartens and sites, ${summary.students} students, ` +
          `${summary.staff} staff, ${summary.guardians} guardians`,
      );
      say(
        `demo accounts (password ${demoPassword}): ${summary.accounts.map((a) => `${a.username} (${a.role})`).join(', ')}`,
      );
    } else if (!config.demo && !demoDone) {
      await writeSetting(db, 'demo.skipped', { at: new Date().toISOString() });
    }
  } catch (error) {
    say(`demo generation failed: ${error instanceof Error ? error.message : String(error)}`);
    await stop();
    throw error;
  }
  await startJobWorkers({ db, url: platform.url });
  status.ready = true;
  delete status.stage;
  say(`ready: http://localhost:${port}`);
  return { stop, port };
}
