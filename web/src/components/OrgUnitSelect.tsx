import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useRef, useState } from 'react';
import type { TOrgKind, TOrgUnitList } from '../../../contracts/org.ts';
import { api, toQuery } from '../app/api.ts';
import { useT } from '../app/i18n.tsx';

interface OrgUnitSelectProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Only offer units of this kind (e.g. zones as the parent of a school). */
  kind?: TOrgKind;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
}

/** Picks an org unit by searching `GET /api/org/units?q=` on the server (the tree can be large). */
export function OrgUnitSelect({
  value,
  onChange,
  kind,
  placeholder,
  allowClear = true,
  style,
  testId,
}: OrgUnitSelectProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['org', 'units', 'select', kind, q],
    queryFn: () =>
      api.get<TOrgUnitList>(`/api/org/units?${toQuery({ q, kind, pageSize: 30, sort: 'name' })}`),
    staleTime: 30_000,
  });
  // Remember names seen, so a chosen unit keeps its label after the search text changes.
  const names = useRef(new Map<number, string>());
  const options = (units.data?.items ?? []).map((unit) => {
    names.current.set(unit.id, unit.name);
    return { value: unit.id, label: unit.name };
  });
  // A value set from outside (a form's initial value) that no search has shown yet: fetch its name.
  const unseen = value !== undefined && !names.current.has(value);
  const chosen = useQuery({
    queryKey: ['org', 'unit', value],
    queryFn: () => api.get<{ id: number; name: string }>(`/api/org/units/${value}`),
    enabled: unseen,
    staleTime: 300_000,
  });
  if (chosen.data) names.current.set(chosen.data.id, chosen.data.name);
  if (value !== undefined && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: names.current.get(value) ?? `#${value}` });
  }

  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={units.isFetching}
      allowClear={allowClear}
      placeholder={placeholder ?? t('common.chooseOrg')}
      style={{ minWidth: 200, ...style }}
      data-testid={testId}
    />
  );
}
