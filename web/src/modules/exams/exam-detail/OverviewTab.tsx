import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TExamDetail, TExamSession, TPlanStatus, TPlanSummary } from '../../../../../contracts/exams.ts';
import { formatInstant } from '../../../components/time.ts';
import { planUrl } from '../api.ts';
import { ExamFormModal } from '../exam-form/ExamFormModal.tsx';
import { planStatusColors, useExamText } from '../text.ts';

export const when = (at: string | null) => formatInstant(at);
export const sessionTime = (s: TExamSession) =>
  `${formatInstant(s.startsAt)}–${formatInstant(s.endsAt, 'HH:mm')}`;

/** A hash in a narrow column: the first 12 digits, the whole one copyable. */
export function Hash({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <Typography.Text code copyable={{ text: value }} title={value}>
      {value.slice(0, 12)}…
    </Typography.Text>
  );
}

export function PlanStatusTag({ status }: { status: TPlanStatus }) {
  const et = useExamText();
  return <Tag color={planStatusColors[status]}>{et(`plan.${status}`)}</Tag>;
}

/** 概览: the rules, sessions, counts and every plan version with its hashes. */
export function OverviewTab({ exam }: { exam: TExamDetail }) {
  const et = useExamText();
  const [editing, setEditing] = useState(false);
  const sealed = exam.plans.some((p) => p.status === 'locked' || p.status === 'published');
  const r = exam.rules;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <Statistic title={et('sites')} value={exam.sites} />
        <Statistic title={et('candidates')} value={exam.candidates} />
        <Statistic title={et('invigilators')} value={exam.invigilators} />
        <Statistic title={et('planVersions')} value={exam.plans.length} />
      </Space>
      <Descriptions
        size="small"
        bordered
        title={et('rules')}
        column={{ xs: 1, sm: 2, lg: 3 }}
        extra={
          exam.actions.includes('edit') &&
          !sealed && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="exam-edit">
              {et('editExam')}
            </Button>
          )
        }
        items={[
          { key: 'org', label: et('organiser'), children: exam.orgName },
          {
            key: 'room',
            label: `${et('rows')} × ${et('cols')}`,
            children: `${r.rows} × ${r.cols} (${et('perRoom', { n: r.rows * r.cols })})`,
          },
          { key: 'adj', label: et('adjacency'), children: et(`adjacency.${r.adjacency}`) },
          { key: 'inv', label: et('invigilatorsPerRoom'), children: r.invigilatorsPerRoom },
          { key: 'backup', label: et('backupRoomsPerSite'), children: r.backupRoomsPerSite },
          { key: 'ticket', label: et('ticketPattern'), children: <code>{r.ticketPattern}</code> },
        ]}
      />
      {sealed && <Alert type="info" showIcon title={et('lockedNoEdit')} />}
      <Typography.Title level={5}>{et('sessions')}</Typography.Title>
      <Table<TExamSession>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={exam.sessions}
        columns={[
          { title: et('subject'), dataIndex: 'subject' },
          { title: et('time'), key: 'time', render: (_, s) => sessionTime(s) },
        ]}
      />
      <Typography.Title level={5}>{et('planVersions')}</Typography.Title>
      <Table<TPlanSummary>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...exam.plans].sort((a, b) => b.version - a.version)}
        scroll={{ x: 'max-content' }}
        data-testid="plan-versions"
        columns={[
          { title: et('version'), dataIndex: 'version' },
          {
            title: et('arrangement'),
            dataIndex: 'status',
            render: (status: TPlanStatus) => <PlanStatusTag status={status} />,
          },
          { title: et('seed'), dataIndex: 'seed', render: (v: string) => <Hash value={v} /> },
          {
            title: et('inputHash'),
            dataIndex: 'inputHash',
            render: (v: string | null) => <Hash value={v} />,
          },
          {
            title: et('resultHash'),
            dataIndex: 'resultHash',
            render: (v: string | null) => <Hash value={v} />,
          },
          { title: et('engineVersion'), dataIndex: 'engineVersion' },
          { title: et('createdAt'), dataIndex: 'createdAt', render: when },
          { title: et('lockedAt'), dataIndex: 'lockedAt', render: when },
          { title: et('publishedAt'), dataIndex: 'publishedAt', render: when },
          {
            title: et('bundle'),
            key: 'bundle',
            render: (_, p) =>
              p.resultHash ? (
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  href={`${planUrl(exam.id, p.version)}/bundle.json`}
                  download
                >
                  bundle.json
                </Button>
              ) : null,
          },
        ]}
      />
      {editing && <ExamFormModal exam={exam} onClose={() => setEditing(false)} />}
    </Space>
  );
}
