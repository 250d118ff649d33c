import { eq, sql } from 'drizzle-orm';
import type { TEnrollmentConfig } from '../../../contracts/enrollment.ts';
import { type DrawBundle, lotteryNumberHex } from '../../../engines/lottery/index.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { computeDueDate } from '../calendar/index.ts';
import { toDraw } from './draws.ts';
import { admittingUnits } from './feeders.ts';
import { loadDraw } from './policy.ts';
import { enrollmentDraw, enrollmentDrawEntry, enrollmentYear } from './schema.ts';

/** Postgres array literal of plain tokens (ids and codes we generated, never user text). */
const pgArray = (values: (string | number)[]) => `{${values.join(',')}}`;

/** The confirmation deadline of an offer made at `from`: N working days (legal-clock engine). */
export async function offerDeadline(
  tx: Executor,
  actor: Actor,
  from: Date,
  workingDays: number,
): Promise<Date> {
  const due = await computeDueDate({ actor, tx, input: { from: from.toISOString(), rule: { workingDays } } });
  return new Date(due.due);
}

/**
 * Publish a drawn draw. From then on its results are read only from the stored bundle: the offers
 * are made from `bundle.result.assignments`, and each school's waitlist (候补) is the children who
 * ranked it above what they got (or got nothing), in the order the school would admit them —
 * priority class, then lottery number, both from the bundle.
 */
export async function publishDraw({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; at?: Date };
}) {
  const row = await loadDraw(tx, actor, input.id, { manage: true });
  if (row.status !== 'drawn') throw new DomainError('enrollment.draw_wrong_status');
  const at = input.at ?? new Date();
  const [year] = await tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, row.yearId));
  const config = year!.config as TEnrollmentConfig;
  const [stored] = await tx
    .select({ bundle: enrollmentDraw.bundle })
    .from(enrollmentDraw)
    .where(eq(enrollmentDraw.id, row.id));
  const bundle = stored!.bundle as DrawBundle;
  const deadline = await offerDeadline(tx, actor, at, config.confirmWorkingDays);
  const entries = await tx
    .select({ lotteryId: enrollmentDrawEntry.lotteryId, applicationId: enrollmentDrawEntry.applicationId })
    .from(enrollmentDrawEntry)
    .where(eq(enrollmentDrawEntry.drawId, row.id));
  const appOf = new Map(entries.map((e) => [e.lotteryId, e.applicationId]));
  const codes = bundle.parameters.schools.map((s) => s.id);
  // Engine school → admitting unit: an org code, or a feeder pair's middle school (对口直升).
  const admitting = await admittingUnits(tx, row, codes);
  const unitOf = new Map([...admitting].map(([code, unit]) => [code, unit.id]));
  const offerApps: number[] = [];
  const offerSchools: number[] = [];
  const offerNos: string[] = [];
  for (const [lotteryId, code] of Object.entries(bundle.result.assignments)) {
    if (code === null) continue;
    offerApps.push(appOf.get(lotteryId)!);
    offerSchools.push(unitOf.get(code)!);
    offerNos.push(`${year!.year}-${row.id}-${lotteryId}`);
  }
  for (let i = 0; i < offerApps.length; i += 20_000)
    await tx.execute(sql`
      INSERT INTO enrollment_offer (district_id, org_id, draw_id, application_id, source, status, deadline, notice_no)
      SELECT ${row.districtId}, s, ${row.id}, a, 'draw', 'offered', ${deadline.toISOString()}::timestamptz, n
      FROM unnest(${pgArray(offerApps.slice(i, i + 20_000))}::bigint[], ${pgArray(offerSchools.slice(i, i + 20_000))}::int[],
                  ${pgArray(offerNos.slice(i, i + 20_000))}::text[]) AS t(a, s, n)`);
  // Waitlists: per school, the children who ranked it higher than their place, in admission order.
  const waiting = new Map<string, { id: string; cls: number; num: string }[]>();
  for (const student of bundle.pool) {
    const got = bundle.result.assignments[student.id] ?? null;
    for (const code of student.choices) {
      if (code === got) break;
      const cls = student.priority?.[code] ?? Number.MAX_SAFE_INTEGER;
      const list = waiting.get(code) ?? [];
      waiting.set(code, list);
      list.push({ id: student.id, cls, num: lotteryNumberHex(bundle.seed, student.id) });
    }
  }
  const wDraw: number[] = [];
  const wSchool: number[] = [];
  const wApp: number[] = [];
  const wPos: number[] = [];
  for (const [code, list] of waiting) {
    list.sort((x, y) => x.cls - y.cls || (x.num < y.num ? -1 : x.num > y.num ? 1 : 0));
    list.forEach((w, i) => {
      wDraw.push(row.id);
      wSchool.push(unitOf.get(code)!);
      wApp.push(appOf.get(w.id)!);
      wPos.push(i + 1);
    });
  }
  for (let i = 0; i < wApp.length; i += 20_000)
    await tx.execute(sql`
      INSERT INTO enrollment_waitlist (draw_id, school_id, application_id, position)
      SELECT d, s, a, p FROM unnest(${pgArray(wDraw.slice(i, i + 20_000))}::bigint[], ${pgArray(wSchool.slice(i, i + 20_000))}::int[],
        ${pgArray(wApp.slice(i, i + 20_000))}::bigint[], ${pgArray(wPos.slice(i, i + 20_000))}::int[]) AS t(d, s, a, p)`);
  await tx
    .update(enrollmentDraw)
    .set({ status: 'published', publishedAt: at })
    .where(eq(enrollmentDraw.id, row.id));
  await recordAudit(tx, actor, {
    action: 'enrollment.publish_draw',
    entityType: 'enrollmentDraw',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { resultHash: bundle.resultHash, offers: offerApps.length, waitlisted: wApp.length, deadline },
  });
  return toDraw(tx, actor, { ...row, status: 'published', publishedAt: at });
}
