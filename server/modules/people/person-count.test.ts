import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.ts';
import { testDatabase } from '../../test/db.ts';
import { buildPerson, buildWorld, type World } from '../../test/world.ts';

/** The person_count rollup (list totals) must equal a real count after every kind of change. */
let db: Db;
let close: () => Promise<void>;
let world: World;

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  world = await buildWorld(db);
});
afterAll(() => close());

async function drift(): Promise<unknown[]> {
  const { rows } = await db.execute(sql`
    SELECT coalesce(a.org_id, c.org_id) AS org_id, coalesce(a.kind, c.kind) AS kind, a.n AS actual, c.n AS counted
    FROM (SELECT org_id, kind, status, coalesce(grade, -1) AS grade, count(*) AS n FROM person GROUP BY 1, 2, 3, 4) a
    FULL JOIN (SELECT * FROM person_count WHERE n <> 0) c USING (org_id, kind, status, grade)
    WHERE a.n IS DISTINCT FROM c.n`);
  return rows;
}

describe('person_count', () => {
  it('matches after inserts, including a multi-row statement', async () => {
    expect(await drift()).toEqual([]);
    await db.execute(sql`INSERT INTO person (district_id, org_id, kind, name, grade)
      SELECT ${world.districtId}, ${world.units.schoolA2}, 'student', 'S' || g, g % 9 FROM generate_series(1, 500) g`);
    expect(await drift()).toEqual([]);
  });

  it('matches after updates that move people between units, kinds, statuses and grades', async () => {
    await db.execute(
      sql`UPDATE person SET org_id = ${world.units.schoolB1}, status = 'left' WHERE name LIKE 'S1%'`,
    );
    await db.execute(sql`UPDATE person SET grade = NULL WHERE name LIKE 'S2%'`);
    await db.execute(sql`UPDATE person SET kind = 'staff', grade = NULL WHERE name LIKE 'S3%'`);
    expect(await drift()).toEqual([]);
  });

  it('matches after deletes and stays unchanged by a rolled-back transaction', async () => {
    await db.execute(sql`DELETE FROM person WHERE name LIKE 'S4%'`);
    expect(await drift()).toEqual([]);
    const before = (await db.execute(sql`SELECT sum(n)::int AS n FROM person_count`)).rows[0];
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`DELETE FROM person WHERE name LIKE 'S5%'`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await db.execute(sql`SELECT sum(n)::int AS n FROM person_count`)).rows[0]).toEqual(before);
    await buildPerson(db, {
      districtId: world.districtId,
      orgId: world.units.kgB,
      kind: 'student',
      name: '幼儿',
      grade: 0,
    });
    expect(await drift()).toEqual([]);
  });
});
