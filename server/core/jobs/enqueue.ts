import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../access/index.ts';
import type { Executor, Tx } from '../db/index.ts';
import { orgUnit } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { bossOn } from './boss.ts';
import { DEFAULT_EXPIRE_SECONDS, DEFAULT_RESUME_LIMIT, jobDefinition } from './registry.ts';
import { jobRun } from './schema.ts';

/**
 * Queue a job: inserts its `job_run` (status queued) and the pg-boss entry in the caller's
 * transaction (or a new one on a Db), so both commit or neither. Returns the job id.
 */
export async function enqueueJob(
  executor: Executor,
  actor: Actor,
  kind: string,
  input: unknown,
  options: { orgId?: number | null; singletonKey?: string } = {},
): Promise<string> {
  const definition = jobDefinition(kind);
  if (!definition) throw new Error(`unknown job kind ${kind}: define it with defineJob first`);
  const parsed = definition.input.parse(input);
  const id = randomUUID();
  const orgId = options.orgId ?? actor.orgId ?? null;
  return executor.transaction(async (tx) => {
    let districtId = actor.districtId;
    if (districtId === null && orgId !== null) {
      const [unit] = await tx
        .select({ districtId: orgUnit.districtId })
        .from(orgUnit)
        .where(eq(orgUnit.id, orgId));
      districtId = unit?.districtId ?? null;
    }
    await tx.insert(jobRun).values({
      id,
      kind,
      status: 'queued',
      orgId,
      districtId,
      input: parsed as object,
      createdBy: actor.accountId,
    });
    await sendToBoss(tx, kind, id, {
      retryLimit: definition.resumeLimit ?? DEFAULT_RESUME_LIMIT,
      expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      singletonKey: options.singletonKey,
    });
    return id;
  });
}

async function sendToBoss(
  tx: Tx,
  kind: string,
  id: string,
  options: { retryLimit: number; expireInSeconds: number; singletonKey?: string },
): Promise<void> {
  const boss = bossOn(tx);
  const send = () =>
    boss.send(
      kind,
      { jobRunId: id },
      {
        id,
        retryLimit: options.retryLimit,
        retryDelay: 0,
        expireInSeconds: options.expireInSeconds,
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      },
    );
  if (await send()) return;
  // No row: the queue does not exist yet (first job of this kind), or a singleton is taken.
  await boss.createQueue(kind, { name: kind, policy: 'standard' });
  if (await send()) return;
  throw new DomainError('jobs.already_queued');
}
