import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import {
  type Actor,
  authorize,
  canAt,
  hasPermission,
  intArray,
  scopeUnitIds,
} from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { exam } from './schema.ts';

/**
 * Who sees and does what with an exam.
 * - The organisers (exams.read at the exam's unit, the district exam office) see everything of it.
 * - Once published, every holder of exams.read in the district sees the exam, and of its lists the
 *   rows of their own subtree: a school its candidates and invigilators, a host school its site.
 * - Arranging, locking and publishing need exams.manage at the exam's unit; exam-day records need
 *   exams.record at the site's host school (or at the exam's unit).
 */
export type ExamRow = typeof exam.$inferSelect;
export interface ExamView {
  exam: ExamRow;
  /** Sees the whole exam (every school, every site). */
  organiser: boolean;
}

export async function loadExam(
  tx: Executor,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ExamView> {
  const query = tx.select().from(exam).where(eq(exam.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new DomainError('exams.exam_not_found');
  const organiser = await canAt(tx, actor, 'exams.read', row.orgId);
  if (organiser) return { exam: row, organiser };
  const participant =
    row.status === 'published' &&
    hasPermission(actor, 'exams.read') &&
    (actor.districtId === null || actor.districtId === row.districtId);
  if (!participant) throw new DomainError('exams.exam_not_found');
  return { exam: row, organiser };
}

/** Load for a change that needs exams.manage at the exam's unit (locks the row). */
export async function loadExamToManage(tx: Executor, actor: Actor, id: number): Promise<ExamRow> {
  const { exam: row } = await loadExam(tx, actor, id, { forUpdate: true });
  await authorize(tx, actor, 'exams.manage', row.orgId, 'exams.exam_not_found');
  return row;
}

/**
 * The rows of an exam's list this viewer may see: all for organisers; otherwise those whose
 * `unitColumns` (the candidate's school, the site's host …) fall in the viewer's exams.read scope.
 */
export async function rowsVisible(
  tx: Executor,
  actor: Actor,
  view: ExamView,
  ...unitColumns: SQLWrapper[]
): Promise<SQL> {
  if (view.organiser) return sql`true`;
  const ids = await scopeUnitIds(tx, actor, 'exams.read');
  if (ids.size === 0) return sql`false`;
  const list = intArray(ids);
  return sql.join(
    unitColumns.map((column) => sql`${column} = ANY(${list})`),
    sql` OR `,
  );
}

export async function examActions(
  tx: Executor,
  actor: Actor,
  row: ExamRow,
): Promise<('edit' | 'arrange' | 'record')[]> {
  const actions: ('edit' | 'arrange' | 'record')[] = [];
  if (await canAt(tx, actor, 'exams.manage', row.orgId)) actions.push('edit', 'arrange');
  if (
    (row.status === 'locked' || row.status === 'published') &&
    ((await canAt(tx, actor, 'exams.record', row.orgId)) ||
      (await scopeUnitIds(tx, actor, 'exams.record')).size > 0)
  )
    actions.push('record');
  return actions;
}
