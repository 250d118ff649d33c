import { Alert, Button, Card, DatePicker, Form, InputNumber, Select, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TDueResponse } from '../../../../../contracts/calendar.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { useDueDate } from '../api.ts';
import { useCalendarText } from '../text.ts';

type Unit = 'days' | 'workingDays' | 'hours';

/** "When is this due?": start, a period, and the answer with its explanation on hover. */
export function DeadlineCalculator() {
  const ct = useCalendarText();
  const { lang } = useLang();
  const due = useDueDate();
  const [form] = Form.useForm<{ from: Dayjs; unit: Unit; n: number }>();

  const submit = (values: { from: Dayjs; unit: Unit; n: number }) => {
    due.mutate({
      from: values.from.format('YYYY-MM-DDTHH:mm:ss+08:00'),
      rule: { [values.unit]: values.n } as { days: number },
    });
  };

  return (
    <Card size="small" title={ct('calculator')} data-testid="deadline-calculator">
      <Form
        form={form}
        layout="inline"
        initialValues={{ from: dayjs(), unit: 'workingDays', n: 15 }}
        onFinish={submit}
      >
        <Form.Item name="from" label={ct('from')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="n" label={ct('rule')} rules={[{ required: true }]}>
          <InputNumber min={1} max={3660} style={{ width: 96 }} />
        </Form.Item>
        <Form.Item name="unit">
          <Select
            style={{ width: 150 }}
            options={(['days', 'workingDays', 'hours'] as const).map((u) => ({ value: u, label: ct(u) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={due.isPending}>
            {ct('compute')}
          </Button>
        </Form.Item>
      </Form>
      {due.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          message={(due.error as ApiError).text?.(lang) ?? String(due.error)}
        />
      )}
      {due.data && <DueResult result={due.data} />}
    </Card>
  );
}

/** The due instant; hovering shows every step of the count in the current language. */
export function DueResult({ result }: { result: TDueResponse }) {
  const ct = useCalendarText();
  const { lang } = useLang();
  const when = result.lastDay ? `${result.lastDay} 24:00` : dayjs(result.due).format('YYYY-MM-DD HH:mm');
  const steps = (
    <ol style={{ margin: 0, paddingInlineStart: 18 }}>
      {result.explain.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the steps are a fixed, ordered list
        <li key={i}>{s[lang]}</li>
      ))}
    </ol>
  );
  return (
    <Space style={{ marginTop: 12 }} data-testid="deadline-result">
      <Typography.Text>{ct('due')}:</Typography.Text>
      <Tooltip title={steps} styles={{ root: { maxWidth: 560 } }}>
        <Typography.Text strong underline style={{ cursor: 'help' }}>
          {when}
        </Typography.Text>
      </Tooltip>
      <Typography.Text type="secondary">({ct('hoverHint')})</Typography.Text>
    </Space>
  );
}
