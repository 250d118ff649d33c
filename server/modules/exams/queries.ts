import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  TExam,
  TExamDetail,
  TExamRules,
  TExamStatus,
  TPlanStatus,
  TPlanSummary,
} from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { type ExamRow, examActions } from './policy.ts';
import { examCandidate, examInvigilator, examPlan, examSession, examSite } from './schema.ts';

/** Shapes shared by the exam operations: the list row, the detail, a plan version's summary. */

export async function toExam(tx: Executor, actor: Actor, row: ExamRow): Promise<TExam> {
  const [counts] = await tx
    .select({
      orgName: sql<string>`(SELECT name FROM ${orgUnit} WHERE ${orgUnit.id} = ${row.orgId})`,
      sites: sql<number>`(SELECT count(*)::int FROM ${examSite} WHERE ${examSite.examId} = ${row.id})`,
      candidates: sql<number>`(SELECT count(*)::int FROM ${examCandidate} WHERE ${examCandidate.examId} = ${row.id})`,
      invigilators: sql<number>`(SELECT count(*)::int FROM ${examInvigilator} WHERE ${examInvigilator.examId} = ${row.id})`,
    })
    .from(sql`(SELECT 1) AS one`);
  const [latest] = await tx
    .select({ version: examPlan.version, status: examPlan.status })
    .from(examPlan)
    .where(eq(examPlan.examId, row.id))
    .orderBy(desc(examPlan.version))
    .limit(1);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: counts!.orgName,
    code: row.code,
    name: row.name,
    kind: row.kind as TExam['kind'],
    year: row.year,
    status: row.status as TExamStatus,
    sites: counts!.sites,
    candidates: counts!.candidates,
    invigilators: counts!.invigilators,
    latestPlan: latest ? { version: latest.version, status: latest.status as TPlanStatus } : null,
    actions: await examActions(tx, actor, row),
  };
}

type PlanRow = Pick<
  typeof examPlan.$inferSelect,
  | 'id'
  | 'version'
  | 'status'
  | 'seed'
  | 'inputHash'
  | 'resultHash'
  | 'engineVersion'
  | 'jobId'
  | 'createdAt'
  | 'lockedAt'
  | 'publishedAt'
>;
export const planSummaryColumns = {
  id: examPlan.id,
  version: examPlan.version,
  status: examPlan.status,
  seed: examPlan.seed,
  inputHash: examPlan.inputHash,
  resultHash: examPlan.resultHash,
  engineVersion: examPlan.engineVersion,
  jobId: examPlan.jobId,
  createdAt: examPlan.createdAt,
  lockedAt: examPlan.lockedAt,
  publishedAt: examPlan.publishedAt,
};

export function toPlanSummary(row: PlanRow): TPlanSummary {
  return {
    ...row,
    status: row.status as TPlanStatus,
    createdAt: row.createdAt.toISOString(),
    lockedAt: row.lockedAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}

export async function toExamDetail(
  tx: Executor,
  actor: Actor,
  row: ExamRow,
  organiser: boolean,
): Promise<TExamDetail> {
  const sessions = await tx
    .select()
    .from(examSession)
    .where(eq(examSession.examId, row.id))
    .orderBy(asc(examSession.startsAt), asc(examSession.id));
  const plans = await tx
    .select(planSummaryColumns)
    .from(examPlan)
    .where(
      and(
        eq(examPlan.examId, row.id),
        // Schools see only what was published to them.
        organiser ? sql`true` : inArray(examPlan.status, ['published']),
      ),
    )
    .orderBy(desc(examPlan.version));
  return {
    ...(await toExam(tx, actor, row)),
    rules: row.rules as TExamRules,
    sessions: sessions.map((s) => ({
      id: s.id,
      subject: s.subject,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
    plans: plans.map(toPlanSummary),
  };
}

/**
 * The plan version that counts: the published one, else the locked one, else the newest ready one
 * (organisers preview it). Exam-day records need a locked or published one (`officialOnly`).
 */
export async function currentPlan(
  tx: Executor,
  examId: number,
  options: { officialOnly?: boolean; organiser?: boolean } = {},
): Promise<{ id: number; version: number; status: string } | undefined> {
  const statuses = options.officialOnly
    ? ['published', 'locked']
    : options.organiser === false
      ? ['published']
      : ['published', 'locked', 'ready'];
  const [row] = await tx
    .select({ id: examPlan.id, version: examPlan.version, status: examPlan.status })
    .from(examPlan)
    .where(and(eq(examPlan.examId, examId), inArray(examPlan.status, statuses)))
    .orderBy(
      sql`array_position(ARRAY['published','locked','ready']::text[], ${examPlan.status})`,
      desc(examPlan.version),
    )
    .limit(1);
  return row;
}

/** The candidates registered at a site (a column of the site list). */
export const candidatesAtSite = sql<number>`(SELECT count(*)::int FROM exam_candidate c WHERE c.site_id = ${examSite.id})`;
