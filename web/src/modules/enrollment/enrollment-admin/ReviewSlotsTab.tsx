import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TEnrollmentYear, TReviewBooking, TReviewSlot } from '../../../../../contracts/enrollment.ts';
import { toQuery } from '../../../app/api.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { useLang } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { formatInstant } from '../../../components/time.ts';
import {
  useCancelReviewSlot,
  useCreateReviewSlots,
  useMarkAttendance,
  useReviewBookings,
  useReviewSlots,
  useUpdateReviewSlot,
} from '../api.ts';
import { bookingStatusLabels, useReviewText } from '../text.ts';

const time = (from: string, to: string) => `${formatInstant(from, 'HH:mm')}–${formatInstant(to, 'HH:mm')}`;

/**
 * 现场审核预约 for the 学区: its slots with places booked, a series opened at once (non-working
 * days skipped by the server's working-day calendar), capacity changed, a slot cancelled (the
 * families booked are told); a slot's drawer lists its bookings to record who came. Both export.
 */
export function ReviewSlotsTab({ year }: { year: TEnrollmentYear }) {
  const r = useReviewText();
  const me = useCurrentUser();
  const canOpen = me.permissions.includes('enrollment.review');
  const [filters, setFilters] = useState<{ zoneId?: number; date?: string; status?: string; page: number }>({
    page: 1,
  });
  const query = toQuery({ yearId: year.id, ...filters, pageSize: 20 });
  const slots = useReviewSlots(query);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<TReviewSlot | null>(null);
  const update = useUpdateReviewSlot();
  const cancel = useCancelReviewSlot();
  const { modal } = App.useApp();
  const exportQuery = toQuery({ yearId: year.id, ...filters, page: undefined });
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <OrgUnitSelect
          kind="zone"
          placeholder={r('zone')}
          style={{ width: 200 }}
          value={filters.zoneId}
          onChange={(zoneId) => setFilters({ ...filters, zoneId, page: 1 })}
        />
        <DatePicker
          placeholder={r('date')}
          onChange={(d: Dayjs | null) => setFilters({ ...filters, date: d?.format('YYYY-MM-DD'), page: 1 })}
        />
        <Select
          allowClear
          placeholder={r('status')}
          style={{ width: 120 }}
          onChange={(status) => setFilters({ ...filters, status, page: 1 })}
          options={[
            { value: 'open', label: 'open' },
            { value: 'cancelled', label: 'cancelled' },
          ]}
        />
        {canOpen && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="review-new-slots">
            {r('newSlots')}
          </Button>
        )}
        <ExportButton
          listUrl="/api/enrollment/review-slots"
          query={exportQuery}
          testId="export-review-slots"
          label={r('exportSlots')}
        />
        <ExportButton
          listUrl="/api/enrollment/review-bookings"
          query={toQuery({ yearId: year.id, zoneId: filters.zoneId })}
          testId="export-review-bookings"
          label={r('exportBookings')}
        />
      </Space>
      <Table<TReviewSlot>
        size="small"
        rowKey="id"
        loading={slots.isFetching}
        dataSource={slots.data?.items}
        onRow={(s) => ({ onClick: () => setOpen(s) })}
        pagination={{
          current: filters.page,
          total: slots.data?.total,
          pageSize: 20,
          showSizeChanger: false,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: r('date'), render: (_, s) => formatInstant(s.startsAt, 'YYYY-MM-DD ddd') },
          { title: r('time'), render: (_, s) => time(s.startsAt, s.endsAt) },
          { title: r('zone'), dataIndex: 'zoneName' },
          { title: r('place'), dataIndex: 'place' },
          {
            title: r('bookedCount'),
            render: (_, s) => (
              <span data-testid={`slot-booked-${s.id}`}>
                {s.booked}/{s.capacity}
              </span>
            ),
          },
          {
            title: r('status'),
            render: (_, s) =>
              s.status === 'open' ? (
                <Tag color={s.remaining ? 'green' : 'orange'}>{s.remaining ? 'open' : r('full')}</Tag>
              ) : (
                <Tag title={s.cancelReason ?? ''}>cancelled</Tag>
              ),
          },
          {
            title: '',
            render: (_, s) => (
              <Space onClick={(e) => e.stopPropagation()}>
                {s.actions.includes('edit') && (
                  <InputNumber
                    size="small"
                    min={Math.max(1, s.booked)}
                    max={500}
                    defaultValue={s.capacity}
                    style={{ width: 72 }}
                    title={r('editCapacity')}
                    onBlur={(e) => {
                      const capacity = Number(e.target.value);
                      if (capacity && capacity !== s.capacity) update.mutate({ id: s.id, capacity });
                    }}
                  />
                )}
                {s.actions.includes('cancel') && (
                  <Button
                    size="small"
                    danger
                    onClick={() => {
                      let reason = '';
                      modal.confirm({
                        title: r('cancelSlot'),
                        content: (
                          <Input.TextArea
                            placeholder={r('cancelReason')}
                            onChange={(e) => {
                              reason = e.target.value;
                            }}
                          />
                        ),
                        onOk: () => cancel.mutateAsync({ id: s.id, reason }),
                      });
                    }}
                  >
                    {r('cancelSlot')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {creating && <NewSlots year={year} onClose={() => setCreating(false)} />}
      <SlotBookings slot={open} onClose={() => setOpen(null)} />
    </>
  );
}

interface NewSlotsForm {
  zoneId: number;
  place: string;
  dates: Dayjs[];
  from: string;
  to: string;
  everyMinutes?: number;
  capacity: number;
  stages?: ('primary' | 'junior')[];
  categories?: string[];
  skipNonWorkingDays: boolean;
}

/** Open one slot a day, or a series (every N minutes) on several dates, for a 学区. */
function NewSlots({ year, onClose }: { year: TEnrollmentYear; onClose: () => void }) {
  const r = useReviewText();
  const { lang } = useLang();
  const create = useCreateReviewSlots();
  const [form] = Form.useForm<NewSlotsForm>();
  const result = create.data;
  return (
    <Modal
      open
      title={r('newSlots')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'review-create' } as ButtonProps}
      width={560}
    >
      <Form<NewSlotsForm>
        form={form}
        layout="vertical"
        initialValues={{
          from: '09:00',
          to: '16:30',
          everyMinutes: 30,
          capacity: 5,
          skipNonWorkingDays: true,
        }}
        onFinish={(v) =>
          create.mutate({
            yearId: year.id,
            zoneId: v.zoneId,
            place: v.place,
            dates: v.dates.map((d) => d.format('YYYY-MM-DD')),
            from: v.from,
            to: v.to,
            ...(v.everyMinutes ? { everyMinutes: v.everyMinutes } : {}),
            capacity: v.capacity,
            stages: v.stages ?? [],
            categories: v.categories ?? [],
            skipNonWorkingDays: v.skipNonWorkingDays,
          })
        }
      >
        <Form.Item name="zoneId" label={r('zone')} rules={[{ required: true }]}>
          <OrgUnitSelect kind="zone" testId="review-zone" />
        </Form.Item>
        <Form.Item name="place" label={r('place')} rules={[{ required: true, min: 2, max: 120 }]}>
          <Input data-testid="review-place" />
        </Form.Item>
        <Form.Item name="dates" label={r('dates')} rules={[{ required: true }]}>
          <DatePicker multiple style={{ width: '100%' }} data-testid="review-dates" />
        </Form.Item>
        <Space>
          <Form.Item
            name="from"
            label={r('from')}
            rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}
          >
            <Input style={{ width: 90 }} placeholder="09:00" />
          </Form.Item>
          <Form.Item
            name="to"
            label={r('to')}
            rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}
          >
            <Input style={{ width: 90 }} placeholder="16:30" />
          </Form.Item>
          <Form.Item name="capacity" label={r('capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={500} />
          </Form.Item>
        </Space>
        <Form.Item name="everyMinutes" label={r('every')}>
          <InputNumber min={10} max={480} />
        </Form.Item>
        <Form.Item name="stages" label={r('stages')}>
          <Select
            mode="multiple"
            options={[
              { value: 'primary', label: lang === 'zh' ? '小学' : 'Primary' },
              { value: 'junior', label: lang === 'zh' ? '初中' : 'Junior' },
            ]}
          />
        </Form.Item>
        <Form.Item name="categories" label={r('categories')}>
          <Select
            mode="multiple"
            options={year.config.categories.map((c) => ({ value: c.id, label: lang === 'zh' ? c.zh : c.en }))}
          />
        </Form.Item>
        <Form.Item name="skipNonWorkingDays" valuePropName="checked">
          <Checkbox>{r('skip')}</Checkbox>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          type="success"
          data-testid="review-created"
          message={r('created', { n: result.created.length })}
          description={
            result.skipped.length
              ? r('skipped') + result.skipped.map((d) => `${d.date}${d.name ? ` ${d.name}` : ''}`).join('、')
              : undefined
          }
        />
      )}
    </Modal>
  );
}

/** A slot's bookings: who booked, the status, and (once it has started) attended / no-show. */
function SlotBookings({ slot, onClose }: { slot: TReviewSlot | null; onClose: () => void }) {
  const r = useReviewText();
  const { lang } = useLang();
  const [q, setQ] = useState('');
  const bookings = useReviewBookings(
    toQuery({ slotId: slot?.id, q, pageSize: 200, sort: 'childName' }),
    slot !== null,
  );
  const mark = useMarkAttendance();
  return (
    <Drawer
      open={slot !== null}
      onClose={onClose}
      width={760}
      title={
        slot
          ? `${formatInstant(slot.startsAt, 'YYYY-MM-DD')} ${time(slot.startsAt, slot.endsAt)} · ${slot.place}`
          : ''
      }
    >
      <Space style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={r('searchBooking')} onSearch={setQ} style={{ width: 260 }} />
        {slot && (
          <ExportButton
            listUrl="/api/enrollment/review-bookings"
            query={toQuery({ slotId: slot.id })}
            testId="export-slot-bookings"
          />
        )}
      </Space>
      <Table<TReviewBooking>
        size="small"
        rowKey="id"
        pagination={false}
        loading={bookings.isFetching}
        dataSource={bookings.data?.items}
        columns={[
          { title: r('bookingNo'), dataIndex: 'bookingNo' },
          { title: '儿童 Child', dataIndex: 'childName' },
          { title: 'ID', dataIndex: 'childIdNumber' },
          { title: 'Lottery', dataIndex: 'lotteryId' },
          {
            title: r('status'),
            render: (_, b) => bookingStatusLabels[b.status][lang],
          },
          {
            title: '',
            render: (_, b) =>
              b.actions.includes('mark') && (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`attended-${b.id}`}
                    onClick={() => mark.mutate({ id: b.id, attended: true })}
                  >
                    {r('attended')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`noshow-${b.id}`}
                    onClick={() => mark.mutate({ id: b.id, attended: false })}
                  >
                    {r('noShow')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
