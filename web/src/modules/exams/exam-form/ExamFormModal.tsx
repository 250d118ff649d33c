import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { TExamDetail, TExamKind, TExamRules } from '../../../../../contracts/exams.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { useT } from '../../../app/i18n.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useCreateExam, useUpdateExam } from '../api.ts';
import { type ExamTextKey, useExamText } from '../text.ts';
import {
  defaultRules,
  defaultSessions,
  RulesFields,
  type SessionRow,
  SessionsFields,
  toSessionInputs,
  toSessionRows,
} from './ExamFormFields.tsx';

interface ExamForm {
  orgId?: number;
  code?: string;
  name: string;
  kind?: TExamKind;
  year?: number;
  rules: TExamRules;
  sessions?: SessionRow[];
}

export const examKinds: TExamKind[] = ['zhongkao', 'gaokao', 'huikao', 'other'];
export const kindLabel = (kind: TExamKind): ExamTextKey => `kind.${kind}`;

/** 新建考试, or (with `exam`) edit its name, rules and sessions while no plan is locked. */
export function ExamFormModal({
  exam,
  onClose,
  onCreated,
}: {
  exam?: TExamDetail;
  onClose: () => void;
  onCreated?: (id: number) => void;
}) {
  const t = useT();
  const et = useExamText();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExamForm>();
  const create = useCreateExam();
  const update = useUpdateExam(exam?.id ?? 0);
  const year = new Date().getFullYear();

  const submit = (values: ExamForm) => {
    const sessions = toSessionInputs(values.sessions);
    if (exam) {
      update.mutate(
        { name: values.name, rules: values.rules, sessions },
        {
          onSuccess: () => {
            message.success(t('common.saved'));
            onClose();
          },
        },
      );
      return;
    }
    create.mutate(
      {
        orgId: values.orgId!,
        code: values.code!,
        name: values.name,
        kind: values.kind!,
        year: values.year!,
        rules: values.rules,
        sessions,
      },
      {
        onSuccess: (created) => {
          message.success(et('created'));
          onCreated?.(created.id);
          onClose();
        },
      },
    );
  };

  const initialValues: Partial<ExamForm> = exam
    ? { name: exam.name, rules: exam.rules, sessions: toSessionRows(exam.sessions) }
    : {
        orgId: me.orgId,
        kind: 'zhongkao',
        year,
        rules: defaultRules,
        sessions: defaultSessions(year),
      };

  return (
    <Modal
      open
      width={760}
      title={exam ? `${et('editExam')} · ${exam.name}` : et('new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<ExamForm> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Row gutter={12}>
          {!exam && (
            <>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="code"
                  label={et('code')}
                  rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{2,30}$/, message: et('codeRule') }]}
                >
                  <Input placeholder="ZK2026" data-testid="exam-code" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="kind" label={et('kind')} rules={[{ required: true }]}>
                  <Select
                    options={examKinds.map((k) => ({ value: k, label: et(kindLabel(k)) }))}
                    data-testid="exam-kind"
                  />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item name="year" label={et('year')} rules={[{ required: true }]}>
                  <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={exam ? 24 : 12}>
            <Form.Item name="name" label={et('name')} rules={[{ required: true, min: 2, max: 60 }]}>
              <Input data-testid="exam-name" />
            </Form.Item>
          </Col>
          {!exam && (
            <Col xs={24} sm={12}>
              <Form.Item name="orgId" label={et('organiser')} rules={[{ required: true }]}>
                <OrgUnitSelect style={{ width: '100%' }} testId="exam-org" />
              </Form.Item>
            </Col>
          )}
        </Row>
        <RulesFields />
        <SessionsFields />
      </Form>
    </Modal>
  );
}
