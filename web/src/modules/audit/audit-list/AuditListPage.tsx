import { Card, DatePicker, Input, InputNumber, Space, Table, type TableColumnsType, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TAuditEvent } from '../../../../../contracts/audit.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { auditEventsUrl, useAuditEvents } from '../api.ts';
import { VerifyChainButton } from './VerifyChainButton.tsx';

const noFilters: {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
} = {};

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div style={{ flex: 1, minWidth: 260 }}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre
        style={{
          background: '#fafafa',
          padding: 8,
          margin: '4px 0 0',
          maxHeight: 320,
          overflow: 'auto',
          fontSize: 12,
        }}
      >
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** `/audit`: the hash-chained record of every write, newest first, with before/after per event. */
export function AuditListPage() {
  const t = useT();
  const list = useListParams({ sort: '-seq', filters: noFilters });
  const events = useAuditEvents(list.query);

  const columns: TableColumnsType<TAuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', sorter: true, sortOrder: list.sortOrder('seq') },
    {
      title: t('audit.at'),
      dataIndex: 'at',
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      sorter: true,
      sortOrder: list.sortOrder('actorName'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      sorter: true,
      sortOrder: list.sortOrder('action'),
      render: (action: string) => <code>{action}</code>,
    },
    { title: t('audit.entityType'), dataIndex: 'entityType' },
    { title: t('audit.entityId'), dataIndex: 'entityId', render: (id: string | null) => id ?? '—' },
    { title: t('common.org'), dataIndex: 'orgName', render: (name: string | null) => name ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      render: (hash: string) => (
        <Typography.Text code copyable={{ text: hash }}>
          {hash.slice(0, 10)}
        </Typography.Text>
      ),
    },
  ];
  const text = (name: 'action' | 'entityType' | 'entityId') => (event: React.ChangeEvent<HTMLInputElement>) =>
    list.setFilter(name, event.target.value.trim() || undefined);

  return (
    <Card size="small">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input allowClear placeholder={t('audit.action')} onChange={text('action')} style={{ width: 160 }} />
        <Input
          allowClear
          placeholder={t('audit.entityType')}
          onChange={text('entityType')}
          style={{ width: 130 }}
        />
        <Input
          allowClear
          placeholder={t('audit.entityId')}
          onChange={text('entityId')}
          style={{ width: 110 }}
        />
        <InputNumber<number>
          placeholder={t('audit.actorId')}
          min={1}
          onChange={(actorId) => list.setFilter('actorId', actorId ?? undefined)}
          style={{ width: 110 }}
        />
        <DatePicker.RangePicker
          onChange={(range) => {
            list.setFilter('from', range?.[0]?.format('YYYY-MM-DD'));
            list.setFilter('to', range?.[1]?.format('YYYY-MM-DD'));
          }}
        />
        <Space style={{ marginInlineStart: 'auto' }}>
          <VerifyChainButton />
          <ExportButton listUrl={auditEventsUrl} query={list.exportQuery} testId="export-audit" />
        </Space>
      </div>
      <div data-testid="audit-table">
        <Table<TAuditEvent>
          size="small"
          rowKey="seq"
          columns={columns}
          dataSource={events.data?.items}
          loading={events.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(events.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (event) => (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                <Json label={t('audit.before')} value={event.before} />
                <Json label={t('audit.after')} value={event.after} />
              </div>
            ),
          }}
        />
      </div>
    </Card>
  );
}
