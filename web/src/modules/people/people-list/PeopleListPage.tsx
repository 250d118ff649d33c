import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { TPerson, TPersonKind } from '../../../../../contracts/people.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { useLinkedId } from '../../search/api.ts';
import { peopleUrl, usePeople } from '../api.ts';
import { PersonDrawer } from '../person-detail/PersonDrawer.tsx';
import { RevealModal } from './RevealModal.tsx';

const noFilters: { kind?: TPersonKind; q?: string; orgId?: number; grade?: number; status?: string } = {};
const kinds: TPersonKind[] = ['student', 'staff', 'guardian'];
const grades = Array.from({ length: 12 }, (_, index) => index + 1);

/** `/people`: students, staff and guardians in scope, personal data masked by the server. */
export function PeopleListPage() {
  const t = useT();
  const list = useListParams({ sort: 'name', filters: noFilters });
  const people = usePeople(list.query);
  const [detailId, setDetailId] = useState<number>();
  useLinkedId(setDetailId); // /people?id=12 (a search result) opens that person
  const [revealing, setRevealing] = useState<TPerson>();
  const kind = list.filters.kind;

  const columns: TableColumnsType<TPerson> = [
    {
      title: t('people.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
    },
    ...(kind
      ? []
      : [{ title: t('people.kind'), dataIndex: 'kind', render: (k: TPersonKind) => t(`people.kind.${k}`) }]),
    {
      title: t('people.gender'),
      dataIndex: 'gender',
      render: (gender: TPerson['gender']) => (gender ? t(`people.gender.${gender}`) : '—'),
    },
    { title: t('common.org'), dataIndex: 'orgName' },
    ...(kind === 'student'
      ? [
          {
            title: t('people.studentNumber'),
            dataIndex: 'studentNumber',
            key: 'studentNumber',
            sorter: true,
            sortOrder: list.sortOrder('studentNumber'),
          },
          {
            title: t('people.grade'),
            key: 'grade',
            sorter: true,
            sortOrder: list.sortOrder('grade'),
            render: (_: unknown, p: TPerson) =>
              [p.grade && t('people.gradeN', { n: p.grade }), p.className].filter(Boolean).join(' '),
          },
          {
            title: t('people.entryDate'),
            dataIndex: 'entryDate',
            render: (v: string | null) => v ?? '—',
          },
        ]
      : []),
    ...(kind === 'staff'
      ? [
          { title: t('people.position'), dataIndex: 'position' },
          { title: t('people.subject'), dataIndex: 'subject' },
        ]
      : []),
    { title: t('people.idNumber'), dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
    { title: t('people.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: t('people.address'),
      dataIndex: 'address',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: TPerson['status']) => (
        <Tag color={status === 'active' ? 'green' : undefined}>{t(`people.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, person) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDetailId(person.id)} data-testid="person-view">
            {t('common.view')}
          </Button>
          {person.actions.includes('reveal') && (
            <Button type="link" size="small" onClick={() => setRevealing(person)} data-testid="person-reveal">
              {t('people.reveal')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card size="small">
      <Tabs
        activeKey={kind ?? 'all'}
        onChange={(key) => {
          list.setFilter('kind', key === 'all' ? undefined : (key as TPersonKind));
          // Only students have grades: a hidden grade filter would silently empty the other tabs.
          if (key !== 'student' && key !== 'all') list.setFilter('grade', undefined);
        }}
        items={[
          { key: 'all', label: t('common.all') },
          ...kinds.map((k) => ({
            key: k,
            label: <span data-testid={`people-tab-${k}`}>{t(`people.kind.${k}`)}</span>,
          })),
        ]}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('people.search')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 280 }}
          data-testid="people-search"
        />
        <OrgUnitSelect value={list.filters.orgId} onChange={(orgId) => list.setFilter('orgId', orgId)} />
        {(kind === undefined || kind === 'student') && (
          <Select<number>
            allowClear
            placeholder={t('people.grade')}
            value={list.filters.grade}
            onChange={(grade) => list.setFilter('grade', grade)}
            options={grades.map((n) => ({ value: n, label: t('people.gradeN', { n }) }))}
            style={{ width: 110 }}
          />
        )}
        <Select
          allowClear
          placeholder={t('common.status')}
          value={list.filters.status}
          onChange={(status) => list.setFilter('status', status)}
          options={(['active', 'left'] as const).map((s) => ({ value: s, label: t(`people.status.${s}`) }))}
          style={{ width: 120 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton listUrl={peopleUrl} query={list.exportQuery} testId="export-people" />
        </div>
      </div>
      <div data-testid="people-table">
        <Table<TPerson>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={people.data?.items}
          loading={people.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(people.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {detailId !== undefined && (
        <PersonDrawer id={detailId} onOpen={setDetailId} onClose={() => setDetailId(undefined)} />
      )}
      {revealing && <RevealModal person={revealing} onClose={() => setRevealing(undefined)} />}
    </Card>
  );
}
