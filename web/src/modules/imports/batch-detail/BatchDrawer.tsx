import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import type { TImportRow } from '../../../../../contracts/imports.ts';
import { useLang, usePick, useT } from '../../../app/i18n.tsx';
import { JobProgress } from '../../../components/JobProgress.tsx';
import {
  invalidateImported,
  useCommitImport,
  useImportBatch,
  useImportKinds,
  useImportRows,
  useRollbackImport,
} from '../api.ts';
import { busyStatuses, statusColors, useImportText } from '../text.ts';

const when = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '—');

/**
 * One batch: counts, the staged rows (errors only on request) with each error as column + message,
 * and the commit / rollback buttons the server allows, with the running job's progress.
 */
export function BatchDrawer({
  id,
  onClose,
  onJobEnded,
}: {
  id: number;
  onClose: () => void;
  /** Told when a commit (or validation) job of this batch ends, e.g. to refresh the record imported into. */
  onJobEnded?: () => void;
}) {
  const t = useImportText();
  const tc = useT();
  const pick = usePick();
  const { lang } = useLang();
  const { message } = App.useApp();
  const client = useQueryClient();
  const batch = useImportBatch(id);
  const kinds = useImportKinds();
  const commit = useCommitImport();
  const rollback = useRollbackImport();
  const b = batch.data;
  const [errorsOnly, setErrorsOnly] = useState<boolean>();
  const onlyErrors = errorsOnly ?? (b ? b.errorRows > 0 : false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const rows = useImportRows(id, { errorsOnly: onlyErrors, ...page });
  // The job shown: the one this drawer started, else the one still working on the batch.
  const [commitJobId, setCommitJobId] = useState<string>();
  const jobId = commitJobId ?? (b && busyStatuses.has(b.status) ? (b.jobId ?? undefined) : undefined);
  const endedJobs = useRef(new Set<string>());
  const onJobEnd = (job: { id: string }) => {
    if (endedJobs.current.has(job.id)) return;
    endedJobs.current.add(job.id);
    void invalidateImported(client);
    onJobEnded?.();
  };

  const kind = kinds.data?.find((k) => k.kind === b?.kind);
  // Errors name the column by its Chinese header; English readers get the English header.
  const headerOf = (column: string) =>
    lang === 'en' ? (kind?.columns.find((c) => c.header === column)?.headerEn ?? column) : column;
  // Every staged row comes back as typed in the workbook (personal data masked by the server).
  const cell = (key: string, data: Record<string, unknown>) => {
    const value = data[key];
    return value === null || value === undefined || value === '' ? '—' : String(value);
  };

  const columns: TableColumnsType<TImportRow> = [
    { title: t('rowNumber'), dataIndex: 'rowNumber', width: 64 },
    ...(kind?.columns ?? []).map((c) => ({
      title: lang === 'en' ? c.headerEn : c.header,
      key: c.key,
      render: (_: unknown, row: TImportRow) => {
        const bad = row.errors.some((e) => e.column === c.header);
        return <Typography.Text type={bad ? 'danger' : undefined}>{cell(c.key, row.data)}</Typography.Text>;
      },
    })),
    {
      title: t('errors'),
      key: 'errors',
      render: (_, row) =>
        row.errors.length === 0 ? (
          <Tag color="green">{t('noErrors')}</Tag>
        ) : (
          <Space orientation="vertical" size={2}>
            {row.errors.map((e) => (
              <Typography.Text key={`${e.column}-${e.code}`} type="danger" data-testid="batch-error">
                <Tag color="red">{headerOf(e.column)}</Tag>
                {pick(e)}
              </Typography.Text>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <Drawer
      open
      title={t('batch', { id })}
      onClose={onClose}
      size={960}
      data-testid="batch-drawer"
      extra={
        b && (
          <Space>
            {b.actions.includes('commit') && !commitJobId && (
              <Button
                type="primary"
                loading={commit.isPending}
                onClick={() => commit.mutate(id, { onSuccess: (started) => setCommitJobId(started.jobId) })}
                data-testid="batch-commit"
              >
                {t('commit')}
              </Button>
            )}
            {b.actions.includes('rollback') && (
              <Popconfirm
                title={t('rollbackConfirm', { n: b.committedRows })}
                onConfirm={() =>
                  rollback.mutateAsync(id).then(
                    () => message.success(t('rolledBack')),
                    () => {},
                  )
                }
              >
                <Button danger loading={rollback.isPending} data-testid="batch-rollback">
                  {t('rollback')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {!b ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'kind', label: t('kind'), children: kind ? pick(kind) : b.kind },
              { key: 'unit', label: t('unit'), children: b.orgName },
              { key: 'file', label: t('file'), children: b.fileName },
              {
                key: 'status',
                label: tc('common.status'),
                children: (
                  <Tag color={statusColors[b.status]} data-testid="batch-status">
                    {t(`status.${b.status}`)}
                  </Tag>
                ),
              },
              { key: 'rows', label: t('rows'), children: b.totalRows },
              { key: 'valid', label: t('validRows'), children: b.validRows },
              {
                key: 'errors',
                label: t('errorRows'),
                children: <span data-testid="batch-error-count">{b.errorRows}</span>,
              },
              { key: 'committed', label: t('committedRows'), children: b.committedRows },
              { key: 'createdAt', label: t('createdAt'), children: when(b.createdAt) },
              ...(b.committedAt
                ? [{ key: 'committedAt', label: t('committedAt'), children: when(b.committedAt) }]
                : []),
              ...(b.rolledBackAt
                ? [{ key: 'rolledBackAt', label: t('rolledBackAt'), children: when(b.rolledBackAt) }]
                : []),
            ]}
          />
          {jobId && <JobProgress id={jobId} onDone={onJobEnd} />}
          {b.status === 'validated' && b.errorRows > 0 && (
            <Alert type="warning" showIcon title={t('hasErrors', { n: b.errorRows })} />
          )}
          {b.actions.includes('commit') && !commitJobId && (
            <Alert type="success" showIcon title={t('commitHint', { n: b.validRows })} />
          )}
          {b.status === 'committed' && (
            <Alert type="success" showIcon title={t('committed', { n: b.committedRows })} />
          )}
          <Space>
            <Typography.Text strong>{t('stagedRows')}</Typography.Text>
            <Switch
              checked={onlyErrors}
              onChange={(checked) => {
                setErrorsOnly(checked);
                setPage((p) => ({ ...p, page: 1 }));
              }}
              data-testid="batch-errors-only"
            />
            <Typography.Text>{t('onlyErrors')}</Typography.Text>
          </Space>
          <div data-testid="batch-errors">
            <Table<TImportRow>
              size="small"
              rowKey="rowNumber"
              columns={columns}
              dataSource={rows.data?.items}
              loading={rows.isLoading || rows.isPlaceholderData}
              onChange={(pagination) =>
                setPage({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? 20 })
              }
              pagination={{ current: page.page, pageSize: page.pageSize, total: rows.data?.total ?? 0 }}
              scroll={{ x: 'max-content' }}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
