import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TOrgUnitDetail } from '../../../../../contracts/org.ts';
import { useT } from '../../../app/i18n.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useMoveOrgUnit } from '../api.ts';

interface MoveForm {
  parentId: number;
  effectiveFrom: Dayjs;
  reason: string;
}

// Schools and kindergartens move between zones; other units may go anywhere the server allows.
const movesBetweenZones = new Set(['school', 'kindergarten', 'communitySite']);

/** Moves a unit under another parent from a date; the server keeps the earlier placement as history. */
export function MoveUnitModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: TOrgUnitDetail;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveForm>();
  const move = useMoveOrgUnit(unit.id);

  const submit = (values: MoveForm) =>
    move.mutate(
      {
        parentId: values.parentId,
        effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
        reason: values.reason,
      },
      {
        onSuccess: () => {
          message.success(t('org.moved'));
          onSaved();
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`${t('org.move')} · ${unit.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Form<MoveForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ effectiveFrom: dayjs() }}
      >
        <Form.Item name="parentId" label={t('org.newParent')} rules={[{ required: true }]}>
          <OrgUnitSelect
            kind={movesBetweenZones.has(unit.kind) ? 'zone' : undefined}
            testId="org-move-parent"
          />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('org.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true, max: 200 }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
