import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TImportBatch } from '../../../../../contracts/imports.ts';
import { usePick, useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import {
  importsUrl,
  type TImportKindId,
  useCommitImport,
  useImportBatches,
  useImportKinds,
  useRollbackImport,
} from '../api.ts';
import { BatchDrawer } from '../batch-detail/BatchDrawer.tsx';
import { statusColors, useImportText } from '../text.ts';
import { NewImportModal } from './NewImportModal.tsx';

const noFilters: { kind?: TImportKindId; status?: TImportBatch['status']; orgId?: number } = {};
const statuses = Object.keys(statusColors) as TImportBatch['status'][];

/** `/imports` (导入中心): the batches in scope, a new import, and each batch's details. */
export function ImportCenterPage() {
  const t = useT();
  const it = useImportText();
  const pick = usePick();
  const { message } = App.useApp();
  const list = useListParams({ filters: noFilters });
  const batches = useImportBatches(list.query);
  const kinds = useImportKinds();
  const commit = useCommitImport();
  const rollback = useRollbackImport();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number>();
  const kindLabel = (kind: string) => {
    const found = kinds.data?.find((k) => k.kind === kind);
    return found ? pick(found) : kind;
  };
  const quiet = () => {};

  const columns: TableColumnsType<TImportBatch> = [
    { title: '#', dataIndex: 'id', width: 64 },
    { title: it('kind'), dataIndex: 'kind', render: kindLabel },
    { title: it('unit'), dataIndex: 'orgName' },
    { title: it('file'), dataIndex: 'fileName', ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: TImportBatch['status']) => (
        <Tag color={statusColors[status]} data-testid="import-status">
          {it(`status.${status}`)}
        </Tag>
      ),
    },
    { title: it('rows'), dataIndex: 'totalRows', align: 'right' },
    {
      title: it('errorRows'),
      dataIndex: 'errorRows',
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
    },
    { title: it('committedRows'), dataIndex: 'committedRows', align: 'right' },
    {
      title: it('createdAt'),
      dataIndex: 'createdAt',
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, batch) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpenId(batch.id)} data-testid="import-view">
            {t('common.view')}
          </Button>
          {batch.actions.includes('commit') && (
            <Button
              type="link"
              size="small"
              onClick={() => commit.mutateAsync(batch.id).then(() => setOpenId(batch.id), quiet)}
            >
              {it('commit')}
            </Button>
          )}
          {batch.actions.includes('rollback') && (
            <Popconfirm
              title={it('rollbackConfirm', { n: batch.committedRows })}
              onConfirm={() =>
                rollback.mutateAsync(batch.id).then(() => message.success(it('rolledBack')), quiet)
              }
            >
              <Button type="link" size="small" danger>
                {it('rollback')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card size="small" title={it('title')}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="import-new"
        >
          {it('new')}
        </Button>
        <Select<TImportKindId>
          allowClear
          placeholder={it('kind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter('kind', kind)}
          options={kinds.data?.map((k) => ({ value: k.kind as TImportKindId, label: pick(k) }))}
          style={{ width: 140 }}
        />
        <Select<TImportBatch['status']>
          allowClear
          placeholder={t('common.status')}
          value={list.filters.status}
          onChange={(status) => list.setFilter('status', status)}
          options={statuses.map((s) => ({ value: s, label: it(`status.${s}`) }))}
          style={{ width: 120 }}
        />
        <OrgUnitSelect value={list.filters.orgId} onChange={(orgId) => list.setFilter('orgId', orgId)} />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton listUrl={importsUrl} query={list.exportQuery} testId="export-imports" />
        </div>
      </div>
      <div data-testid="imports-table">
        <Table<TImportBatch>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={batches.data?.items}
          loading={batches.isLoading}
          onChange={list.onTableChange}
          pagination={list.pagination(batches.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {creating && (
        <NewImportModal
          onClose={() => setCreating(false)}
          onValidated={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
      {openId !== undefined && <BatchDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </Card>
  );
}
