import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import type { TCaseRevealRequest } from '../../../../../contracts/cases.ts';
import { useCaseReveal } from '../api.ts';
import { useCaseText } from '../text.ts';

/** Asks why, then shows one of the complainant's plain values; the reason is audited with the reveal. */
export function CaseRevealModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useCaseText();
  const [form] = Form.useForm<TCaseRevealRequest>();
  const reveal = useCaseReveal(id);
  return (
    <Modal
      open
      title={t('reveal')}
      onCancel={onClose}
      onOk={() => (reveal.data ? onClose() : form.submit())}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      {reveal.data ? (
        <Alert
          type="warning"
          showIcon
          title={reveal.data.field}
          description={
            <Typography.Text copyable strong data-testid="case-revealed-value">
              {reveal.data.value ?? '—'}
            </Typography.Text>
          }
        />
      ) : (
        <Form<TCaseRevealRequest>
          form={form}
          layout="vertical"
          initialValues={{ field: 'phone' }}
          onFinish={(v) => reveal.mutate(v)}
        >
          <Form.Item name="field" label={t('reveal')} rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'phone', label: t('phone') },
                { value: 'name', label: t('complainant') },
                { value: 'idNumber', label: t('idNumber') },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('revealReason')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
