import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TCreateOrgUnitRequest, TOrgKind, TOrgUnitDetail } from '../../../../../contracts/org.ts';
import { useT } from '../../../app/i18n.tsx';
import { kindOptions, ownershipOptions, stageOptions } from '../../../components/labels.ts';
import { useCreateOrgUnit, useUpdateOrgUnit } from '../api.ts';

interface UnitForm {
  kind?: Exclude<TOrgKind, 'district'>;
  code?: string;
  openedOn?: Dayjs;
  name: string;
  shortName?: string;
  stage?: TCreateOrgUnitRequest['stage'];
  ownership?: TCreateOrgUnitRequest['ownership'];
  subsidised?: boolean;
  address?: string;
  capacity?: number | null;
  phone?: string;
}

/** Blank inputs clear a field: the API takes `null` for "none", while `undefined` means "unchanged". */
const orNull = <T,>(value: T | undefined | '') => (value === undefined || value === '' ? null : value);

/** Edits `unit`, or (mode `create`) adds a unit below it. */
export function UnitFormModal({
  mode,
  unit,
  onClose,
  onSaved,
}: {
  mode: 'edit' | 'create';
  unit: TOrgUnitDetail;
  onClose: () => void;
  onSaved?: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const update = useUpdateOrgUnit(unit.id);
  const create = useCreateOrgUnit();
  const saving = update.isPending || create.isPending;
  const done = (text: string) => () => {
    message.success(text);
    onSaved?.();
    onClose();
  };

  const submit = (values: UnitForm) => {
    const fields = {
      name: values.name,
      shortName: orNull(values.shortName),
      stage: orNull(values.stage),
      ownership: orNull(values.ownership),
      subsidised: values.subsidised ?? false,
      address: orNull(values.address),
      capacity: orNull(values.capacity),
      phone: orNull(values.phone),
    };
    if (mode === 'edit') return update.mutate(fields, { onSuccess: done(t('common.saved')) });
    create.mutate(
      {
        ...fields,
        kind: values.kind!,
        code: values.code!,
        parentId: unit.id,
        openedOn: values.openedOn?.format('YYYY-MM-DD'),
      },
      { onSuccess: done(t('org.created')) },
    );
  };

  const initialValues: Partial<UnitForm> =
    mode === 'edit'
      ? {
          name: unit.name,
          shortName: unit.shortName ?? undefined,
          stage: unit.stage,
          ownership: unit.ownership,
          subsidised: unit.subsidised,
          address: unit.address ?? undefined,
          capacity: unit.capacity,
          phone: unit.phone ?? undefined,
        }
      : { subsidised: false };

  return (
    <Modal
      open
      width={640}
      title={mode === 'edit' ? `${t('common.edit')} · ${unit.name}` : `${t('org.addChild')} · ${unit.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form<UnitForm> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        <Row gutter={12}>
          {mode === 'create' && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
                  <Select options={kindOptions(t).filter((option) => option.value !== 'district')} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="code"
                  label={t('org.code')}
                  rules={[{ required: true, max: 40, pattern: /^[A-Za-z0-9_-]+$/ }]}
                >
                  <Input />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('org.name')} rules={[{ required: true, max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="shortName" label={t('org.shortName')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="stage" label={t('org.stage')}>
              <Select allowClear options={stageOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownership" label={t('org.ownership')}>
              <Select allowClear options={ownershipOptions(t)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="capacity" label={t('org.capacity')}>
              <InputNumber min={0} max={100_000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('org.phone')} rules={[{ max: 40 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="subsidised" valuePropName="checked">
              <Checkbox>{t('org.subsidised')}</Checkbox>
            </Form.Item>
          </Col>
          {mode === 'create' && (
            <Col xs={24} sm={12}>
              <Form.Item name="openedOn" label={t('org.openedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
