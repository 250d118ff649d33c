import fs from 'node:fs';
import path from 'node:path';
import { settingOnce } from './bootstrap.ts';
import type { Config } from './config.ts';
import { type CryptoMode, createFieldCipher, newMasterKey } from './crypto/index.ts';
import { type EmbeddedCluster, type LockInfo, startEmbeddedCluster } from './db/embedded.ts';
import { closeDatabase, connect, type Db, migrateDatabase } from './db/index.ts';
import { configureServices } from './services.ts';

/**
 * Open the platform's database for a server, a CLI command or a test: start (or join) the
 * embedded PostgreSQL unless DATABASE_URL is set, apply migrations, fix the crypto mode at first
 * start and configure the field cipher. `close()` undoes all of it.
 */
export interface Platform {
  db: Db;
  /** The database's connection string (pg-boss opens its own small pool with it). */
  url: string;
  config: Config;
  cryptoMode: CryptoMode;
  close(): Promise<void>;
}

/** The 32-byte master key: EDUGOV_MASTER_KEY (base64), or DATA_DIR/secrets/master.key, made once. */
export function loadMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.EDUGOV_MASTER_KEY) {
    const key = Buffer.from(env.EDUGOV_MASTER_KEY, 'base64');
    if (key.length !== 32) throw new Error('EDUGOV_MASTER_KEY must be 32 bytes, base64-encoded');
    return key;
  }
  const dir = path.join(dataDir, 'secrets');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'master.key');
  if (!fs.existsSync(file))
    fs.writeFileSync(file, newMasterKey().toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
}

export async function openPlatform(
  config: Config,
  options: { role: LockInfo['role']; join: boolean; log?: (line: string) => void; poolSize?: number },
): Promise<Platform> {
  let cluster: EmbeddedCluster | undefined;
  let url = config.databaseUrl;
  if (!url) {
    cluster = await startEmbeddedCluster(config.dataDir, options);
    url = cluster.url;
  }
  const db = connect(url, { max: options.poolSize });
  try {
    await migrateDatabase(db);
    const cryptoMode = await settingOnce<CryptoMode>(db, 'crypto.mode', config.crypto);
    if (cryptoMode !== config.crypto) {
      throw new Error(
        `This database was created with EDUGOV_CRYPTO=${cryptoMode}; it cannot be opened with EDUGOV_CRYPTO=${config.crypto}. ` +
          `/ 该数据库以 EDUGOV_CRYPTO=${cryptoMode} 创建，不能以 ${config.crypto} 打开。`,
      );
    }
    configureServices({ cryptoMode, cipher: createFieldCipher(loadMasterKey(config.dataDir), cryptoMode) });
    return {
      db,
      url,
      config,
      cryptoMode,
      close: async () => {
        await closeDatabase(db).catch(() => {});
        await cluster?.stop();
      },
    };
  } catch (error) {
    await closeDatabase(db).catch(() => {});
    await cluster?.stop();
    throw error;
  }
}
