import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type CryptoMode, createFieldCipher } from '../core/crypto/index.ts';
import { closeDatabase, connect, type Db } from '../core/db/index.ts';
import { configureServices } from '../core/services.ts';
import { buildWorld, type World } from './world.ts';

/** A fresh database for one test file, cloned from the migrated template, with services configured. */
export async function testDatabase(
  options: { cryptoMode?: CryptoMode } = {},
): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = connect(adminUrl, { max: 1 });
  await admin.$client.query(`CREATE DATABASE ${name} TEMPLATE edugov_template`);
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const db = connect(url, { max: 10 });
  const cryptoMode = options.cryptoMode ?? 'intl';
  configureServices({ cryptoMode, cipher: createFieldCipher(randomBytes(32), cryptoMode) });
  await db.$client.query(`INSERT INTO system_setting (key, value) VALUES ('crypto.mode', '"${cryptoMode}"')`);
  return {
    db,
    url,
    close: async () => {
      await closeDatabase(db);
      await admin.$client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await closeDatabase(admin);
    },
  };
}

/** A fresh database for one test file with the small test district of world.ts built in it. */
export async function testWorld(): Promise<{ db: Db; url: string; world: World; close(): Promise<void> }> {
  const t = await testDatabase();
  return { ...t, world: await buildWorld(t.db) };
}
