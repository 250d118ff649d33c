import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster } from '../core/db/embedded.ts';
import { closeDatabase, connect, migrateDatabase } from '../core/db/index.ts';

/**
 * Start one embedded PostgreSQL for the whole run and migrate a template database once; each test
 * file then clones it (`CREATE DATABASE … TEMPLATE`), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-test-'));
  const cluster = await startEmbeddedCluster(dataDir, { role: 'test', join: false });
  const adminUrl = cluster.url.replace(/\/edugov$/, '/postgres');
  const admin = connect(adminUrl, { max: 1 });
  await admin.$client.query('CREATE DATABASE edugov_template');
  await closeDatabase(admin);
  const template = connect(cluster.url.replace(/\/edugov$/, '/edugov_template'), { max: 1 });
  await migrateDatabase(template);
  await closeDatabase(template);
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
