import { ensureDistrict } from '../server/core/bootstrap.ts';
import type { Db } from '../server/core/db/index.ts';
import { testDatabase } from '../server/test/db.ts';
import { type Client, loginAs, testApp } from '../server/test/http.ts';
import { generateDemo } from './index.ts';

export const DEMO_TEST_PASSWORD = 'Demo-Test-Password-1';

export interface DemoWorld {
  db: Db;
  app: Awaited<ReturnType<typeof testApp>>;
  officer: Client;
  close: () => Promise<void>;
}

/** The demo district generated at `scale` into a fresh test database, the app, and the officer's session. */
export async function demoWorld(scale: number): Promise<DemoWorld> {
  const t = await testDatabase();
  const district = await ensureDistrict(t.db, { code: '110108', name: '北京市海淀区教育委员会' });
  await generateDemo(t.db, {
    seed: 'haidian-2020',
    districtId: district.id,
    demoPassword: DEMO_TEST_PASSWORD,
    scale,
  });
  const app = await testApp(t.db);
  const officer = await loginAs(app.app, 'officer', DEMO_TEST_PASSWORD);
  return {
    db: t.db,
    app,
    officer,
    close: async () => {
      await app.app.close();
      await t.close();
    },
  };
}
