import { eq, getTableColumns, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { TEnrollmentConfig } from '../../../contracts/enrollment.ts';
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

/** Awaiting the 学区's decision: submitted, or resubmitted after a rejection. */
export const isPending = (row: Pick<ApplicationRow, 'status'>) =>
  row.status === 'submitted' || row.status === 'resubmitted';

/** An application the 学区 or an agency acts on in the review: locked, enrollment.review at its 学区, pending. */
export async function loadApplicationToReview(
  tx: Executor,
  actor: Actor,
  id: number,
): Promise<ApplicationRow> {
  const view = await loadApplication(tx, actor, id, { forUpdate: true });
  if (!view.staff) throw new DomainError('enrollment.application_not_found');
  await authorize(tx, actor, 'enrollment.review', view.row.orgId, 'enrollment.application_not_found');
  if (!isPending(view.row)) throw new DomainError('enrollment.wrong_status');
  return view.row;
}

/**
 * The application behind an offer or a booking. One the actor may not see (or, with `owner`, does
 * not own) reads as that offer or booking not found: a stranger learns nothing of it.
 */
export async function loadApplicationBehind(
  tx: Executor,
  actor: Actor,
  applicationId: number,
  notFound: 'enrollment.offer_not_found' | 'enrollment.booking_not_found',
  options: { forUpdate?: boolean; owner?: boolean } = {},
): Promise<ApplicationView> {
  const view = await loadApplication(tx, actor, applicationId, { forUpdate: options.forUpdate }).catch(() => {
    throw new DomainError(notFound);
  });
  if (options.owner && !view.owner) throw new DomainError(notFound);
  return view;
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
  const pending = isPending(row);
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

/** A year's configuration, for a caller that already holds a row of that year (no access check). */
export async function yearConfigOf(tx: Executor, yearId: number): Promise<TEnrollmentConfig> {
  const [year] = await tx
    .select({ config: enrollmentYear.config })
    .from(enrollmentYear)
    .where(eq(enrollmentYear.id, yearId));
  return year!.config as TEnrollmentConfig;
}

/** What a printed document (admission notice, review slip) is headed with: the district and the year. */
export async function documentHeading(
  tx: Executor,
  app: Pick<ApplicationRow, 'districtId' | 'yearId'>,
): Promise<{ districtName: string; year: number }> {
  const [heading] = await tx
    .select({
      year: enrollmentYear.year,
      districtName: sql<string | null>`(SELECT d.name FROM org_unit d WHERE d.id = ${app.districtId})`,
    })
    .from(enrollmentYear)
    .where(eq(enrollmentYear.id, app.yearId));
  return { districtName: heading!.districtName ?? '', year: heading!.year };
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
