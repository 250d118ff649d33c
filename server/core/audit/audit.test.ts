import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.ts';
import { type Actor, systemActor } from '../access/index.ts';
import type { CryptoMode } from '../crypto/index.ts';
import type { Db } from '../db/index.ts';
import { canonicalJson, eventHash, GENESIS_HASH, recordAudit, verifyAuditChain } from './index.ts';

/**
 * The tamper-evident audit trail against a real PostgreSQL: the chain links, the database refuses
 * changes, and `verifyAuditChain` finds an event changed or removed behind the application's back.
 * Every test gets its own database, so a tampered chain never leaks into the next test.
 */

let opened: { db: Db; close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const t of opened) await t.close();
  opened = [];
});

async function freshDb(cryptoMode?: CryptoMode): Promise<Db> {
  const t = await testDatabase(cryptoMode ? { cryptoMode } : {});
  opened.push(t);
  return t.db;
}

const actor: Actor = {
  accountId: 7,
  username: 'auditTester',
  displayName: '审计测试',
  districtId: 1,
  orgId: 1,
  grants: [],
  ip: '10.0.0.1',
  requestId: 'req-1',
};

async function writeEvents(db: Db, n: number, from = 1): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await db.transaction((tx) =>
      recordAudit(tx, actor, {
        action: 'test.write',
        entityType: 'thing',
        entityId: i,
        orgId: 1,
        before: { n: i - 1 },
        after: { n: i, 名称: `第${i}条`, nested: { list: [1, 'b', null] } },
      }),
    );
  }
}

interface EventRow {
  seq: number;
  prev_hash: string;
  hash: string;
  hash_alg: string;
  after: unknown;
}

async function events(db: Db): Promise<EventRow[]> {
  const result = await db.$client.query<EventRow>(
    'SELECT seq::int AS seq, prev_hash, hash, hash_alg, after FROM audit_event ORDER BY seq',
  );
  return result.rows;
}

/** What a database superuser could do: switch the append-only triggers off around a change. */
async function asSuperuser(db: Db, statement: string): Promise<void> {
  const client = await db.$client.connect();
  try {
    await client.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
    await client.query(statement);
  } finally {
    await client.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    client.release();
  }
}

describe('recordAudit and verifyAuditChain (intl)', () => {
  it('writes seq 1..n, each event linked to the previous hash, and verifies', async () => {
    const db = await freshDb();
    await writeEvents(db, 6);
    const rows = await events(db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const r of rows) {
      expect(r.hash_alg).toBe('sha256');
      expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(rows.map((r) => r.hash)).size).toBe(6);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 6, lastSeq: 6 });
  });

  it('verifies an empty trail as intact', async () => {
    const db = await freshDb();
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 0, lastSeq: 0 });
  });

  it('stores the actor, entity, ip and request id that the hash covers', async () => {
    const db = await freshDb();
    await writeEvents(db, 1);
    const { rows } = await db.$client.query(
      'SELECT actor_id, actor_name, action, entity_type, entity_id, org_id, district_id, ip, request_id, before, after FROM audit_event',
    );
    expect(rows[0]).toMatchObject({
      actor_id: 7,
      actor_name: 'auditTester',
      action: 'test.write',
      entity_type: 'thing',
      entity_id: '1',
      org_id: 1,
      district_id: 1,
      ip: '10.0.0.1',
      request_id: 'req-1',
      before: { n: 0 },
      after: { n: 1, 名称: '第1条', nested: { list: [1, 'b', null] } },
    });
  });

  it('keeps sealed values, hashes and passwords out of the trail', async () => {
    const db = await freshDb();
    await db.transaction((tx) =>
      recordAudit(tx, systemActor('test'), {
        action: 'test.scrub',
        entityType: 'person',
        before: { idNumberEnc: 'a1.secret', passwordHash: '$argon2id$x', name: '甲' },
        after: {
          phoneHash: 'h',
          nested: [{ addressEnc: 's1.x', csrfToken: 't', ok: true }],
          when: new Date(0),
        },
      }),
    );
    const [row] = (await db.$client.query('SELECT before, after FROM audit_event')).rows;
    expect(row.before).toEqual({ name: '甲' });
    expect(row.after).toEqual({ nested: [{ ok: true }], when: '1970-01-01T00:00:00.000Z' });
    expect(JSON.stringify(row)).not.toMatch(/secret|argon2|s1\.x/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_event in the database itself', async () => {
    const db = await freshDb();
    await writeEvents(db, 3);
    const before = await events(db);
    for (const statement of [
      `UPDATE audit_event SET after = '{"n": 99}' WHERE seq = 2`,
      'DELETE FROM audit_event WHERE seq = 2',
      'DELETE FROM audit_event',
      'TRUNCATE audit_event',
    ]) {
      await expect(db.$client.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringContaining('append-only'),
      });
    }
    expect(await events(db)).toEqual(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('finds an event whose content was changed by a superuser', async () => {
    const db = await freshDb();
    await writeEvents(db, 5);
    await asSuperuser(db, `UPDATE audit_event SET after = '{"n": 3, "forged": true}' WHERE seq = 3`);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt?.seq).toBe(3);
    expect(result.brokenAt?.reason).toMatch(/content/);
    expect(result.count).toBe(2);
    // The triggers are back on afterwards.
    await expect(db.$client.query('DELETE FROM audit_event WHERE seq = 1')).rejects.toMatchObject({
      code: '42501',
    });
  });

  it('finds a forged event even when its own hash was recomputed: the next link breaks', async () => {
    const db = await freshDb();
    await writeEvents(db, 5);
    const { rows } = await db.$client.query('SELECT * FROM audit_event WHERE seq = 3');
    const r = rows[0];
    const forgedAfter = { n: 3, forged: true };
    const forgedHash = eventHash('intl', {
      seq: 3,
      at: r.at,
      districtId: r.district_id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      orgId: r.org_id,
      before: r.before,
      after: forgedAfter,
      ip: r.ip,
      requestId: r.request_id,
      prevHash: r.prev_hash,
    });
    await asSuperuser(
      db,
      `UPDATE audit_event SET after = '${JSON.stringify(forgedAfter)}', hash = '${forgedHash}' WHERE seq = 3`,
    );
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt?.seq).toBe(4);
    expect(result.brokenAt?.reason).toMatch(/prev_hash/);
  });

  it('finds a deleted event in the middle of the chain as missing', async () => {
    const db = await freshDb();
    await writeEvents(db, 5);
    await asSuperuser(db, 'DELETE FROM audit_event WHERE seq = 3');
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt?.seq).toBe(3);
    expect(result.brokenAt?.reason).toMatch(/missing/);
    expect(result.lastSeq).toBe(2);
  });

  it('leaves no event behind when the transaction rolls back, and no gap after it', async () => {
    const db = await freshDb();
    await writeEvents(db, 2);
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, actor, { action: 'test.rolled_back', entityType: 'thing' });
        throw new Error('the operation failed after auditing');
      }),
    ).rejects.toThrow('the operation failed');
    expect((await events(db)).map((r) => r.seq)).toEqual([1, 2]);
    const { rows } = await db.$client.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'test.rolled_back'`,
    );
    expect(rows[0].n).toBe(0);
    await writeEvents(db, 1, 3);
    expect((await events(db)).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 3, lastSeq: 3 });
  });

  it('keeps the chain gap-free and valid with 10 concurrent writers on separate connections', async () => {
    const db = await freshDb();
    const perWriter = 3;
    const backends = new Set<number>();
    await Promise.all(
      Array.from({ length: 10 }, (_, w) =>
        db.transaction(async (tx) => {
          const pid = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
          backends.add(Number(pid.rows[0]!.pid));
          for (let i = 0; i < perWriter; i++) {
            await recordAudit(tx, actor, {
              action: 'test.concurrent',
              entityType: 'writer',
              entityId: w,
              after: { writer: w, i },
            });
          }
        }),
      ),
    );
    expect(backends.size).toBe(10);
    const rows = await events(db);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    // Each writer's events are contiguous: the chain lock is held to the end of its transaction.
    const writers = rows.map((r) => (r.after as { writer: number }).writer);
    for (let i = 0; i < writers.length; i += perWriter) {
      expect(new Set(writers.slice(i, i + perWriter)).size).toBe(1);
    }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 30, lastSeq: 30 });
  });

  it('reports progress while verifying', async () => {
    const db = await freshDb();
    await writeEvents(db, 4);
    const calls: [number, number][] = [];
    await verifyAuditChain(db, (done, total) => calls.push([done, total]));
    expect(calls.at(-1)).toEqual([4, 4]);
  });
});

describe('canonicalJson', () => {
  it('gives the same text whatever the key order, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('recordAudit and verifyAuditChain (sm)', () => {
  it('writes hash_alg sm3 with SM3 hashes and verifies', async () => {
    const db = await freshDb('sm');
    await writeEvents(db, 4);
    const rows = await events(db);
    expect(rows.map((r) => r.hash_alg)).toEqual(['sm3', 'sm3', 'sm3', 'sm3']);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, count: 4, lastSeq: 4 });
    const { rows: full } = await db.$client.query('SELECT * FROM audit_event WHERE seq = 2');
    const r = full[0];
    const fields = {
      seq: 2,
      at: r.at,
      districtId: r.district_id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      orgId: r.org_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
      requestId: r.request_id,
      prevHash: r.prev_hash,
    };
    expect(eventHash('sm', fields)).toBe(r.hash);
    expect(eventHash('intl', fields)).not.toBe(r.hash);
  });

  it('finds a tampered event in sm mode', async () => {
    const db = await freshDb('sm');
    await writeEvents(db, 3);
    await asSuperuser(db, `UPDATE audit_event SET actor_name = 'someoneElse' WHERE seq = 2`);
    const result = await verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.brokenAt?.seq).toBe(2);
  });
});
