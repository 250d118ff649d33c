import { asc, gt, sql } from 'drizzle-orm';
import type { Actor } from '../access/index.ts';
import { type CryptoMode, chainDigest } from '../crypto/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { auditEvent } from '../db/schema.ts';
import { services } from '../services.ts';

/**
 * The tamper-evident audit trail. Every write calls `recordAudit` inside its own transaction; the
 * event's hash covers its content and the previous event's hash, so changing or removing any event
 * breaks every hash after it, which `verifyAuditChain` (and `edugov audit verify`) detects.
 */

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  orgId?: number | null;
  districtId?: number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  seq: number;
  at: Date;
  districtId: number | null;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  orgId: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
  prevHash: string;
}

export function eventHash(mode: CryptoMode, e: HashedFields): string {
  return chainDigest(
    mode,
    canonicalJson({
      seq: e.seq,
      at: e.at.toISOString(),
      districtId: e.districtId,
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      orgId: e.orgId,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: e.ip,
      requestId: e.requestId,
      prevHash: e.prevHash,
    }),
  );
}

/**
 * Hashes that are public seals, not keyed lookups of personal data: they must stay in the trail
 * (a locked arrangement's or a draw's input and result hashes are what the audit is for).
 */
const PUBLIC_HASHES = new Set(['hash', 'inputHash', 'resultHash', 'poolRoot']);

/** Strip what never belongs in the trail (sealed personal data, password hashes). */
function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (/(Enc|Hash|password|csrf)/i.test(k) && !PUBLIC_HASHES.has(k)) continue;
    out[k] = scrub(v);
  }
  return out;
}

// One chain per database: the advisory lock orders writers, so `seq` has no gaps and no forks.
const CHAIN_LOCK = 0x4544_5547; // "EDUG"

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<number> {
  const mode = services().cryptoMode;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const last = await tx.execute<{ seq: number; hash: string }>(
    sql`SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1`,
  );
  const prev = last.rows[0];
  const fields: HashedFields = {
    seq: prev ? Number(prev.seq) + 1 : 1,
    at: new Date(),
    districtId: input.districtId ?? actor.districtId ?? null,
    actorId: actor.accountId,
    actorName: actor.username,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    orgId: input.orgId ?? null,
    before: JSON.parse(canonicalJson(scrub(input.before))),
    after: JSON.parse(canonicalJson(scrub(input.after))),
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    prevHash: prev?.hash ?? GENESIS_HASH,
  };
  const hash = eventHash(mode, fields);
  await tx.insert(auditEvent).values({ ...fields, hashAlg: mode === 'sm' ? 'sm3' : 'sha256', hash });
  return fields.seq;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  lastSeq: number;
  brokenAt?: { seq: number; reason: string };
}

/** Walk the whole chain in order, in batches; stop at the first event that does not verify. */
export async function verifyAuditChain(
  db: Db,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const total = Number(
    (await db.execute<{ n: number }>(sql`SELECT count(*)::bigint AS n FROM audit_event`)).rows[0]?.n ?? 0,
  );
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const batch = 5000;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvent)
      .where(gt(auditEvent.seq, expectedSeq - 1))
      .orderBy(asc(auditEvent.seq))
      .limit(batch);
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          count,
          lastSeq: expectedSeq - 1,
          brokenAt: { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next is ${row.seq})` },
        };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          count,
          lastSeq: row.seq,
          brokenAt: { seq: row.seq, reason: 'prev_hash does not match the previous event' },
        };
      }
      const mode: CryptoMode = row.hashAlg === 'sm3' ? 'sm' : 'intl';
      const recomputed = eventHash(mode, { ...row, before: row.before, after: row.after });
      if (recomputed !== row.hash) {
        return {
          ok: false,
          count,
          lastSeq: row.seq,
          brokenAt: { seq: row.seq, reason: 'content does not match its hash' },
        };
      }
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    onProgress?.(count, total);
    if (rows.length < batch) break;
  }
  return { ok: true, count, lastSeq: expectedSeq - 1 };
}
