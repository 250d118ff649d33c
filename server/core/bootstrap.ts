import { eq, sql } from 'drizzle-orm';
import { systemActor } from './access/index.ts';
import { recordAudit } from './audit/index.ts';
import type { Db } from './db/index.ts';
import { account, grant, orgUnit, systemSetting } from './db/schema.ts';
import { generatePassword, hashPassword } from './passwords.ts';

/**
 * First-start set-up of an empty database: the district root unit and the first administrator.
 * Idempotent: a second call finds both and changes nothing.
 */

export interface District {
  id: number;
  name: string;
}

export async function ensureDistrict(db: Db, input: { code: string; name: string }): Promise<District> {
  const existing = await db
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(eq(orgUnit.kind, 'district'))
    .limit(1);
  if (existing[0]) return existing[0];
  return db.transaction(async (tx) => {
    const [{ id }] = (await tx.execute<{ id: number }>(sql`SELECT nextval('org_unit_id_seq')::int AS id`))
      .rows;
    await tx.execute(sql`
      INSERT INTO org_unit (id, district_id, code, kind, name, opened_on)
      OVERRIDING SYSTEM VALUE VALUES (${id}, ${id}, ${input.code}, 'district', ${input.name}, DATE '2000-01-01')`);
    await recordAudit(tx, systemActor('bootstrap'), {
      action: 'org.create_district',
      entityType: 'orgUnit',
      entityId: id,
      orgId: id,
      districtId: id,
      after: { code: input.code, name: input.name },
    });
    return { id: Number(id), name: input.name };
  });
}

/**
 * The first administrator, username `admin`, sysAdmin at the district root. The password comes
 * from EDUGOV_ADMIN_PASSWORD, or is generated and returned once (the caller prints it).
 */
export async function ensureAdmin(
  db: Db,
  district: District,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword?: string }> {
  const existing = await db
    .select({ id: account.id })
    .from(account)
    .where(eq(account.username, 'admin'))
    .limit(1);
  if (existing[0]) return { created: false };
  const plain = password ?? generatePassword();
  const passwordHash = await hashPassword(plain);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(account)
      .values({
        districtId: district.id,
        orgId: district.id,
        username: 'admin',
        displayName: '系统管理员',
        passwordHash,
        mustChangePassword: password === undefined,
      })
      .returning({ id: account.id });
    await tx
      .insert(grant)
      .values({ districtId: district.id, accountId: created!.id, role: 'sysAdmin', orgId: district.id });
    await recordAudit(tx, systemActor('bootstrap'), {
      action: 'accounts.create',
      entityType: 'account',
      entityId: created!.id,
      orgId: district.id,
      districtId: district.id,
      after: { username: 'admin', grants: [{ role: 'sysAdmin', orgId: district.id }] },
    });
  });
  return { created: true, generatedPassword: password === undefined ? plain : undefined };
}

/** Settings fixed at first start; a later start with a different value is refused by the caller. */
export async function settingOnce<T>(db: Db, key: string, value: T): Promise<T> {
  await db.insert(systemSetting).values({ key, value }).onConflictDoNothing();
  const [row] = await db.select().from(systemSetting).where(eq(systemSetting.key, key));
  return row!.value as T;
}

export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const [row] = await db.select().from(systemSetting).where(eq(systemSetting.key, key));
  return row?.value as T | undefined;
}

export async function writeSetting<T>(db: Db, key: string, value: T): Promise<void> {
  await db
    .insert(systemSetting)
    .values({ key, value })
    .onConflictDoUpdate({ target: systemSetting.key, set: { value, updatedAt: new Date() } });
}
