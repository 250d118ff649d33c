import { LockOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TExamDetail, TPlanDetail, TPlanDiff, TPlanStats } from '../../../../../contracts/exams.ts';
import { usePlan, usePlanAction } from '../api.ts';
import { useExamText } from '../text.ts';
import { PlanStatusTag, when } from './OverviewTab.tsx';

type Spread = TPlanStats['spread'][number];
type SiteRow = TPlanStats['perSite'][number];

/** 审核: one version's statistics (green when nothing is broken), failure reasons, diff, lock/publish. */
export function PlanReview({ exam, version }: { exam: TExamDetail; version: number }) {
  const et = useExamText();
  const plan = usePlan(exam.id, version);
  const p = plan.data;
  if (!p) return <Skeleton active />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="plan-review">
      <Space wrap>
        <Typography.Text strong>{et('versionN', { n: p.version })}</Typography.Text>
        <span data-testid="plan-status">
          <PlanStatusTag status={p.status} />
        </span>
        <Typography.Text type="secondary">
          {et('createdAt')} {when(p.createdAt)} · {p.engineVersion}
        </Typography.Text>
        <PlanActions exam={exam} plan={p} />
      </Space>
      {p.status === 'running' && <Alert type="info" showIcon title={et('running')} />}
      {p.reasons && p.reasons.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={et('failed')}
          data-testid="plan-reasons"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {p.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          }
        />
      )}
      {p.stats && <PlanStatistics stats={p.stats} />}
      {p.diff && <PlanDiffView diff={p.diff} />}
    </Space>
  );
}

function PlanActions({ exam, plan }: { exam: TExamDetail; plan: TPlanDetail }) {
  const et = useExamText();
  const { message } = App.useApp();
  const [locking, setLocking] = useState(false);
  const lock = usePlanAction(exam.id, plan.version, 'lock');
  const publish = usePlanAction(exam.id, plan.version, 'publish');
  return (
    <>
      {plan.actions.includes('lock') && (
        <Button
          type="primary"
          icon={<LockOutlined />}
          onClick={() => setLocking(true)}
          data-testid="plan-lock"
        >
          {et('lock')}
        </Button>
      )}
      {plan.actions.includes('publish') && (
        <Popconfirm
          title={et('publishConfirm')}
          onConfirm={() =>
            publish.mutateAsync().then(
              () => message.success(et('published')),
              () => {},
            )
          }
        >
          <Button icon={<SendOutlined />} loading={publish.isPending} data-testid="plan-publish">
            {et('publish')}
          </Button>
        </Popconfirm>
      )}
      {locking && (
        <Modal
          open
          title={et('lockTitle', { n: plan.version })}
          okText={et('lock')}
          okButtonProps={{ danger: true, icon: <LockOutlined /> }}
          confirmLoading={lock.isPending}
          onCancel={() => setLocking(false)}
          onOk={() =>
            lock.mutateAsync().then(
              () => {
                message.success(et('locked'));
                setLocking(false);
              },
              () => {},
            )
          }
          data-testid="plan-lock-dialog"
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title={et('lockExplain')} />
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'input', label: et('inputHash'), children: <HashText value={plan.inputHash} /> },
                { key: 'seed', label: et('seed'), children: <HashText value={plan.seed} /> },
                { key: 'result', label: et('resultHash'), children: <HashText value={plan.resultHash} /> },
              ]}
            />
          </Space>
        </Modal>
      )}
    </>
  );
}

const HashText = ({ value }: { value: string | null }) => (
  <Typography.Text code copyable={!!value} style={{ wordBreak: 'break-all' }}>
    {value ?? '—'}
  </Typography.Text>
);

function PlanStatistics({ stats }: { stats: TPlanStats }) {
  const et = useExamText();
  const sound = stats.adjacencies === 0 && stats.invigilatorConflicts === 0 && stats.problems.length === 0;
  const good = (ok: boolean) => ({ color: ok ? '#389e0d' : '#cf1322' });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={sound ? 'success' : 'error'}
        showIcon
        title={sound ? et('sound') : et('unsound')}
        data-testid={sound ? 'plan-sound' : 'plan-unsound'}
        description={
          stats.problems.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {stats.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )
        }
      />
      <Space size="large" wrap>
        <span data-testid="plan-adjacencies">
          <Statistic
            title={et('adjacencies')}
            value={stats.adjacencies}
            styles={{ content: good(stats.adjacencies === 0) }}
          />
        </span>
        <span data-testid="plan-conflicts">
          <Statistic
            title={et('invigilatorConflicts')}
            value={stats.invigilatorConflicts}
            styles={{ content: good(stats.invigilatorConflicts === 0) }}
          />
        </span>
        <Statistic title={et('seated')} value={`${stats.seated} / ${stats.candidates}`} />
        <Statistic title={et('normalRooms')} value={stats.rooms.normal} />
        <Statistic title={et('backupRooms')} value={stats.rooms.backup} />
        <Statistic title={et('specialRooms')} value={stats.rooms.special} />
        <Statistic title={et('invigilatorsUsed')} value={stats.invigilatorsUsed} />
        <Statistic
          title={et('schoolsEven')}
          value={`${stats.schoolsEven} / ${stats.schools}`}
          styles={{ content: good(stats.schoolsEven === stats.schools) }}
        />
      </Space>
      <Typography.Title level={5}>{et('spread')}</Typography.Title>
      <Table<Spread>
        size="small"
        rowKey={(s) => `${s.orgId}-${s.groupCode}`}
        dataSource={stats.spread}
        pagination={{ pageSize: 10, showSizeChanger: true }}
        data-testid="plan-spread"
        columns={[
          {
            title: et('school'),
            dataIndex: 'orgName',
            sorter: (a, b) => a.orgName.localeCompare(b.orgName, 'zh'),
          },
          { title: et('group'), dataIndex: 'groupCode' },
          {
            title: et('candidates'),
            dataIndex: 'candidates',
            align: 'right',
            sorter: (a, b) => a.candidates - b.candidates,
          },
          { title: et('rooms'), dataIndex: 'rooms', align: 'right' },
          {
            title: et('maxPerRoom'),
            dataIndex: 'maxPerRoom',
            align: 'right',
            sorter: (a, b) => a.maxPerRoom - b.maxPerRoom,
          },
          { title: et('share'), dataIndex: 'share', align: 'right', render: (v: number) => v.toFixed(2) },
          {
            title: et('even'),
            dataIndex: 'even',
            filters: [
              { text: '✓', value: true },
              { text: '✗', value: false },
            ],
            onFilter: (value, s) => s.even === value,
            render: (even: boolean) => <Tag color={even ? 'green' : 'red'}>{even ? '✓' : '✗'}</Tag>,
          },
        ]}
      />
      <Typography.Title level={5}>{et('perSite')}</Typography.Title>
      <Table<SiteRow>
        size="small"
        rowKey="siteId"
        dataSource={stats.perSite}
        pagination={{ pageSize: 20 }}
        data-testid="plan-per-site"
        columns={[
          { title: et('siteName'), dataIndex: 'siteName' },
          { title: et('candidates'), dataIndex: 'candidates', align: 'right' },
          { title: et('rooms'), dataIndex: 'rooms', align: 'right' },
          { title: et('backupRooms'), dataIndex: 'backup', align: 'right' },
          { title: et('specialRooms'), dataIndex: 'special', align: 'right' },
        ]}
      />
    </Space>
  );
}

function PlanDiffView({ diff }: { diff: TPlanDiff }) {
  const et = useExamText();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-diff">
      <Typography.Title level={5}>{et('diff', { n: diff.fromVersion })}</Typography.Title>
      <Space size="large" wrap>
        <Statistic title={et('diffAdded')} value={diff.added} />
        <Statistic title={et('diffRemoved')} value={diff.removed} />
        <Statistic title={et('diffMoved')} value={diff.moved} />
        <Statistic title={et('diffUnchanged')} value={diff.unchanged} />
      </Space>
      {diff.samples.length > 0 && (
        <Table
          size="small"
          rowKey="registrationNo"
          dataSource={diff.samples}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: et('registrationNo'), dataIndex: 'registrationNo' },
            { title: et('candidateName'), dataIndex: 'name' },
            { title: et('from'), dataIndex: 'from', render: (v: string | null) => v ?? '—' },
            { title: et('to'), dataIndex: 'to', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </Space>
  );
}
