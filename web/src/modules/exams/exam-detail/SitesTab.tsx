import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { TCreateExamSiteRequest, TExamDetail, TExamSite } from '../../../../../contracts/exams.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { TargetImportButton } from '../../../components/TargetImportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { examUrl, useCreateSite, useExamSites, useInvalidateExam } from '../api.ts';
import { useExamText } from '../text.ts';

const noFilters: { q?: string } = {};

/** 考点: the exam's sites (a host school's building and its rooms), added one by one or imported. */
export function SitesTab({ exam }: { exam: TExamDetail }) {
  const t = useT();
  const et = useExamText();
  const list = useListParams({ sort: 'code', filters: noFilters });
  const sites = useExamSites(exam.id, list.query);
  const refresh = useInvalidateExam(exam.id);
  const [adding, setAdding] = useState(false);
  const canEdit = exam.actions.includes('edit');

  const columns: TableColumnsType<TExamSite> = [
    {
      title: et('siteCode'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      sortOrder: list.sortOrder('code'),
    },
    {
      title: et('siteName'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
    },
    { title: et('hostSchool'), dataIndex: 'orgName' },
    { title: et('rooms'), dataIndex: 'rooms', align: 'right' },
    { title: et('accessibleRooms'), dataIndex: 'accessibleRooms', align: 'right' },
    { title: et('candidates'), dataIndex: 'candidates', align: 'right' },
    { title: et('address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        {canEdit && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="site-new"
            >
              {et('newSite')}
            </Button>
            <TargetImportButton
              target={{ kind: 'examSites', orgId: exam.orgId, targetId: exam.id }}
              label={et('import')}
              onChanged={refresh}
              testId="site-import"
            />
          </>
        )}
        <Input.Search
          allowClear
          placeholder={t('common.search')}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 240 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton
            listUrl={`${examUrl(exam.id)}/sites`}
            query={list.exportQuery}
            testId="export-sites"
          />
        </div>
      </div>
      <div data-testid="sites-table">
        <Table<TExamSite>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={sites.data?.items}
          loading={sites.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(sites.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {adding && <CreateSiteModal exam={exam} onClose={() => setAdding(false)} />}
    </>
  );
}

function CreateSiteModal({ exam, onClose }: { exam: TExamDetail; onClose: () => void }) {
  const t = useT();
  const et = useExamText();
  const { message } = App.useApp();
  const [form] = Form.useForm<TCreateExamSiteRequest>();
  const create = useCreateSite(exam.id);
  const submit = (values: TCreateExamSiteRequest) =>
    create.mutate(
      { ...values, address: values.address || null },
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
      title={et('newSite')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TCreateExamSiteRequest>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ rooms: 30, accessibleRooms: 1 }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={et('siteCode')}
              rules={[{ required: true, pattern: /^[0-9A-Za-z]{1,6}$/ }]}
            >
              <Input placeholder="01" data-testid="site-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label={et('siteName')} rules={[{ required: true, max: 60 }]}>
              <Input data-testid="site-name" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="orgId" label={et('hostSchool')} rules={[{ required: true }]}>
              <OrgUnitSelect kind="school" style={{ width: '100%' }} testId="site-org" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="rooms" label={et('rooms')} rules={[{ required: true }]}>
              <InputNumber min={1} max={500} style={{ width: '100%' }} data-testid="site-rooms" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="accessibleRooms" label={et('accessibleRooms')}>
              <InputNumber min={0} max={500} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={et('address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
