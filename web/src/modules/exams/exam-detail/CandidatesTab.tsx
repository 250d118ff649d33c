import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, Modal, Row, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type {
  TCreateExamCandidateRequest,
  TExamCandidate,
  TExamDetail,
} from '../../../../../contracts/exams.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { TargetImportButton } from '../../../components/TargetImportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { examUrl, useAllSites, useCandidates, useCreateCandidate, useInvalidateExam } from '../api.ts';
import { useExamText } from '../text.ts';

const noFilters: { q?: string; orgId?: number; siteId?: number; groupCode?: string } = {};

/** 考生: filters by school, site, 四同 group and text; the current plan's room, seat and ticket. */
export function CandidatesTab({ exam }: { exam: TExamDetail }) {
  const t = useT();
  const et = useExamText();
  const list = useListParams({ sort: 'registrationNo', filters: noFilters });
  const candidates = useCandidates(exam.id, list.query);
  const sites = useAllSites(exam.id);
  const refresh = useInvalidateExam(exam.id);
  const [adding, setAdding] = useState(false);
  const canEdit = exam.actions.includes('edit');
  const dash = (v: string | number | null) => v ?? '—';

  const columns: TableColumnsType<TExamCandidate> = [
    {
      title: et('registrationNo'),
      dataIndex: 'registrationNo',
      key: 'registrationNo',
      sorter: true,
      sortOrder: list.sortOrder('registrationNo'),
    },
    {
      title: et('candidateName'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
    },
    {
      title: et('gender'),
      dataIndex: 'gender',
      render: (g: TExamCandidate['gender']) => (g ? et(`gender.${g}`) : '—'),
    },
    { title: et('idNumber'), dataIndex: 'idNumber', render: dash },
    { title: et('school'), dataIndex: 'orgName' },
    { title: et('siteName'), dataIndex: 'siteName' },
    { title: et('group'), dataIndex: 'groupCode' },
    { title: et('accommodation'), dataIndex: 'accommodation', render: dash },
    { title: et('room'), dataIndex: 'room', align: 'right', render: dash },
    { title: et('seat'), dataIndex: 'seat', align: 'right', render: dash },
    {
      title: et('ticket'),
      dataIndex: 'ticket',
      key: 'ticket',
      sorter: true,
      sortOrder: list.sortOrder('ticket'),
      render: dash,
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {canEdit && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="candidate-new">
              {et('newCandidate')}
            </Button>
            <TargetImportButton
              target={{ kind: 'examCandidates', orgId: exam.orgId, targetId: exam.id }}
              label={et('import')}
              onChanged={refresh}
              testId="candidate-import"
            />
          </>
        )}
        <Input.Search
          allowClear
          placeholder={et('searchCandidate')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 240 }}
          data-testid="candidate-search"
        />
        <OrgUnitSelect
          value={list.filters.orgId}
          onChange={(orgId) => list.setFilter('orgId', orgId)}
          placeholder={et('school')}
        />
        <Select<number>
          allowClear
          placeholder={et('siteName')}
          value={list.filters.siteId}
          onChange={(siteId) => list.setFilter('siteId', siteId)}
          options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          style={{ width: 180 }}
        />
        <Input.Search
          allowClear
          placeholder={et('group')}
          onSearch={(groupCode) => list.setFilter('groupCode', groupCode)}
          style={{ width: 130 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton
            listUrl={`${examUrl(exam.id)}/candidates`}
            query={list.exportQuery}
            testId="export-candidates"
          />
        </div>
      </div>
      <div data-testid="candidates-table">
        <Table<TExamCandidate>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={candidates.data?.items}
          loading={candidates.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(candidates.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {adding && <CreateCandidateModal exam={exam} onClose={() => setAdding(false)} />}
    </>
  );
}

function CreateCandidateModal({ exam, onClose }: { exam: TExamDetail; onClose: () => void }) {
  const t = useT();
  const et = useExamText();
  const { message } = App.useApp();
  const sites = useAllSites(exam.id);
  const [form] = Form.useForm<TCreateExamCandidateRequest>();
  const create = useCreateCandidate(exam.id);
  const submit = (values: TCreateExamCandidateRequest) =>
    create.mutate(
      {
        ...values,
        idNumber: values.idNumber || null,
        accommodation: values.accommodation || null,
        gender: values.gender ?? null,
      },
      {
        onSuccess: () => {
          message.success(et('added'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      width={640}
      title={et('newCandidate')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TCreateExamCandidateRequest> form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="registrationNo"
              label={et('registrationNo')}
              rules={[{ required: true, pattern: /^[0-9A-Za-z]{4,20}$/ }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={et('candidateName')} rules={[{ required: true, max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="gender" label={et('gender')}>
              <Select
                allowClear
                options={(['M', 'F'] as const).map((g) => ({ value: g, label: et(`gender.${g}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="idNumber" label={et('idNumber')} rules={[{ max: 18 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="orgId" label={et('school')} rules={[{ required: true }]}>
              <OrgUnitSelect kind="school" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="siteId" label={et('siteName')} rules={[{ required: true }]}>
              <Select
                options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="groupCode" label={et('group')} rules={[{ required: true, max: 30 }]}>
              <Input placeholder="A" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="accommodation" label={et('accommodation')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
