import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TExam, TExamKind, TExamStatus } from '../../../../../contracts/exams.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { examsUrl, useExams } from '../api.ts';
import { ExamFormModal, examKinds, kindLabel } from '../exam-form/ExamFormModal.tsx';
import { examStatusColors, planStatusColors, useExamText } from '../text.ts';

const noFilters: { kind?: TExamKind; year?: number; status?: TExamStatus; q?: string } = {};
const statuses = Object.keys(examStatusColors) as TExamStatus[];

/** `/exams` (考务编排): the exams in scope, filtered, sorted and paged on the server; a new exam. */
export function ExamListPage() {
  const t = useT();
  const et = useExamText();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = useListParams({ sort: '-year', filters: noFilters });
  const exams = useExams(list.query);
  const [creating, setCreating] = useState(false);
  const canCreate = me.permissions.includes('exams.manage');

  const columns: TableColumnsType<TExam> = [
    {
      title: et('code'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: list.sortOrder('code'),
    },
    {
      title: et('name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (name: string, exam) => (
        <Link to={`/exams/${exam.id}`} data-testid="exam-link">
          {name}
        </Link>
      ),
    },
    { title: et('kind'), dataIndex: 'kind', render: (kind: TExamKind) => et(kindLabel(kind)) },
    {
      title: et('year'),
      dataIndex: 'year',
      key: 'year',
      sorter: true,
      sortOrder: list.sortOrder('year'),
    },
    { title: et('organiser'), dataIndex: 'orgName' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: TExamStatus) => <Tag color={examStatusColors[status]}>{et(`status.${status}`)}</Tag>,
    },
    { title: et('sites'), dataIndex: 'sites', align: 'right' },
    { title: et('candidates'), dataIndex: 'candidates', align: 'right' },
    { title: et('invigilators'), dataIndex: 'invigilators', align: 'right' },
    {
      title: et('latestPlan'),
      dataIndex: 'latestPlan',
      render: (plan: TExam['latestPlan']) =>
        plan ? (
          <Tag color={planStatusColors[plan.status]}>
            {et('versionN', { n: plan.version })} · {et(`plan.${plan.status}`)}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, exam) => (
        <Button type="link" size="small" onClick={() => navigate(`/exams/${exam.id}`)}>
          {et('open')}
        </Button>
      ),
    },
  ];

  return (
    <Card size="small" title={et('title')}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="exam-new"
          >
            {et('new')}
          </Button>
        )}
        <Input.Search
          allowClear
          placeholder={et('searchExam')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 240 }}
          data-testid="exam-search"
        />
        <Select<TExamKind>
          allowClear
          placeholder={et('kind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter('kind', kind)}
          options={examKinds.map((k) => ({ value: k, label: et(kindLabel(k)) }))}
          style={{ width: 120 }}
        />
        <InputNumber<number>
          placeholder={et('year')}
          min={2000}
          max={2100}
          value={list.filters.year ?? null}
          onChange={(year) => list.setFilter('year', year ?? undefined)}
          style={{ width: 110 }}
        />
        <Select<TExamStatus>
          allowClear
          placeholder={t('common.status')}
          value={list.filters.status}
          onChange={(status) => list.setFilter('status', status)}
          options={statuses.map((s) => ({ value: s, label: et(`status.${s}`) }))}
          style={{ width: 120 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton listUrl={examsUrl} query={list.exportQuery} testId="export-exams" />
        </div>
      </div>
      <div data-testid="exams-table">
        <Table<TExam>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={exams.data?.items}
          loading={exams.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(exams.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {creating && (
        <ExamFormModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/exams/${id}`)} />
      )}
    </Card>
  );
}
