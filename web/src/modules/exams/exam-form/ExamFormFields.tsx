import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TExamRules, TExamSession } from '../../../../../contracts/exams.ts';
import { fromWallTime, wallTime } from '../../../components/time.ts';
import { useExamText } from '../text.ts';

/** A session as the form holds it: the subject and its start–end range. */
export interface SessionRow {
  subject: string;
  range: [Dayjs, Dayjs];
}

/** 2020 Beijing: 20 per room (5 × 4), 2 invigilators, a rover per site, at least 3 backup rooms. */
export const defaultRules: TExamRules = {
  rows: 5,
  cols: 4,
  adjacency: 'orthogonal',
  invigilatorsPerRoom: 2,
  backupRoomsPerSite: 3,
  roversPerSite: 1,
  ticketPattern: '1108{site}{room:2}{seat:2}',
};

/** Two morning/afternoon sessions in late June of the exam's year, to be edited. */
export function defaultSessions(year: number): SessionRow[] {
  const day = dayjs(`${year}-06-24`);
  return [
    { subject: '语文', range: [day.hour(9), day.hour(11).minute(30)] },
    { subject: '数学', range: [day.hour(15), day.hour(17)] },
  ];
}

export const toSessionRows = (sessions: TExamSession[]): SessionRow[] =>
  sessions.map((s) => ({ subject: s.subject, range: [wallTime(s.startsAt), wallTime(s.endsAt)] }));

/** ISO instants in Beijing time (`2026-06-24T09:00:00+08:00`) whatever the browser's zone. */
export const toSessionInputs = (rows: SessionRow[] | undefined) =>
  (rows ?? []).map((row) => ({
    subject: row.subject,
    startsAt: fromWallTime(row.range[0].second(0)),
    endsAt: fromWallTime(row.range[1].second(0)),
  }));

/** The rules of an exam (form field `rules`): room shape, adjacency, invigilators, backups, tickets. */
export function RulesFields() {
  const et = useExamText();
  return (
    <Row gutter={12}>
      <Col xs={12} sm={6}>
        <Form.Item name={['rules', 'rows']} label={et('rows')} rules={[{ required: true }]}>
          <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="exam-rows" />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name={['rules', 'cols']} label={et('cols')} rules={[{ required: true }]}>
          <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="exam-cols" />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item name={['rules', 'adjacency']} label={et('adjacency')} rules={[{ required: true }]}>
          <Select
            options={(['orthogonal', 'king'] as const).map((value) => ({
              value,
              label: et(`adjacency.${value}`),
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item
          name={['rules', 'invigilatorsPerRoom']}
          label={et('invigilatorsPerRoom')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={6} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item
          name={['rules', 'backupRoomsPerSite']}
          label={et('backupRoomsPerSite')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={50} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6}>
        <Form.Item name={['rules', 'roversPerSite']} label={et('roversPerSite')} rules={[{ required: true }]}>
          <InputNumber min={0} max={10} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12}>
        <Form.Item
          name={['rules', 'ticketPattern']}
          label={et('ticketPattern')}
          extra={et('ticketPatternHint')}
          rules={[
            { required: true, max: 60 },
            { pattern: /\{seat(:\d+)?\}/, message: et('ticketNeedsSeat') },
            { pattern: /\{room(:\d+)?\}/, message: et('ticketNeedsRoom') },
          ]}
        >
          <Input data-testid="exam-ticket-pattern" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** The sessions (form field `sessions`): a subject and a time range each. */
export function SessionsFields() {
  const et = useExamText();
  return (
    <Form.List name="sessions">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} size={0}>
          <Typography.Text strong>{et('sessions')}</Typography.Text>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item name={[field.name, 'subject']} rules={[{ required: true, max: 30 }]}>
                <Input placeholder={et('subject')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'range']} rules={[{ required: true }]}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Button icon={<DeleteOutlined />} type="text" onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} type="dashed" onClick={() => add({ subject: '' })}>
            {et('addSession')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
