import { Alert, Progress, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { TJobRun } from '../../../contracts/jobs.ts';
import { useLang } from '../app/i18n.tsx';
import { useJob } from '../modules/jobs/api.ts';

const statusText: Record<TJobRun['status'], { zh: string; en: string }> = {
  queued: { zh: '排队中', en: 'Queued' },
  running: { zh: '进行中', en: 'Running' },
  succeeded: { zh: '已完成', en: 'Done' },
  failed: { zh: '失败', en: 'Failed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** The progress bar of one job (rule 8): stage, done/total, and the error when it failed. */
export function JobProgress({ id, onDone }: { id: string; onDone?: (job: TJobRun) => void }) {
  const { lang } = useLang();
  const { data: job, error } = useJob(id);
  // Tell the caller once per job that it ended (not on every render after that).
  const reported = useRef<string | null>(null);
  const ended = job && (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled');
  useEffect(() => {
    if (job && ended && onDone && reported.current !== job.id) {
      reported.current = job.id;
      onDone(job);
    }
  }, [job, ended, onDone]);
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!job) return <Progress percent={0} status="active" />;
  const percent = job.total ? Math.floor((100 * job.done) / job.total) : job.status === 'succeeded' ? 100 : 0;
  const status =
    job.status === 'failed' || job.status === 'cancelled'
      ? 'exception'
      : job.status === 'succeeded'
        ? 'success'
        : 'active';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="job-progress">
      <Typography.Text>
        {statusText[job.status][lang]}
        {job.stage ? ` · ${job.stage}` : ''}
        {` · ${job.done}${job.total ? ` / ${job.total}` : ''}`}
      </Typography.Text>
      <Progress percent={percent} status={status} />
      {job.error && (
        <Alert
          type="error"
          showIcon
          message={lang === 'en' ? (job.error.messageEn ?? job.error.message) : job.error.message}
          description={job.error.code}
        />
      )}
    </Space>
  );
}
