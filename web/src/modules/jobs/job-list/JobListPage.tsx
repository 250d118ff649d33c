import { Button, Card, Progress, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TJobRun } from '../../../../../contracts/jobs.ts';
import { toQuery } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { formatInstant } from '../../../components/time.ts';
import { useCancelJob, useJobs } from '../api.ts';

const statusColor: Record<TJobRun['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** `/jobs`: 我的任务 — my imports, exports and reports with their progress and outcome. */
export function JobListPage() {
  const { lang } = useLang();
  const zh = lang === 'zh';
  const [mine, setMine] = useState(true);
  const [page, setPage] = useState(1);
  const jobs = useJobs(toQuery({ mine, page, pageSize: 20 }));
  const cancel = useCancelJob();
  const columns: TableColumnsType<TJobRun> = [
    { title: zh ? '任务' : 'Job', dataIndex: 'kind' },
    {
      title: zh ? '状态' : 'Status',
      dataIndex: 'status',
      render: (s: TJobRun['status']) => <Tag color={statusColor[s]}>{s}</Tag>,
    },
    {
      title: zh ? '进度' : 'Progress',
      render: (_, job) => (
        <div style={{ minWidth: 180 }}>
          <Typography.Text type="secondary">
            {job.stage ?? ''} {job.done}
            {job.total ? `/${job.total}` : ''}
          </Typography.Text>
          <Progress
            size="small"
            percent={
              job.total ? Math.floor((100 * job.done) / job.total) : job.status === 'succeeded' ? 100 : 0
            }
            status={job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : undefined}
          />
          {job.error && <Typography.Text type="danger">{job.error.message}</Typography.Text>}
        </div>
      ),
    },
    {
      title: zh ? '创建时间' : 'Created',
      dataIndex: 'createdAt',
      render: (at: string) => formatInstant(at, 'YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: '',
      render: (_, job) =>
        job.actions.includes('cancel') && (
          <Button size="small" danger loading={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
            {zh ? '取消' : 'Cancel'}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={zh ? '我的任务' : 'My jobs'}
      extra={
        <Segmented
          value={mine ? 'mine' : 'all'}
          onChange={(v) => setMine(v === 'mine')}
          options={[
            { value: 'mine', label: zh ? '我发起的' : 'Mine' },
            { value: 'all', label: zh ? '权限范围内' : 'In my scope' },
          ]}
        />
      }
    >
      <Table
        rowKey="id"
        columns={columns}
        dataSource={jobs.data?.items}
        loading={jobs.isLoading}
        pagination={{ current: page, pageSize: 20, total: jobs.data?.total, onChange: setPage }}
      />
    </Card>
  );
}
