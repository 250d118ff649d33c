import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { toQuery } from '../app/api.ts';

type FilterValue = string | number | undefined;
export type ListFilters = Record<string, FilterValue>;
type SortOrder = 'ascend' | 'descend' | null;
/** The part of antd's `SorterResult` we read; structural, so it fits every row type. */
type SortInfo = { columnKey?: React.Key; field?: unknown; order?: SortOrder };

/**
 * The state of one server-side list: page, page size, sort (`field` / `-field`) and filters.
 * `query` is what the list endpoint gets; `exportQuery` is the same minus paging, for export.xlsx.
 */
export function useListParams<F extends ListFilters>(initial: {
  sort?: string;
  filters: F;
  pageSize?: number;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initial.pageSize ?? 20);
  const [sort, setSort] = useState<string | undefined>(initial.sort);
  const [filters, setFiltersState] = useState<F>(initial.filters);

  /** A new filter shows its first page: page 7 of the old result means nothing in the new one. */
  const setFilter = useCallback(<K extends keyof F>(name: K, value: F[K]) => {
    setFiltersState((previous) => ({ ...previous, [name]: value === '' ? undefined : value }));
    setPage(1);
  }, []);

  const resetFilters = useCallback(() => {
    setFiltersState(initial.filters);
    setPage(1);
  }, [initial.filters]);

  const onTableChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SortInfo | SortInfo[]) => {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = single?.order ? String(single.columnKey ?? single.field) : undefined;
      const nextSort = field ? (single.order === 'descend' ? `-${field}` : field) : initial.sort;
      if (nextSort !== sort) {
        setSort(nextSort);
        setPage(1);
      } else {
        setPage(pagination.current ?? 1);
      }
      setPageSize(pagination.pageSize ?? 20);
    },
    [sort, initial.sort],
  );

  /** Controlled `sortOrder` for a column, so the arrow reflects what the server sorted by. */
  const sortOrder = useCallback(
    (field: string): SortOrder => (sort === field ? 'ascend' : sort === `-${field}` ? 'descend' : null),
    [sort],
  );

  const exportQuery = useMemo(() => toQuery({ sort, ...filters }), [sort, filters]);
  const query = useMemo(() => toQuery({ page, pageSize, sort, ...filters }), [page, pageSize, sort, filters]);

  const pagination = useCallback(
    (total: number | undefined, showTotal: (total: number) => string) => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal,
    }),
    [page, pageSize],
  );

  return { filters, setFilter, resetFilters, onTableChange, sortOrder, query, exportQuery, pagination };
}
