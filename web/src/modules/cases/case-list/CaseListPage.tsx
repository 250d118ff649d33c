import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { TCase, TCaseKind, TCaseState } from '../../../../../contracts/cases.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { formatInstant } from '../../../components/time.ts';
import { useListParams } from '../../../components/useListParams.ts';
import { useLinkedId } from '../../search/api.ts';
import { casesUrl, useCases, useCatalogue } from '../api.ts';
import { CaseDrawer } from '../case-detail/CaseDrawer.tsx';
import { ClustersTab } from '../case-reports/ClustersTab.tsx';
import { RankingTab } from '../case-reports/RankingTab.tsx';
import { WeeklyTab } from '../case-reports/WeeklyTab.tsx';
import { useCaseText } from '../text.ts';
import { TimeLeft } from './TimeLeft.tsx';

const noFilters: {
  kind?: TCaseKind;
  state?: TCaseState;
  q?: string;
  orgId?: number;
  categoryCode?: string;
  open?: string;
  atRisk?: string;
  overdue?: string;
} = { open: 'true' };

/** `/cases`: 12345 orders and petitions in scope, with the ranking, weekly report and topics. */
export function CaseListPage() {
  const { t, state } = useCaseText();
  const list = useListParams({ sort: '-receivedAt', filters: noFilters });
  const cases = useCases(list.query);
  const catalogue = useCatalogue();
  const [detailId, setDetailId] = useState<number>();
  const [tab, setTab] = useState('cases');
  useLinkedId(setDetailId);

  const columns: TableColumnsType<TCase> = [
    {
      title: t('no'),
      dataIndex: 'externalNo',
      key: 'externalNo',
      sorter: true,
      sortOrder: list.sortOrder('externalNo'),
    },
    { title: t('kind'), dataIndex: 'kind', render: (k: TCaseKind) => t(k) },
    { title: t('category'), dataIndex: 'categoryName', render: (v: string | null) => v ?? '—' },
    {
      title: t('title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (title: string, c) => (
        <Space size={4}>
          {c.accusation && <Tag color="purple">{t('accusation')}</Tag>}
          {title}
        </Space>
      ),
    },
    { title: t('handler'), dataIndex: 'orgName' },
    { title: t('state'), dataIndex: 'state', key: 'state', render: (s: TCaseState) => <Tag>{state(s)}</Tag> },
    {
      title: t('received'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      sorter: true,
      sortOrder: list.sortOrder('receivedAt'),
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('left'),
      key: 'dueAt',
      sorter: true,
      sortOrder: list.sortOrder('dueAt'),
      render: (_, c) => <TimeLeft c={c} />,
    },
    { title: t('complainant'), dataIndex: 'complainantName', render: (v: string | null) => v ?? '—' },
    { title: t('phone'), dataIndex: 'complainantPhone', render: (v: string | null) => v ?? '—' },
    {
      title: '',
      key: 'actions',
      fixed: 'right',
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => setDetailId(c.id)} data-testid="case-view">
          {t('view')}
        </Button>
      ),
    },
  ];

  const listTab = (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('search')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 240 }}
          data-testid="cases-search"
        />
        <Select<TCaseKind>
          allowClear
          placeholder={t('kind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter('kind', kind)}
          options={(['hotline', 'petition'] as const).map((k) => ({ value: k, label: t(k) }))}
          style={{ width: 130 }}
        />
        <Select<string>
          allowClear
          placeholder={t('category')}
          value={list.filters.categoryCode}
          onChange={(code) => list.setFilter('categoryCode', code)}
          options={catalogue.data?.items.map((e) => ({ value: e.code, label: e.name }))}
          style={{ width: 180 }}
        />
        <OrgUnitSelect value={list.filters.orgId} onChange={(orgId) => list.setFilter('orgId', orgId)} />
        <Select<string>
          placeholder={t('state')}
          value={
            list.filters.atRisk ? 'atRisk' : list.filters.overdue ? 'overdue' : (list.filters.open ?? 'all')
          }
          onChange={(v) => {
            list.setFilter('open', v === 'true' ? 'true' : v === 'false' ? 'false' : undefined);
            list.setFilter('atRisk', v === 'atRisk' ? 'true' : undefined);
            list.setFilter('overdue', v === 'overdue' ? 'true' : undefined);
          }}
          options={[
            { value: 'true', label: t('open') },
            { value: 'atRisk', label: t('atRisk') },
            { value: 'overdue', label: t('overdue') },
            { value: 'false', label: t('done') },
            { value: 'all', label: '—' },
          ]}
          style={{ width: 110 }}
          data-testid="cases-open-filter"
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton listUrl={casesUrl} query={list.exportQuery} testId="export-cases" />
        </div>
      </div>
      <div data-testid="cases-table">
        <Table<TCase>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={cases.data?.items}
          loading={cases.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(cases.data?.total, (total) => t('total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );

  return (
    <Card size="small">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'cases', label: t('cases'), children: listTab },
          {
            key: 'ranking',
            label: <span data-testid="cases-tab-ranking">{t('ranking')}</span>,
            children: <RankingTab onOpen={setDetailId} />,
          },
          {
            key: 'weekly',
            label: <span data-testid="cases-tab-weekly">{t('weekly')}</span>,
            children: <WeeklyTab />,
          },
          { key: 'clusters', label: t('clusters'), children: <ClustersTab onOpen={setDetailId} /> },
        ]}
      />
      {detailId !== undefined && <CaseDrawer id={detailId} onClose={() => setDetailId(undefined)} />}
    </Card>
  );
}
