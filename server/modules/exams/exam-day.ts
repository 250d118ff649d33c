import { and, eq, type SQL, sql } from 'drizzle-orm';
import type {
  TCreateDayRecordRequest,
  TDayRecord,
  TDayRecordListQuery,
  TLiveCounts,
} from '../../../contracts/exams.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { fileObject } from '../../core/files/schema.ts';
import { offsetOf, sortBy } from '../../core/lists.ts';
import { type ExamView, loadExam, rowsVisible } from './policy.ts';
import { currentPlan } from './queries.ts';
import { examCandidate, examDayRecord, examRoom, examSeat, examSession, examSite } from './schema.ts';

/**
 * Exam day (考试当天): absences, moves to a backup or special room, incidents (违纪) with evidence,
 * against the locked or published plan. Records are appended; a mistaken one is withdrawn by a
 * `revoke` record, so the day's history stays whole. Live counts sum them per site.
 */

async function officialPlan(tx: Executor, examId: number) {
  const plan = await currentPlan(tx, examId, { officialOnly: true });
  if (!plan) throw new DomainError('exams.no_locked_plan');
  return plan;
}

export async function recordDayEvent({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateDayRecordRequest & { examId: number };
}): Promise<TDayRecord> {
  const view = await loadExam(tx, actor, input.examId);
  const plan = await officialPlan(tx, input.examId);
  const [session] = await tx
    .select()
    .from(examSession)
    .where(and(eq(examSession.id, input.sessionId), eq(examSession.examId, input.examId)));
  if (!session) throw new DomainError('exams.session_not_found', { field: 'sessionId' });
  const [seat] = await tx
    .select({ candidateId: examCandidate.id, siteId: examRoom.siteId, siteOrg: examSite.orgId })
    .from(examSeat)
    .innerJoin(examCandidate, eq(examCandidate.id, examSeat.candidateId))
    .innerJoin(examRoom, eq(examRoom.id, examSeat.roomId))
    .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
    .where(and(eq(examSeat.planId, plan.id), eq(examSeat.candidateId, input.candidateId)));
  if (!seat) throw new DomainError('exams.candidate_not_found', { field: 'candidateId' });
  const may =
    (await canAt(tx, actor, 'exams.record', view.exam.orgId)) ||
    (await canAt(tx, actor, 'exams.record', seat.siteOrg));
  if (!may) throw new DomainError('auth.forbidden');
  if (input.evidenceFileId !== undefined) {
    const [file] = await tx
      .select({ purpose: fileObject.purpose })
      .from(fileObject)
      .where(eq(fileObject.id, input.evidenceFileId));
    if (file?.purpose !== 'exams.evidence')
      throw new DomainError('files.not_found', { field: 'evidenceFileId' });
  }
  let toRoomId: number | null = null;
  if (input.kind === 'moved') {
    const [room] = await tx
      .select()
      .from(examRoom)
      .where(and(eq(examRoom.id, input.toRoomId!), eq(examRoom.planId, plan.id)));
    if (!room || room.siteId !== seat.siteId || room.kind === 'normal')
      throw new DomainError('exams.room_not_allowed', { field: 'toRoomId' });
    toRoomId = room.id;
  }
  if (input.kind === 'revoke') {
    const [target] = await tx
      .select()
      .from(examDayRecord)
      .where(
        and(
          eq(examDayRecord.id, input.revokes!),
          eq(examDayRecord.examId, input.examId),
          eq(examDayRecord.candidateId, input.candidateId),
        ),
      );
    const [already] = await tx
      .select({ id: examDayRecord.id })
      .from(examDayRecord)
      .where(eq(examDayRecord.revokes, input.revokes!));
    if (!target || target.kind === 'revoke' || already)
      throw new DomainError('exams.record_not_found', { field: 'revokes' });
  }
  const [created] = await tx
    .insert(examDayRecord)
    .values({
      examId: input.examId,
      sessionId: input.sessionId,
      candidateId: input.candidateId,
      siteId: seat.siteId,
      kind: input.kind,
      toRoomId,
      note: input.note ?? null,
      evidenceFileId: input.evidenceFileId === undefined ? null : String(input.evidenceFileId),
      revokes: input.revokes ?? null,
      recordedBy: actor.accountId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: `exams.day_${input.kind}`,
    entityType: 'examDayRecord',
    entityId: created!.id,
    orgId: seat.siteOrg,
    districtId: view.exam.districtId,
    after: { ...input },
  });
  const { items } = await listDayRecords({
    actor,
    tx,
    input: { examId: input.examId, page: 1, pageSize: 1, q: undefined, sort: undefined, id: created!.id },
  });
  return items[0]!;
}

const sortable = { recordedAt: examDayRecord.recordedAt, kind: examDayRecord.kind, id: examDayRecord.id };

export async function listDayRecords({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TDayRecordListQuery & { examId: number; id?: number };
}): Promise<{ items: TDayRecord[]; total: number }> {
  const view = await loadExam(tx, actor, input.examId);
  const conditions: SQL[] = [
    eq(examDayRecord.examId, input.examId),
    await rowsVisible(tx, actor, view, examSite.orgId, examCandidate.orgId),
  ];
  if (input.id) conditions.push(eq(examDayRecord.id, input.id));
  if (input.sessionId) conditions.push(eq(examDayRecord.sessionId, input.sessionId));
  if (input.siteId) conditions.push(eq(examDayRecord.siteId, input.siteId));
  if (input.kind) conditions.push(eq(examDayRecord.kind, input.kind));
  if (input.q) conditions.push(eq(examCandidate.registrationNo, input.q));
  const where = and(...conditions);
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(examDayRecord)
    .innerJoin(examCandidate, eq(examCandidate.id, examDayRecord.candidateId))
    .innerJoin(examSite, eq(examSite.id, examDayRecord.siteId))
    .where(where);
  const rows = await tx
    .select({
      id: examDayRecord.id,
      sessionId: examDayRecord.sessionId,
      subject: examSession.subject,
      candidateId: examDayRecord.candidateId,
      registrationNo: examCandidate.registrationNo,
      candidateName: examCandidate.name,
      siteName: examSite.name,
      kind: examDayRecord.kind,
      toRoom: examRoom.roomNo,
      note: examDayRecord.note,
      evidenceFileId: examDayRecord.evidenceFileId,
      revokes: examDayRecord.revokes,
      revoked: sql<boolean>`EXISTS (SELECT 1 FROM exam_day_record r WHERE r.revokes = ${examDayRecord.id})`,
      recordedAt: examDayRecord.recordedAt,
    })
    .from(examDayRecord)
    .innerJoin(examCandidate, eq(examCandidate.id, examDayRecord.candidateId))
    .innerJoin(examSite, eq(examSite.id, examDayRecord.siteId))
    .innerJoin(examSession, eq(examSession.id, examDayRecord.sessionId))
    .leftJoin(examRoom, eq(examRoom.id, examDayRecord.toRoomId))
    .where(where)
    .orderBy(...sortBy(input.sort ?? '-recordedAt', sortable, 'recordedAt', examDayRecord.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return {
    items: rows.map((r) => ({
      ...r,
      kind: r.kind as TDayRecord['kind'],
      recordedAt: r.recordedAt.toISOString(),
    })),
    total,
  };
}

/** Per site for one session: expected (seated in the official plan), absent, present, moved, incidents. */
export async function liveCounts({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { examId: number; sessionId: number };
}): Promise<TLiveCounts> {
  const view: ExamView = await loadExam(tx, actor, input.examId);
  const plan = await officialPlan(tx, input.examId);
  const [session] = await tx
    .select()
    .from(examSession)
    .where(and(eq(examSession.id, input.sessionId), eq(examSession.examId, input.examId)));
  if (!session) throw new DomainError('exams.session_not_found', { field: 'sessionId' });
  const visible = await rowsVisible(tx, actor, view, examSite.orgId);
  const expected = await tx
    .select({
      siteId: examSite.id,
      siteName: examSite.name,
      n: sql<number>`count(${examSeat.candidateId})::int`,
    })
    .from(examSite)
    .leftJoin(examRoom, and(eq(examRoom.siteId, examSite.id), eq(examRoom.planId, plan.id)))
    .leftJoin(examSeat, eq(examSeat.roomId, examRoom.id))
    .where(and(eq(examSite.examId, input.examId), visible))
    .groupBy(examSite.id, examSite.name)
    .orderBy(examSite.code);
  // Records still standing (not withdrawn), counted once per candidate and kind.
  const standing = await tx.execute<{ site_id: number; kind: string; n: number }>(sql`
    SELECT r.site_id, r.kind, count(DISTINCT r.candidate_id)::int AS n
    FROM exam_day_record r
    WHERE r.session_id = ${input.sessionId} AND r.kind <> 'revoke'
      AND NOT EXISTS (SELECT 1 FROM exam_day_record w WHERE w.revokes = r.id)
    GROUP BY r.site_id, r.kind`);
  const count = (siteId: number, kind: string) =>
    Number(standing.rows.find((r) => Number(r.site_id) === siteId && r.kind === kind)?.n ?? 0);
  const sites = expected.map((s) => {
    const absent = count(s.siteId, 'absent');
    return {
      siteId: s.siteId,
      siteName: s.siteName,
      expected: s.n,
      absent,
      present: s.n - absent,
      moved: count(s.siteId, 'moved'),
      incidents: count(s.siteId, 'incident'),
    };
  });
  const sum = (key: 'expected' | 'absent' | 'present' | 'moved' | 'incidents') =>
    sites.reduce((a, s) => a + s[key], 0);
  return {
    sessionId: session.id,
    subject: session.subject,
    sites,
    total: {
      expected: sum('expected'),
      absent: sum('absent'),
      present: sum('present'),
      moved: sum('moved'),
      incidents: sum('incidents'),
    },
  };
}
