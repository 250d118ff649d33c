import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TCalendarYearDetail } from '../../../../../contracts/calendar.ts';
import { usePutCalendarYear } from '../api.ts';
import { useCalendarText } from '../text.ts';

interface DayRow {
  date: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
  statutory?: boolean;
}

/** Enter or correct a year from the State Council notice: every holiday and adjusted workday. */
export function YearEditModal({
  year,
  detail,
  onClose,
}: {
  year: number;
  detail: TCalendarYearDetail | undefined;
  onClose: () => void;
}) {
  const ct = useCalendarText();
  const { message } = App.useApp();
  const save = usePutCalendarYear(year);
  const [form] = Form.useForm<{ notice: string; days: DayRow[] }>();
  const initial = {
    notice: detail?.notice ?? '',
    days: (detail?.days ?? []).map((d) => ({ ...d, date: dayjs(d.date) })),
  };
  const submit = (values: { notice: string; days: DayRow[] }) =>
    save.mutate(
      {
        notice: values.notice,
        days: (values.days ?? []).map((d) => ({
          date: d.date.format('YYYY-MM-DD'),
          kind: d.kind,
          name: d.name,
          statutory: d.kind === 'holiday' && !!d.statutory,
        })),
      },
      {
        onSuccess: () => {
          message.success(ct('saved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      width={760}
      title={`${ct('editYear')} ${year}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} initialValues={initial} onFinish={submit} layout="vertical">
        <Form.Item name="notice" label={ct('notice')} rules={[{ required: true, max: 200 }]}>
          <Input placeholder="国办发明电〔2026〕x号" />
        </Form.Item>
        <Form.List name="days">
          {(fields, { add, remove }) => (
            <div style={{ maxHeight: '50vh', overflow: 'auto' }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'date']} rules={[{ required: true }]}>
                    <DatePicker
                      allowClear={false}
                      disabledDate={(d) => d.year() !== year}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 130 }}
                      options={[
                        { value: 'holiday', label: ct('holiday') },
                        { value: 'workday', label: ct('workday') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, max: 40 }]}>
                    <Input placeholder={ct('name')} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'statutory']} valuePropName="checked">
                    <Checkbox>{ct('statutory')}</Checkbox>
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} type="text" danger />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'holiday', name: '', date: dayjs(`${year}-01-01`) })}
              >
                {ct('addDay')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
