import { Alert, Button, Descriptions, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TInPersonReview } from '../../../../../contracts/enrollment.ts';
import { useLang } from '../../../app/i18n.tsx';
import { QrCode } from '../../../components/QrCode.tsx';
import { formatInstant } from '../../../components/time.ts';
import { useBookReview, useCancelReviewBooking, useInPersonReview, useReviewSlip } from '../api.ts';
import { bookingStatusLabels, routeLabels, useReviewText } from '../text.ts';

type Slot = TInPersonReview['slots'][number];

/** The slots of each Beijing date, in order: the family picks a day, then a time. */
function byDate(slots: Slot[]): [string, Slot[]][] {
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = formatInstant(s.startsAt, 'YYYY-MM-DD');
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return [...days];
}

const span = (from: string, to: string) => `${formatInstant(from, 'HH:mm')}–${formatInstant(to, 'HH:mm')}`;

/**
 * 需预约现场审核: on an application reviewed in person at the 学区 (its category, or the 学区 asked),
 * the reasons, the booking with its slip, and the open slots by date with the places left. Nothing
 * is shown for an application that needs no in-person review.
 */
export function ReviewBooking({ applicationId }: { applicationId: number }) {
  const r = useReviewText();
  const { lang } = useLang();
  const review = useInPersonReview(applicationId);
  const book = useBookReview();
  const cancel = useCancelReviewBooking();
  const [moving, setMoving] = useState(false);
  const v = review.data;
  if (!v?.needed) return null;
  if (v.attended && !v.booking)
    return (
      <Alert
        type="success"
        showIcon
        message={r('done')}
        style={{ marginTop: 8 }}
        data-testid={`review-done-${applicationId}`}
      />
    );
  if (!v.required && !v.booking) return null;
  const booking = v.booking;
  return (
    <Alert
      type={booking ? 'info' : 'warning'}
      showIcon
      style={{ marginTop: 8 }}
      data-testid={`review-booking-${applicationId}`}
      message={<b>{booking ? r('booked') : r('needed')}</b>}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {r('reason')}：{v.reasons.join('；')}
          </Typography.Text>
          {booking && (
            <>
              <Descriptions size="small" column={1} data-testid="review-booked">
                <Descriptions.Item label={r('bookingNo')}>{booking.bookingNo}</Descriptions.Item>
                <Descriptions.Item label={r('time')}>
                  {formatInstant(booking.startsAt, 'YYYY-MM-DD')} {span(booking.startsAt, booking.endsAt)}
                </Descriptions.Item>
                <Descriptions.Item label={r('place')}>{booking.place}</Descriptions.Item>
              </Descriptions>
              <Space wrap>
                <Link
                  to={`/enrollment/review-slip/${booking.id}`}
                  target="_blank"
                  data-testid="review-slip-link"
                >
                  {r('printSlip')}
                </Link>
                {booking.actions.includes('cancel') && v.actions.includes('book') && (
                  <Button size="small" onClick={() => setMoving(!moving)} data-testid="review-move">
                    {r('move')}
                  </Button>
                )}
                {booking.actions.includes('cancel') && (
                  <Popconfirm title={r('cancelConfirm')} onConfirm={() => cancel.mutate(booking.id)}>
                    <Button size="small" danger data-testid="review-cancel">
                      {r('cancel')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </>
          )}
          {v.actions.includes('book') && (!booking || moving) && (
            <>
              <Typography.Text>{r('neededHint')}</Typography.Text>
              <Typography.Text type="secondary">{r('cutoff', { h: v.cutoffHours })}</Typography.Text>
              {v.slots.length === 0 && <Empty description={r('noSlots')} />}
              {byDate(v.slots).map(([day, slots]) => (
                <div key={day}>
                  <b>{day}</b>
                  <Space wrap style={{ marginTop: 4 }}>
                    {slots.map((s) => {
                      const mine = booking?.slotId === s.id;
                      return (
                        <Button
                          key={s.id}
                          size="small"
                          type={mine ? 'primary' : 'default'}
                          disabled={mine || s.remaining === 0}
                          loading={book.isPending && book.variables?.slotId === s.id}
                          data-testid={`review-slot-${s.id}`}
                          title={s.place}
                          onClick={() =>
                            book.mutate(
                              { id: applicationId, slotId: s.id },
                              { onSuccess: () => setMoving(false) },
                            )
                          }
                        >
                          {span(s.startsAt, s.endsAt)}{' '}
                          {s.remaining === 0 ? r('full') : `${r('remaining')} ${s.remaining}`}
                        </Button>
                      );
                    })}
                  </Space>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[...new Set(slots.map((s) => s.place))].join('；')}
                    </Typography.Text>
                  </div>
                </div>
              ))}
            </>
          )}
          {v.history.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {v.history
                .map((h) => `${formatInstant(h.startsAt)} ${bookingStatusLabels[h.status][lang]}`)
                .join('；')}
            </Typography.Text>
          )}
        </Space>
      }
    />
  );
}

function SlipRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <td style={{ paddingRight: 16, color: '#555', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{label}</td>
      <td>{children}</td>
    </tr>
  );
}

/** 现场审核预约单: one slip on an A4 sheet with print CSS; the family prints it and brings it. */
export function ReviewSlipPage() {
  const id = Number(useParams().id);
  const slip = useReviewSlip(id);
  const r = useReviewText();
  if (!slip.data) return <Spin fullscreen />;
  const s = slip.data;
  return (
    <div
      style={{
        maxWidth: 640,
        margin: '24px auto',
        padding: 32,
        background: '#fff',
        fontSize: 15,
        lineHeight: 1.9,
      }}
    >
      <style>
        {
          '.slip-qr svg { width: 100%; height: 100% } @media print { .no-print { display: none } @page { size: A4; margin: 20mm } body { background: #fff } }'
        }
      </style>
      <h2 style={{ textAlign: 'center', letterSpacing: 4, marginBottom: 0 }}>{r('slipTitle')}</h2>
      <p style={{ textAlign: 'center', marginTop: 0 }}>
        {s.districtName} · {s.year}年义务教育入学
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 16 }}>
        <table style={{ borderCollapse: 'collapse' }}>
          <tbody>
            <SlipRow label="预约号 Booking no.">
              <b data-testid="slip-booking-no">{s.bookingNo}</b>
            </SlipRow>
            <SlipRow label="儿童 Child">
              {s.childName}（{s.childIdNumber}）
            </SlipRow>
            <SlipRow label="摇号编号 Lottery id">{s.lotteryId}</SlipRow>
            <SlipRow label="入学途径 Route">
              {s.stage === 'primary' ? '小学' : '初中'} · {routeLabels[s.route].zh}
            </SlipRow>
            <SlipRow label="审核原因 Why">{s.reasons.join('；')}</SlipRow>
            <SlipRow label="学区 Zone">{s.zoneName}</SlipRow>
            <SlipRow label="地点 Place">
              <span data-testid="slip-place">{s.place}</span>
            </SlipRow>
            <SlipRow label="时间 Time">
              <b data-testid="slip-time">
                {formatInstant(s.startsAt, 'YYYY年M月D日')} {span(s.startsAt, s.endsAt)}
              </b>
            </SlipRow>
            <SlipRow label="状态 Status">{bookingStatusLabels[s.status].zh}</SlipRow>
          </tbody>
        </table>
        {/* The booking number, scanned at the door. */}
        <QrCode
          text={s.bookingNo}
          testId="slip-qr"
          className="slip-qr"
          style={{ flex: '0 0 120px', width: 120, height: 120 }}
        />
      </div>
      {s.status !== 'booked' && (
        <p>
          <Tag color="red">{bookingStatusLabels[s.status].zh}</Tag>
        </p>
      )}
      <p style={{ fontSize: 13, color: '#333', borderTop: '1px solid #ddd', paddingTop: 8 }}>
        {r('slipNotice')}
      </p>
      <p style={{ fontSize: 12, color: '#777' }}>预约时间 {formatInstant(s.bookedAt)}</p>
      <Button className="no-print" onClick={() => window.print()}>
        打印 Print
      </Button>
    </div>
  );
}
