import path from 'node:path';

/** The platform's configuration, read once from the environment (README: Configuration). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** External PostgreSQL; when unset an embedded PostgreSQL 17 runs in `dataDir/pg`. */
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  /** Generate the demo district on the first start of an empty database. */
  demo: boolean;
  /** `intl`: AES-256-GCM + SHA-256; `sm`: SM4 + SM3 (国密). */
  crypto: 'intl' | 'sm';
  logLevel: string;
  /** Proxies whose X-Forwarded-For is believed: unset (none), a hop count, or addresses/CIDRs. */
  trustProxy: boolean | number | string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cryptoMode = (env.EDUGOV_CRYPTO ?? 'intl').toLowerCase();
  if (cryptoMode !== 'intl' && cryptoMode !== 'sm') {
    throw new Error(`EDUGOV_CRYPTO must be "intl" or "sm", not "${env.EDUGOV_CRYPTO}"`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPassword: env.EDUGOV_ADMIN_PASSWORD || undefined,
    demo: !['0', 'false', 'no', 'off'].includes((env.EDUGOV_DEMO ?? '1').toLowerCase()),
    crypto: cryptoMode,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

/** TRUST_PROXY: `1`/`2` (hops), `127.0.0.1,10.0.0.0/8` (addresses), or unset (trust no proxy). */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || ['0', 'false', 'no'].includes(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
