import { PlayCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Segmented, Space } from 'antd';
import { useCallback, useState } from 'react';
import type { TExamDetail } from '../../../../../contracts/exams.ts';
import { JobProgress } from '../../../components/JobProgress.tsx';
import { examKeys, useRunPlan } from '../api.ts';
import { useExamText } from '../text.ts';
import { PlanReview } from './PlanReview.tsx';

/**
 * 编排: run the engine (optionally with a seed drawn in front of the supervisors) as a job, then
 * review a version's statistics and lock / publish it. Each run is a new version.
 */
export function ArrangementTab({ exam }: { exam: TExamDetail }) {
  const et = useExamText();
  const client = useQueryClient();
  const run = useRunPlan(exam.id);
  const [seed, setSeed] = useState('');
  const [jobId, setJobId] = useState<string>();
  const versions = [...exam.plans].sort((a, b) => b.version - a.version);
  const [chosen, setChosen] = useState<number>();
  const version = chosen ?? versions[0]?.version;
  const seedValid = seed.trim() === '' || /^[0-9a-fA-F]{32,128}$/.test(seed.trim());

  const onDone = useCallback(() => {
    void client.invalidateQueries({ queryKey: examKeys.exam(exam.id) });
  }, [client, exam.id]);

  const start = () =>
    run.mutate(seed.trim() ? { seed: seed.trim() } : {}, {
      onSuccess: (started) => {
        setJobId(started.jobId);
        setChosen(started.plan.version);
      },
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {exam.actions.includes('arrange') && (
        <Card size="small">
          <Form layout="inline">
            <Form.Item
              label={et('seed')}
              extra={et('seedHint')}
              validateStatus={seedValid ? undefined : 'error'}
              help={seedValid ? undefined : et('seedInvalid')}
            >
              <Input
                value={seed}
                onChange={(event) => setSeed(event.target.value)}
                allowClear
                style={{ width: 380, fontFamily: 'monospace' }}
                data-testid="plan-seed"
              />
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={!seedValid}
                loading={run.isPending}
                onClick={start}
                data-testid="plan-run"
              >
                {versions.length ? et('rerun') : et('run')}
              </Button>
            </Form.Item>
          </Form>
          {jobId && (
            <div style={{ marginTop: 12 }}>
              <JobProgress id={jobId} onDone={onDone} />
            </div>
          )}
        </Card>
      )}
      {versions.length === 0 ? (
        <Empty description={et('noPlan')} />
      ) : (
        <>
          <Segmented<number>
            value={version}
            onChange={setChosen}
            options={versions.map((p) => ({ value: p.version, label: et('versionN', { n: p.version }) }))}
            data-testid="plan-version"
          />
          {version !== undefined && <PlanReview exam={exam} version={version} />}
        </>
      )}
    </Space>
  );
}
