import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type {
  TCreateDayRecordRequest,
  TDayRecord,
  TExamDetail,
  TLiveCounts,
} from '../../../../../contracts/exams.ts';
import { toQuery } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import {
  examUrl,
  useAllSites,
  useCandidates,
  useCreateDayRecord,
  useDayRecords,
  useLiveCounts,
  useRooms,
} from '../api.ts';
import { useExamText } from '../text.ts';
import { sessionTime, when } from './OverviewTab.tsx';

type RecordKind = TDayRecord['kind'];
type SiteCounts = TLiveCounts['sites'][number];
const noFilters: { siteId?: number; kind?: RecordKind } = {};
const kindColors: Record<RecordKind, string> = {
  absent: 'orange',
  moved: 'blue',
  incident: 'red',
  revoke: 'default',
};

/** 考试当天: per session, live counts per site (every 10 s), absences, moves, incidents and their list. */
export function ExamDayTab({ exam }: { exam: TExamDetail }) {
  const t = useT();
  const et = useExamText();
  const { message } = App.useApp();
  const [sessionId, setSessionId] = useState<number | undefined>(exam.sessions[0]?.id);
  const live = useLiveCounts(exam.id, sessionId);
  const sites = useAllSites(exam.id);
  const list = useListParams({ sort: '-recordedAt', filters: noFilters });
  const records = useDayRecords(exam.id, `${list.query}&${toQuery({ sessionId })}`);
  const create = useCreateDayRecord(exam.id);
  const [recording, setRecording] = useState(false);
  const locked = exam.plans.find((p) => p.status === 'locked' || p.status === 'published');
  const canRecord = exam.actions.includes('record') && locked !== undefined;

  if (exam.sessions.length === 0) return <Empty description={et('noSessions')} />;

  const countColumns: TableColumnsType<SiteCounts> = [
    { title: et('siteName'), dataIndex: 'siteName' },
    { title: et('expected'), dataIndex: 'expected', align: 'right' },
    { title: et('present'), dataIndex: 'present', align: 'right' },
    { title: et('absent'), dataIndex: 'absent', align: 'right' },
    { title: et('moved'), dataIndex: 'moved', align: 'right' },
    {
      title: et('incidents'),
      dataIndex: 'incidents',
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
    },
  ];

  const recordColumns: TableColumnsType<TDayRecord> = [
    { title: et('recordedAt'), dataIndex: 'recordedAt', key: 'recordedAt', render: when },
    { title: et('session'), dataIndex: 'subject' },
    { title: et('registrationNo'), dataIndex: 'registrationNo' },
    { title: et('candidateName'), dataIndex: 'candidateName' },
    { title: et('siteName'), dataIndex: 'siteName' },
    {
      title: et('roomKind'),
      dataIndex: 'kind',
      render: (kind: RecordKind, r) => (
        <Space size={4}>
          <Tag color={kindColors[kind]}>{et(`record.${kind}`)}</Tag>
          {r.revoked && <Tag>{et('revoked')}</Tag>}
        </Space>
      ),
    },
    { title: et('toRoom'), dataIndex: 'toRoom', render: (v: number | null) => v ?? '—' },
    { title: et('note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: et('evidence'),
      dataIndex: 'evidenceFileId',
      // A plain link: the file downloads with the session cookie, and the download is audited.
      render: (fileId: string | null) =>
        fileId ? (
          <a href={`/api/files/${fileId}`} download>
            {et('evidence')}
          </a>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        canRecord &&
        r.kind !== 'revoke' &&
        !r.revoked && (
          <Popconfirm
            title={et('revokeConfirm')}
            onConfirm={() =>
              create
                .mutateAsync({
                  sessionId: r.sessionId,
                  candidateId: r.candidateId,
                  kind: 'revoke',
                  revokes: r.id,
                })
                .then(
                  () => message.success(et('revoked')),
                  () => {},
                )
            }
          >
            <Button type="link" size="small" danger>
              {et('revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const total = live.data?.total;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{et('session')}</Typography.Text>
        <Select<number>
          value={sessionId}
          onChange={setSessionId}
          options={exam.sessions.map((s) => ({ value: s.id, label: `${s.subject} · ${sessionTime(s)}` }))}
          style={{ width: 320 }}
          data-testid="day-session"
        />
        {canRecord && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRecording(true)}
            data-testid="day-record"
          >
            {et('record')}
          </Button>
        )}
      </Space>
      {!locked && <Alert type="info" showIcon title={et('needLocked')} />}
      <Typography.Title level={5}>{et('liveCounts')}</Typography.Title>
      <Table<SiteCounts>
        size="small"
        rowKey="siteId"
        columns={countColumns}
        dataSource={live.data?.sites}
        loading={live.isLoading}
        pagination={false}
        data-testid="day-live"
        summary={() =>
          total && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{et('total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total.expected}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {total.present}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {total.absent}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {total.moved}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {total.incidents}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Select<number>
          allowClear
          placeholder={et('siteName')}
          value={list.filters.siteId}
          onChange={(id) => list.setFilter('siteId', id)}
          options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          style={{ width: 200 }}
        />
        <Select<RecordKind>
          allowClear
          placeholder={et('roomKind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter('kind', kind)}
          options={(['absent', 'moved', 'incident', 'revoke'] as const).map((k) => ({
            value: k,
            label: et(`record.${k}`),
          }))}
          style={{ width: 180 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton
            listUrl={`${examUrl(exam.id)}/day-records`}
            query={`${list.exportQuery}&${toQuery({ sessionId })}`}
            testId="export-day-records"
          />
        </div>
      </div>
      <div data-testid="day-records">
        <Table<TDayRecord>
          size="small"
          rowKey="id"
          columns={recordColumns}
          dataSource={records.data?.items}
          loading={records.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(records.data?.total, (n) => t('common.total', { n }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {recording && sessionId !== undefined && locked && (
        <DayRecordModal
          exam={exam}
          sessionId={sessionId}
          version={locked.version}
          onClose={() => setRecording(false)}
        />
      )}
    </Space>
  );
}

interface RecordForm {
  candidateId: number;
  kind: 'absent' | 'moved' | 'incident';
  toRoomId?: number;
  note?: string;
}

/** One record: find the candidate, say what happened; a move names a backup or special room of their site. */
function DayRecordModal({
  exam,
  sessionId,
  version,
  onClose,
}: {
  exam: TExamDetail;
  sessionId: number;
  version: number;
  onClose: () => void;
}) {
  const t = useT();
  const et = useExamText();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordForm>();
  const create = useCreateDayRecord(exam.id);
  const [q, setQ] = useState('');
  const candidates = useCandidates(exam.id, toQuery({ q, pageSize: 20 }), q.trim().length > 0);
  const candidateId = Form.useWatch('candidateId', form);
  const kind = Form.useWatch('kind', form);
  const candidate = candidates.data?.items.find((c) => c.id === candidateId);
  const rooms = useRooms(exam.id, version, toQuery({ siteId: candidate?.siteId, pageSize: 200 }));
  const spareRooms = (candidate ? (rooms.data?.items ?? []) : []).filter((r) => r.kind !== 'normal');

  const submit = (values: RecordForm) => {
    const input: TCreateDayRecordRequest = {
      sessionId,
      candidateId: values.candidateId,
      kind: values.kind,
      toRoomId: values.kind === 'moved' ? values.toRoomId : undefined,
      note: values.note || undefined,
    };
    create.mutate(input, {
      onSuccess: () => {
        message.success(et('recorded'));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={et('record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<RecordForm> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'absent' }}>
        <Form.Item name="candidateId" label={et('candidate')} rules={[{ required: true }]}>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={et('searchCandidate')}
            loading={candidates.isFetching}
            options={candidates.data?.items.map((c) => ({
              value: c.id,
              label: `${c.name} · ${c.registrationNo} · ${c.siteName} ${c.room ?? '—'}/${c.seat ?? '—'}`,
            }))}
            data-testid="day-candidate"
          />
        </Form.Item>
        <Form.Item name="kind" label={et('roomKind')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['absent', 'moved', 'incident'] as const).map((k) => ({
              value: k,
              label: et(`record.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'moved' && (
          <Form.Item name="toRoomId" label={et('toRoom')} rules={[{ required: true }]}>
            <Select<number>
              options={spareRooms.map((r) => ({
                value: r.id,
                label: `${r.siteName} ${r.roomNo} · ${et(`roomKind.${r.kind}`)}`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={et('note')}
          rules={[{ required: kind === 'incident', min: kind === 'incident' ? 2 : 0, max: 500 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
