import { eq, getTableColumns, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Actor, authorize, canAt, hasPermission, scopeFilter } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { enrollmentApplication, enrollmentDraw, enrollmentYear } from './schema.ts';

/**
 * Who sees and does what in enrollment.
 * - A parent (role `parent`, permission enrollment.apply) sees only the applications its own
 *   account submitted (docs/adr/0003-parent-accounts.md).
 * - Staff see applications of the 学区 in their enrollment.read scope; agencies and the 学区 review
 *   and decide with enrollment.review there.
 * - Years and draws belong to the organising unit: enrollment.manage there runs them; every holder
 *   of enrollment.read in the district reads them.
 */
export type ApplicationRow = typeof enrollmentApplication.$inferSelect;
export type YearRow = typeof enrollmentYear.$inferSelect;
/** A draw without its pool and bundle (megabytes at scale): those are read where they are used. */
export type DrawRow = Omit<typeof enrollmentDraw.$inferSelect, 'pool' | 'bundle'>;
const { pool: _pool, bundle: _bundle, ...drawColumns } = getTableColumns(enrollmentDraw);

export interface ApplicationView {
  row: ApplicationRow;
  owner: boolean;
  staff: boolean;
}

export async function loadApplication(
  tx: Executor,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ApplicationView> {
  const query = tx.select().from(enrollmentApplication).where(eq(enrollmentApplication.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new DomainError('enrollment.application_not_found');
  const owner = row.accountId !== null && row.accountId === actor.accountId;
  const staff = await canAt(tx, actor, 'enrollment.read', row.orgId);
  if (!owner && !staff) throw new DomainError('enrollment.application_not_found');
  return { row, owner, staff };
}

/** The list filter: staff by the 学区 in scope (SQL); a parent by ownership. */
export async function applicationsVisible(tx: Executor, actor: Actor, orgColumn: SQLWrapper): Promise<SQL> {
  const scoped = await scopeFilter(tx, actor, 'enrollment.read', orgColumn);
  if (actor.accountId === null) return scoped;
  return sql`(${scoped} OR ${enrollmentApplication.accountId} = ${actor.accountId})`;
}

export async function applicationActions(
  tx: Executor,
  actor: Actor,
  view: ApplicationView,
): Promise<('review' | 'decide' | 'except' | 'resubmit' | 'upload')[]> {
  const { row } = view;
  const out: ('review' | 'decide' | 'except' | 'resubmit' | 'upload')[] = [];
  const pending = row.status === 'submitted' || row.status === 'resubmitted';
  if (view.staff && (await canAt(tx, actor, 'enrollment.review', row.orgId))) {
    if (pending) out.push('review', 'decide');
    if (pending && row.addressFlag && !row.addressException) out.push('except');
  }
  if (view.owner) {
    if (row.status === 'rejected' && row.resubmissions < 1) out.push('resubmit');
    if (pending || (row.status === 'rejected' && row.resubmissions < 1)) out.push('upload');
  }
  return out;
}

/** A year: read by enrollment.read holders of its district. */
export async function loadYear(
  tx: Executor,
  actor: Actor,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<YearRow> {
  const query = tx.select().from(enrollmentYear).where(eq(enrollmentYear.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new DomainError('enrollment.year_not_found');
  const reader =
    hasPermission(actor, 'enrollment.read') &&
    (actor.districtId === null || actor.districtId === row.districtId);
  if (!reader && !(await canAt(tx, actor, 'enrollment.read', row.orgId)))
    throw new DomainError('enrollment.year_not_found');
  return row;
}

export async function loadYearToManage(tx: Executor, actor: Actor, id: number): Promise<YearRow> {
  const row = await loadYear(tx, actor, id, { forUpdate: true });
  await authorize(tx, actor, 'enrollment.manage', row.orgId, 'enrollment.year_not_found');
  return row;
}

export async function loadDraw(
  tx: Executor,
  actor: Actor,
  id: number,
  options: { manage?: boolean } = {},
): Promise<DrawRow> {
  const query = tx.select(drawColumns).from(enrollmentDraw).where(eq(enrollmentDraw.id, id));
  const [row] = options.manage ? await query.for('update') : await query;
  if (!row) throw new DomainError('enrollment.draw_not_found');
  const reader =
    hasPermission(actor, 'enrollment.read') &&
    (actor.districtId === null || actor.districtId === row.districtId);
  if (!reader && !(await canAt(tx, actor, 'enrollment.read', row.orgId)))
    throw new DomainError('enrollment.draw_not_found');
  if (options.manage) await authorize(tx, actor, 'enrollment.manage', row.orgId, 'enrollment.draw_not_found');
  return row;
}
