import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import type {
  TCreateExamInvigilatorRequest,
  TExamDetail,
  TExamInvigilator,
} from '../../../../../contracts/exams.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { TargetImportButton } from '../../../components/TargetImportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { examUrl, useAllSites, useCreateInvigilator, useInvalidateExam, useInvigilators } from '../api.ts';
import { useExamText } from '../text.ts';

const noFilters: { q?: string; orgId?: number } = {};

/** 监考员: their school, the sites where a relative sits, and the rooms the current plan gives them. */
export function InvigilatorsTab({ exam }: { exam: TExamDetail }) {
  const t = useT();
  const et = useExamText();
  const list = useListParams({ sort: 'staffNo', filters: noFilters });
  const invigilators = useInvigilators(exam.id, list.query);
  const sites = useAllSites(exam.id);
  const refresh = useInvalidateExam(exam.id);
  const [adding, setAdding] = useState(false);
  const canEdit = exam.actions.includes('edit');
  const siteName = (id: number) => sites.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;

  const columns: TableColumnsType<TExamInvigilator> = [
    {
      title: et('staffNo'),
      dataIndex: 'staffNo',
      key: 'staffNo',
      sorter: true,
      sortOrder: list.sortOrder('staffNo'),
    },
    {
      title: et('candidateName'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
    },
    { title: et('school'), dataIndex: 'orgName' },
    { title: et('experienceYears'), dataIndex: 'experienceYears', align: 'right' },
    {
      title: et('relativeSites'),
      dataIndex: 'relativeSiteIds',
      render: (ids: number[]) => (ids.length ? ids.map(siteName).join('、') : '—'),
    },
    {
      title: et('assignments'),
      dataIndex: 'assignments',
      render: (assignments: TExamInvigilator['assignments']) =>
        assignments.length ? (
          <Space size={4} wrap>
            {assignments.map((a) => (
              <Tag key={`${a.siteName}-${a.room}`} color={a.role === 'chief' ? 'blue' : undefined}>
                {a.siteName}
                {a.room === null ? '' : ` · ${et('room')} ${a.room}`} · {et(`role.${a.role}`)}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {canEdit && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="invigilator-new">
              {et('newInvigilator')}
            </Button>
            <TargetImportButton
              target={{ kind: 'examInvigilators', orgId: exam.orgId, targetId: exam.id }}
              label={et('import')}
              onChanged={refresh}
              testId="invigilator-import"
            />
          </>
        )}
        <Input.Search
          allowClear
          placeholder={et('searchInvigilator')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 220 }}
        />
        <OrgUnitSelect
          value={list.filters.orgId}
          onChange={(orgId) => list.setFilter('orgId', orgId)}
          placeholder={et('school')}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton
            listUrl={`${examUrl(exam.id)}/invigilators`}
            query={list.exportQuery}
            testId="export-invigilators"
          />
        </div>
      </div>
      <div data-testid="invigilators-table">
        <Table<TExamInvigilator>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={invigilators.data?.items}
          loading={invigilators.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(invigilators.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {adding && <CreateInvigilatorModal exam={exam} onClose={() => setAdding(false)} />}
    </>
  );
}

function CreateInvigilatorModal({ exam, onClose }: { exam: TExamDetail; onClose: () => void }) {
  const t = useT();
  const et = useExamText();
  const { message } = App.useApp();
  const sites = useAllSites(exam.id);
  const [form] = Form.useForm<TCreateExamInvigilatorRequest>();
  const create = useCreateInvigilator(exam.id);
  const submit = (values: TCreateExamInvigilatorRequest) =>
    create.mutate(
      {
        ...values,
        relativeSiteIds: values.relativeSiteIds ?? [],
        experienceYears: values.experienceYears ?? 0,
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
      title={et('newInvigilator')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TCreateExamInvigilatorRequest>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ experienceYears: 0, relativeSiteIds: [] }}
      >
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item
              name="staffNo"
              label={et('staffNo')}
              rules={[{ required: true, pattern: /^[0-9A-Za-z]{2,20}$/ }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={et('candidateName')} rules={[{ required: true, max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="orgId" label={et('school')} rules={[{ required: true }]}>
              <OrgUnitSelect kind="school" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="relativeSiteIds" label={et('relativeSites')}>
              <Select
                mode="multiple"
                options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="experienceYears" label={et('experienceYears')}>
              <InputNumber min={0} max={60} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
