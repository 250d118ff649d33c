import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import type { TPerson, TRevealRequest } from '../../../../../contracts/people.ts';
import { useT } from '../../../app/i18n.tsx';
import { useReveal } from '../api.ts';

const revealable = ['idNumber', 'phone', 'address'] as const;

/** Asks why, then shows one plain value; the reason goes into the audit trail with the reveal. */
export function RevealModal({ person, onClose }: { person: TPerson; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<TRevealRequest>();
  const reveal = useReveal(person.id);
  const fields = revealable.filter((field) => person[field] !== null);

  return (
    <Modal
      open
      title={`${t('people.revealTitle')} · ${person.name}`}
      onCancel={onClose}
      onOk={() => (reveal.data ? onClose() : form.submit())}
      okText={reveal.data ? t('common.close') : t('people.reveal')}
      cancelButtonProps={{ style: reveal.data ? { display: 'none' } : undefined }}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      {reveal.data ? (
        <Alert
          type="warning"
          showIcon
          title={t(`people.${reveal.data.field}`)}
          description={
            <Typography.Text copyable strong data-testid="revealed-value">
              {reveal.data.value ?? '—'}
            </Typography.Text>
          }
        />
      ) : (
        <Form<TRevealRequest>
          form={form}
          layout="vertical"
          initialValues={{ field: fields[0] }}
          onFinish={(values) => reveal.mutate(values)}
        >
          <Form.Item name="field" label={t('people.revealField')} rules={[{ required: true }]}>
            <Select
              options={fields.map((field) => ({
                value: field,
                label: `${t(`people.${field}`)}  ${person[field]}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('people.revealReason')}
            rules={[{ required: true, min: 2, max: 200 }]}
          >
            <Input.TextArea rows={2} maxLength={200} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
