import { asc, desc, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { DomainError } from './errors.ts';

/**
 * Shared pieces of every list query: `sort` ("field" or "-field") against the list's own table of
 * sortable columns, a stable tie-break, and LIKE patterns that treat user text literally.
 */
export function sortBy(
  sort: string | undefined,
  sortable: Record<string, SQLWrapper>,
  fallback: string,
  tieBreak: SQLWrapper,
): SQL[] {
  const key = sort?.replace(/^-/, '') || fallback;
  const column = sortable[key];
  if (!column) throw new DomainError('request.invalid', { field: 'sort' });
  const direction = sort?.startsWith('-') ? desc : asc;
  return [sql`${direction(column)} NULLS LAST`, asc(tieBreak)];
}

export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function prefixPattern(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function offsetOf(input: { page: number; pageSize: number }): number {
  return (input.page - 1) * input.pageSize;
}

/**
 * Map rows one after another. Inside a transaction all queries share one connection, so mapping
 * with Promise.all would only queue them (and pg warns about it).
 */
export async function mapInOrder<T, U>(rows: T[], map: (row: T) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  for (const row of rows) out.push(await map(row));
  return out;
}
