import { eq } from 'drizzle-orm';
import type { TExamDetail, TUpdateExamRequest } from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { loadExamToManage } from './policy.ts';
import { toExamDetail } from './queries.ts';
import { exam, examDayRecord, examSession } from './schema.ts';

/**
 * Change an exam's name, rules or sessions. Plans already run keep the rules they ran with (their
 * instance is frozen in the version); the next run uses the new ones.
 */
export async function updateExam({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TUpdateExamRequest & { id: number };
}): Promise<TExamDetail> {
  const before = await loadExamToManage(tx, actor, input.id);
  const sessionsBefore = await tx.select().from(examSession).where(eq(examSession.examId, input.id));
  const [row] = await tx
    .update(exam)
    .set({
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.rules === undefined ? {} : { rules: input.rules }),
      updatedAt: new Date(),
    })
    .where(eq(exam.id, input.id))
    .returning();
  if (input.sessions) {
    // Sessions with exam-day records keep their ids: match by subject and start.
    const keep = new Map(sessionsBefore.map((s) => [`${s.subject}@${s.startsAt.toISOString()}`, s]));
    const wanted = new Set<number>();
    for (const s of input.sessions) {
      const existing = keep.get(`${s.subject}@${new Date(s.startsAt).toISOString()}`);
      if (existing) {
        wanted.add(existing.id);
        await tx
          .update(examSession)
          .set({ endsAt: new Date(s.endsAt) })
          .where(eq(examSession.id, existing.id));
      } else
        await tx.insert(examSession).values({
          examId: input.id,
          subject: s.subject,
          startsAt: new Date(s.startsAt),
          endsAt: new Date(s.endsAt),
        });
    }
    for (const s of sessionsBefore) {
      if (wanted.has(s.id)) continue;
      const [used] = await tx
        .select({ id: examDayRecord.id })
        .from(examDayRecord)
        .where(eq(examDayRecord.sessionId, s.id))
        .limit(1);
      if (used) throw new DomainError('exams.session_in_use', { field: 'sessions' });
      await tx.delete(examSession).where(eq(examSession.id, s.id));
    }
  }
  await recordAudit(tx, actor, {
    action: 'exams.update',
    entityType: 'exam',
    entityId: input.id,
    orgId: before.orgId,
    districtId: before.districtId,
    before: {
      name: before.name,
      rules: before.rules,
      sessions: sessionsBefore.map((s) => ({ subject: s.subject, startsAt: s.startsAt, endsAt: s.endsAt })),
    },
    after: { name: input.name, rules: input.rules, sessions: input.sessions },
  });
  return toExamDetail(tx, actor, row!, true);
}
