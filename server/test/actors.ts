import { eq } from 'drizzle-orm';
import type { Actor } from '../core/access/index.ts';
import type { Db } from '../core/db/index.ts';
import { account } from '../core/db/schema.ts';
import { grantsOf } from '../core/http/session.ts';

/** The actor of a test account, as a logged-in request would carry it (for calling operations directly). */
export async function authenticateAs(db: Db, username: string): Promise<Actor> {
  const [row] = await db.select().from(account).where(eq(account.username, username));
  if (!row) throw new Error(`no account ${username}`);
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.displayName,
    districtId: row.districtId,
    orgId: row.orgId,
    grants: await grantsOf(db, row.id),
  };
}
