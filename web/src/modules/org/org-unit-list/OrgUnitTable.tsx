import { Card, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import type { TOrgUnit } from '../../../../../contracts/org.ts';
import { toQuery } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { kindOptions, ownershipOptions, stageOptions } from '../../../components/labels.ts';
import { useListParams } from '../../../components/useListParams.ts';
import { orgUnitsUrl, useOrgUnits } from '../api.ts';

const noFilters: { q?: string; kind?: string; stage?: string; ownership?: string } = {};

/** Units of a subtree (or all in scope) as of a date: filtered, sorted and paged by the server. */
export function OrgUnitTable({ within, asOf }: { within?: number; asOf: string }) {
  const t = useT();
  const list = useListParams({ sort: 'code', filters: noFilters });
  // `within` and `asOf` come from the tree beside the table; the parent remounts us when they change.
  const scope = toQuery({ within, asOf });
  const units = useOrgUnits(`${list.query}&${scope}`);

  const columns: TableColumnsType<TOrgUnit> = [
    { title: t('org.code'), dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code') },
    { title: t('org.name'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      key: 'kind',
      sorter: true,
      sortOrder: list.sortOrder('kind'),
      render: (kind: TOrgUnit['kind']) => t(`kind.${kind}`),
    },
    {
      title: t('org.stage'),
      dataIndex: 'stage',
      render: (stage: TOrgUnit['stage']) => (stage ? t(`stage.${stage}`) : '—'),
    },
    {
      title: t('org.ownership'),
      key: 'ownership',
      render: (_, unit) => (
        <>
          {unit.ownership ? t(`ownership.${unit.ownership}`) : '—'}
          {unit.subsidised && <Tag style={{ marginInlineStart: 6 }}>{t('org.subsidised')}</Tag>}
        </>
      ),
    },
    { title: t('org.parent'), dataIndex: 'parentName', render: (name: string | null) => name ?? '—' },
    {
      title: t('org.capacity'),
      dataIndex: 'capacity',
      key: 'capacity',
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrder('capacity'),
      render: (capacity: number | null) => capacity ?? '—',
    },
    { title: t('org.childCount'), dataIndex: 'childCount', align: 'right' },
  ];

  return (
    <Card
      size="small"
      title={t(within ? 'org.units' : 'org.allUnits')}
      extra={
        <ExportButton listUrl={orgUnitsUrl} query={`${list.exportQuery}&${scope}`} testId="export-org" />
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 220 }}
          data-testid="org-search"
        />
        <Select
          allowClear
          placeholder={t('org.kind')}
          options={kindOptions(t)}
          onChange={(kind) => list.setFilter('kind', kind)}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          placeholder={t('org.stage')}
          options={stageOptions(t)}
          onChange={(stage) => list.setFilter('stage', stage)}
          style={{ width: 130 }}
        />
        <Select
          allowClear
          placeholder={t('org.ownership')}
          options={ownershipOptions(t)}
          onChange={(ownership) => list.setFilter('ownership', ownership)}
          style={{ width: 120 }}
        />
      </Space>
      <div data-testid="org-unit-table">
        <Table<TOrgUnit>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={units.data?.items}
          loading={units.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(units.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </Card>
  );
}
