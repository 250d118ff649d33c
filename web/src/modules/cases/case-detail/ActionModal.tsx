import { Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import type { TCase, TCaseAction, TTransitionRequest } from '../../../../../contracts/cases.ts';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useCatalogue, useTransition } from '../api.ts';
import { type CaseTextKey, useCaseText } from '../text.ts';

/** The fields each action carries (the server checks them again; this only asks for them). */
const fieldsOf: Partial<Record<TCaseAction, string[]>> = {
  request_return: ['reason', 'catalogueCode', 'suggestedOrgId'],
  reject_return: ['reason'],
  approve_return: [],
  dispatch: ['orgId'],
  coordinate: ['reason'],
  pause: ['reason'],
  request_extension: ['reason', 'days'],
  grant_extension: ['reason'],
  refuse_extension: ['reason'],
  reply: ['reply'],
  record_callback: ['solved', 'satisfaction'],
  reopen: ['reason'],
  decline: ['reason', 'whereToGo'],
  transfer: ['orgId', 'reason'],
  object_transfer: ['reason'],
  divert: ['channel', 'reason'],
  extend: ['days', 'reason'],
  issue_opinion: ['request', 'factsAndReasons', 'decision', 'legalBasis'],
  decide_review: ['request', 'factsAndReasons', 'decision', 'legalBasis'],
  decide_rereview: ['request', 'factsAndReasons', 'decision', 'legalBasis'],
  request_review: ['reason'],
  request_rereview: ['reason'],
};

/** One transition of a case: asks for what the action needs, then posts it. */
export function ActionModal({ c, action, onClose }: { c: TCase; action: TCaseAction; onClose: () => void }) {
  const { t, action: actionName } = useCaseText();
  const [form] = Form.useForm<Record<string, unknown>>();
  const transition = useTransition(c.id);
  const catalogue = useCatalogue();
  const fields = fieldsOf[action] ?? [];
  const text = (name: CaseTextKey, rows = 2) => (
    <Form.Item key={name} name={name} label={t(name)} rules={[{ required: true, min: 2 }]}>
      <Input.TextArea rows={rows} data-testid={`case-field-${name}`} />
    </Form.Item>
  );
  const items: Record<string, React.ReactNode> = {
    reason: text('reason'),
    reply: text('reply', 4),
    whereToGo: text('whereToGo'),
    request: text('request'),
    factsAndReasons: text('factsAndReasons', 3),
    decision: text('decision', 3),
    legalBasis: text('legalBasis'),
    orgId: (
      <Form.Item key="orgId" name="orgId" label={t('handler')} rules={[{ required: true }]}>
        <OrgUnitSelect />
      </Form.Item>
    ),
    suggestedOrgId: (
      <Form.Item key="suggestedOrgId" name="suggestedOrgId" label={t('handler')}>
        <OrgUnitSelect />
      </Form.Item>
    ),
    catalogueCode: (
      <Form.Item
        key="catalogueCode"
        name="catalogueCode"
        label={t('catalogueCode')}
        rules={[{ required: true }]}
      >
        <Select
          options={catalogue.data?.items.map((e) => ({ value: e.code, label: `${e.name}（${e.unitKind}）` }))}
        />
      </Form.Item>
    ),
    days: (
      <Form.Item key="days" name="days" label={t('days')} rules={[{ required: true }]}>
        <InputNumber min={1} max={30} />
      </Form.Item>
    ),
    solved: (
      <Form.Item key="solved" name="solved" label={t('solved')} valuePropName="checked" initialValue={true}>
        <Switch />
      </Form.Item>
    ),
    satisfaction: (
      <Form.Item
        key="satisfaction"
        name="satisfaction"
        label={t('satisfaction')}
        rules={[{ required: true }]}
        initialValue="satisfied"
      >
        <Select
          options={[
            { value: 'satisfied', label: '满意 Satisfied' },
            { value: 'basically_satisfied', label: '基本满意 Basically satisfied' },
            { value: 'unsatisfied', label: '不满意 Unsatisfied' },
          ]}
        />
      </Form.Item>
    ),
    channel: (
      <Form.Item key="channel" name="channel" label={t('channel')} rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'litigation', label: '诉讼 Litigation' },
            { value: 'arbitration', label: '仲裁 Arbitration' },
            { value: 'administrative_review', label: '行政复议 Administrative review' },
          ]}
        />
      </Form.Item>
    ),
  };
  const submit = async (values: Record<string, unknown>) => {
    await transition.mutateAsync({ action, ...values } as TTransitionRequest);
    onClose();
  };
  if (fields.length === 0)
    return (
      <Modal
        open
        title={actionName(action)}
        onCancel={onClose}
        onOk={() => submit({})}
        confirmLoading={transition.isPending}
      >
        {c.externalNo} · {c.title}
      </Modal>
    );
  return (
    <Modal
      open
      title={actionName(action)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {fields.map((name) => items[name])}
      </Form>
    </Modal>
  );
}
