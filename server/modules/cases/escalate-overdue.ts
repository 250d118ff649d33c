import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../core/access/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import type { Tx } from '../../core/db/index.ts';
import { defineJob } from '../../core/jobs/index.ts';
import { notify } from '../../core/notifications/index.ts';
import { windowClocks } from './clocks.ts';
import { recordCaseEvent } from './events.ts';
import { accountsAt } from './notify.ts';

/**
 * 超期督办: every clock of a unit's own (not a citizen's window) that has run past its due instant
 * is escalated once — the handling unit's head (its principal or zone manager: cases.handle there)
 * and the district office (cases.dispatch at the district) are notified, and the case's history
 * records it.
 */
export async function escalateOverdue({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { districtId: number; now?: Date };
}): Promise<{ escalated: number }> {
  const now = input.now ?? new Date();
  const { rows } = await tx.execute<{
    clock_id: number;
    kind: string;
    due_at: Date;
    case_id: number;
    org_id: number;
    state: string;
    external_no: string;
    title: string;
    unit: string;
  }>(sql`
    SELECT k.id AS clock_id, k.kind, k.due_at, c.id AS case_id, c.org_id, c.state, c.external_no, c.title, u.name AS unit
    FROM case_clock k JOIN case_record c ON c.id = k.case_id JOIN org_unit u ON u.id = c.org_id
    WHERE k.district_id = ${input.districtId} AND k.status = 'running' AND k.due_at < ${now.toISOString()}
      AND k.kind <> ALL(${sql.raw(`'{${windowClocks.join(',')}}'::text[]`)})
      AND NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'escalate'
        AND (e.payload->>'clockId')::bigint = k.id)
    ORDER BY k.due_at LIMIT 1000`);
  const office = await accountsAt(tx, input.districtId, 'cases.dispatch');
  for (const r of rows) {
    const heads = r.org_id === input.districtId ? [] : await accountsAt(tx, r.org_id, 'cases.handle');
    const to = [...new Set([...heads, ...office])];
    if (to.length)
      await notify(tx, {
        accountIds: to,
        template: 'cases.overdue',
        params: {
          caseNo: r.external_no,
          subject: r.title.slice(0, 40),
          unit: r.unit,
          deadline: beijingMinute(r.due_at),
        },
        link: `/cases?id=${r.case_id}`,
      });
    await recordCaseEvent(tx, actor, {
      caseId: Number(r.case_id),
      districtId: input.districtId,
      orgId: r.org_id,
      action: 'escalate',
      fromState: r.state,
      toState: r.state,
      payload: {
        clockId: Number(r.clock_id),
        clock: r.kind,
        dueAt: new Date(r.due_at).toISOString(),
        notified: to.length,
      },
      at: now,
    });
  }
  return { escalated: rows.length };
}

/** The escalation as a job (started by the route, or by a scheduler every few minutes). */
export const escalateOverdueJob = defineJob({
  kind: 'cases.escalate_overdue',
  input: z.object({ districtId: z.number().int() }),
  // Every ten minutes for each district with a running clock; escalating twice is impossible.
  every: {
    minutes: 10,
    inputs: async (db) =>
      (
        await db.execute<{ district_id: number }>(
          sql`SELECT DISTINCT district_id FROM case_clock WHERE status = 'running'`,
        )
      ).rows.map((r) => ({ districtId: Number(r.district_id) })),
  },
  async run(ctx) {
    await ctx.progress({ stage: 'escalate', done: 0, total: null });
    const result = await ctx.db.transaction((tx) =>
      escalateOverdue({ actor: ctx.actor, tx, input: { districtId: ctx.input.districtId } }),
    );
    await ctx.progress({ stage: 'escalate', done: result.escalated, total: result.escalated });
    return result;
  },
});
