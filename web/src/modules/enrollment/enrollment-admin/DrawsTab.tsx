import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TDraw, TEnrollmentYear } from '../../../../../contracts/enrollment.ts';
import { commitmentOf } from '../../../../../engines/lottery/index.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { JobProgress } from '../../../components/JobProgress.tsx';
import { useCreateDraw, useDrawStep, useDraws, useReturnUnplaced, useRunDraw } from '../api.ts';
import {
  drawStatusLabels,
  mechanismLabels,
  routeLabels,
  stageLabels,
  useEnrollmentText,
  useOfficerText,
  useRouteText,
} from '../text.ts';

const randomSecret = () =>
  [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The draw ceremony: create (parties), freeze the pool (root published), each party commits the
 * SHA-256 of its secret (computed here, in the browser: the secret never leaves the party until it
 * reveals), reveals at the draw, run (a job with progress), publish; then, for a route other than
 * 派位, the children it did not place go back to 派位 (未录取转入派位).
 */
export function DrawsTab({ year }: { year: TEnrollmentYear }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const draws = useDraws(year.id);
  const create = useCreateDraw();
  const o = useOfficerText();
  const canManage = year.actions.includes('edit');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage && (
        <Card size="small" title={t('newDraw')}>
          <Form
            layout="inline"
            initialValues={{
              stage: 'primary',
              route: 'area',
              mechanism: 'da',
              parties: '区教委,公证处,家长代表',
            }}
            onFinish={(v: {
              name: string;
              stage: string;
              route: string;
              mechanism: string;
              parties: string;
            }) =>
              create.mutate({
                ...v,
                yearId: year.id,
                parties: v.parties
                  .split(/[,，]/)
                  .map((p) => p.trim())
                  .filter(Boolean),
              })
            }
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, message: o('required') }]}>
              <Input placeholder={t('name')} data-testid="draw-name" />
            </Form.Item>
            <Form.Item name="stage">
              <Select
                style={{ width: 100 }}
                options={(['primary', 'junior'] as const).map((s) => ({
                  value: s,
                  label: stageLabels[s][lang],
                }))}
              />
            </Form.Item>
            <Form.Item name="route">
              <Select
                style={{ width: 130 }}
                options={year.config.routes
                  .filter((r) => r.lottery)
                  .map((r) => ({ value: r.route, label: routeLabels[r.route][lang] }))}
              />
            </Form.Item>
            <Form.Item name="mechanism">
              <Select
                style={{ width: 170 }}
                options={(['da', 'ia'] as const).map((m) => ({ value: m, label: mechanismLabels[m][lang] }))}
              />
            </Form.Item>
            <Form.Item name="parties">
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={create.isPending} data-testid="create-draw">
              {t('newDraw')}
            </Button>
          </Form>
          {create.error && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              message={(create.error as ApiError).text(lang)}
            />
          )}
        </Card>
      )}
      {draws.data?.items.map((d) => (
        <DrawCard key={d.id} draw={d} />
      ))}
    </Space>
  );
}

function DrawCard({ draw }: { draw: TDraw }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const step = useDrawStep();
  const run = useRunDraw();
  const [party, setParty] = useState<string | undefined>();
  const [secret, setSecret] = useState('');
  const [jobId, setJobId] = useState<string | null>(draw.status === 'running' ? draw.jobId : null);
  const committing = draw.actions.includes('commit');
  const revealing = draw.actions.includes('reveal');
  const pending = draw.parties.filter((p) =>
    committing ? !draw.commitments.some((c) => c.party === p) : !draw.revealed.includes(p),
  );
  return (
    <Card
      size="small"
      title={`${draw.name} · ${draw.mechanism.toUpperCase()}`}
      extra={
        <Tag data-testid={`draw-status-${draw.id}`} data-status={draw.status}>
          {drawStatusLabels[draw.status][lang]}
        </Tag>
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('poolRoot')}>
          <Typography.Text code>{draw.poolRoot ?? '—'}</Typography.Text>{' '}
          {draw.poolSize !== null && `(${draw.poolSize})`}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments')}>
          {draw.parties.map((p) => (
            <Tag
              key={p}
              color={
                draw.revealed.includes(p)
                  ? 'green'
                  : draw.commitments.some((c) => c.party === p)
                    ? 'blue'
                    : 'default'
              }
            >
              {p}
            </Tag>
          ))}
        </Descriptions.Item>
        {draw.resultHash && (
          <Descriptions.Item label={t('resultHash')}>
            <Typography.Text code>{draw.resultHash}</Typography.Text> ({draw.placed}/{draw.poolSize})
          </Descriptions.Item>
        )}
      </Descriptions>
      {draw.failure && <Alert type="error" message={draw.failure} />}
      {(step.error || run.error) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={((step.error ?? run.error) as ApiError).text(lang)}
        />
      )}
      <Space wrap>
        {draw.actions.includes('freeze') && (
          <Button
            data-testid={`freeze-${draw.id}`}
            onClick={() => step.mutate({ id: draw.id, step: 'freeze' })}
          >
            {t('freeze')}
          </Button>
        )}
        {(committing || revealing) && (
          <>
            <Select
              style={{ width: 140 }}
              placeholder={t('party')}
              value={party}
              onChange={setParty}
              options={pending.map((p) => ({ value: p }))}
            />
            <Input
              style={{ width: 320 }}
              placeholder={t('secret')}
              value={secret}
              onChange={(e) => setSecret(e.target.value.trim())}
            />
            {committing && <Button onClick={() => setSecret(randomSecret())}>🎲</Button>}
            <Button
              type="primary"
              disabled={!party || secret.length < 32}
              onClick={() =>
                step.mutate(
                  committing
                    ? { id: draw.id, step: 'commitments', body: { party, commitment: commitmentOf(secret) } }
                    : { id: draw.id, step: 'reveals', body: { party, reveal: secret } },
                  { onSuccess: () => setParty(undefined) },
                )
              }
            >
              {committing ? t('commit') : t('reveal')}
            </Button>
            {committing && secret.length >= 32 && (
              <Typography.Text type="secondary">
                SHA-256 = {commitmentOf(secret).slice(0, 16)}…
              </Typography.Text>
            )}
          </>
        )}
        {draw.actions.includes('run') && (
          <Button
            type="primary"
            data-testid={`run-${draw.id}`}
            onClick={() => run.mutate(draw.id, { onSuccess: (r) => setJobId(r.jobId) })}
          >
            {t('run')}
          </Button>
        )}
        {draw.actions.includes('publish') && (
          <Button
            type="primary"
            data-testid={`publish-${draw.id}`}
            onClick={() => step.mutate({ id: draw.id, step: 'publish' })}
          >
            {t('publish')}
          </Button>
        )}
        {draw.actions.includes('returnUnplaced') && <ReturnUnplaced draw={draw} />}
      </Space>
      {jobId && <JobProgress id={jobId} onDone={() => step.reset()} />}
    </Card>
  );
}

/**
 * 未录取转入派位: after a published draw of a route other than 派位, its unplaced children go to
 * 派位 of the same stage (the server's return-unplaced; idempotent, so a second run moves 0).
 */
function ReturnUnplaced({ draw }: { draw: TDraw }) {
  const rt = useRouteText();
  const { lang } = useLang();
  const move = useReturnUnplaced();
  const route = routeLabels[draw.route][lang];
  return (
    <>
      <Popconfirm
        title={rt('returnUnplaced')}
        description={<div style={{ maxWidth: 360 }}>{rt('returnUnplacedConfirm', { route })}</div>}
        onConfirm={() => move.mutate(draw.id)}
        okText={rt('returnUnplaced')}
        cancelText={rt('cancel')}
      >
        <Button loading={move.isPending} data-testid={`return-unplaced-${draw.id}`}>
          {rt('returnUnplaced')}
        </Button>
      </Popconfirm>
      {move.data && (
        <Alert
          type="success"
          showIcon
          message={rt('returnedUnplaced', { moved: move.data.moved })}
          data-testid={`returned-unplaced-${draw.id}`}
        />
      )}
      {move.error && <Alert type="error" showIcon message={(move.error as ApiError).text(lang)} />}
    </>
  );
}
