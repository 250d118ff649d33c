import { Alert, Button, Card, Checkbox, Descriptions, Drawer, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import {
  type TApplication,
  type TReviewBooking,
  ZRequestInPersonReviewRequest,
} from '../../../../../contracts/enrollment.ts';
import { type ApiError, toQuery } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { formatInstant } from '../../../components/time.ts';
import {
  useAddressException,
  useApplication,
  useApplications,
  useDecision,
  useInPersonReview,
  useMarkAttendance,
  useRequestInPersonReview,
  useReview,
  useYears,
} from '../api.ts';
import {
  agencyLabels,
  bookingStatusLabels,
  documentLabels,
  hukouLabels,
  routeLabels,
  statusLabels,
  useEnrollmentText,
  useReviewText,
  useRouteText,
} from '../text.ts';

/** The route, and the route a child returned to 派位 came from (由民办转入派位 …). */
function RouteCell({ a }: { a: TApplication }) {
  const { lang } = useLang();
  const rt = useRouteText();
  return (
    <Space size={4} wrap>
      {routeLabels[a.route][lang]}
      {a.returnedFrom && (
        <Tag color="purple" data-testid={`returned-from-${a.id}`}>
          {rt('returnedFrom', { route: routeLabels[a.returnedFrom][lang] })}
        </Tag>
      )}
    </Space>
  );
}

/** Applications in scope with filters and Excel export; a row opens the review drawer. */
export function ApplicationsTab({ yearId }: { yearId: number }) {
  const t = useEnrollmentText();
  const rt = useRouteText();
  const { lang } = useLang();
  const [filters, setFilters] = useState<{ status?: string; flagged?: string; q?: string; page: number }>({
    page: 1,
  });
  const query = toQuery({ yearId, ...filters, pageSize: 20 });
  const list = useApplications(query);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          data-testid="applications-search"
          placeholder={t('childName')}
          allowClear
          onSearch={(q) => setFilters({ ...filters, q, page: 1 })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t('status')}
          style={{ width: 160 }}
          onChange={(status) => setFilters({ ...filters, status, page: 1 })}
          options={Object.entries(statusLabels).map(([value, l]) => ({ value, label: l[lang] }))}
        />
        <Checkbox
          onChange={(e) =>
            setFilters({ ...filters, flagged: e.target.checked ? 'true' : undefined, page: 1 })
          }
        >
          {t('flaggedOnly')}
        </Checkbox>
        <ExportButton
          listUrl="/api/enrollment/applications"
          query={toQuery({ yearId, ...filters, page: undefined })}
          testId="export-applications"
        />
      </Space>
      <Table<TApplication>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        onRow={(r) => ({ onClick: () => setOpen(r.id) })}
        pagination={{
          current: filters.page,
          total: list.data?.total,
          pageSize: 20,
          showSizeChanger: false,
          onChange: (page) => setFilters({ ...filters, page }),
        }}
        columns={[
          { title: t('lotteryId'), dataIndex: 'lotteryId' },
          { title: t('childName'), dataIndex: 'childName' },
          { title: t('childId'), dataIndex: 'childIdNumber' },
          { title: t('zone'), dataIndex: 'zoneName' },
          { title: t('route'), dataIndex: 'route', render: (_: unknown, a) => <RouteCell a={a} /> },
          // Junior routes (直升, 对口直升): the primary school the child leaves.
          {
            title: rt('currentSchool'),
            dataIndex: 'currentSchoolName',
            render: (name: string | null) => name ?? '',
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: TApplication['status']) => statusLabels[s][lang],
          },
          {
            title: '',
            dataIndex: 'flagged',
            render: (f: boolean) => (f ? <Tag color="red">{t('flagged')}</Tag> : null),
          },
        ]}
      />
      <ReviewDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

function ReviewDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const years = useYears();
  const detail = useApplication(id);
  const review = useReview();
  const decide = useDecision();
  const except = useAddressException();
  const r = useReviewText();
  const rt = useRouteText();
  const [reason, setReason] = useState('');
  const a = detail.data;
  const can = (action: string) => a?.actions.includes(action as never);
  const inPerson = useInPersonReview(id ?? 0, id !== null);
  // Approval waits for the in-person review's attendance (the server refuses it too).
  const waitsInPerson = !!inPerson.data?.needed && !inPerson.data.attended;
  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        decide.reset();
        onClose();
      }}
      width={560}
      title={a ? `${a.childName} · ${a.lotteryId}` : ''}
    >
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('status')}>{statusLabels[a.status][lang]}</Descriptions.Item>
            <Descriptions.Item label={t('route')}>
              <RouteCell a={a} />
            </Descriptions.Item>
            {a.currentSchoolName && (
              <Descriptions.Item label={rt('currentSchool')}>{a.currentSchoolName}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('childId')}>{a.childIdNumber}</Descriptions.Item>
            <Descriptions.Item label={t('address')}>{a.address}</Descriptions.Item>
            <Descriptions.Item label={t('hukou')}>{hukouLabels[a.hukouType][lang]}</Descriptions.Item>
            <Descriptions.Item label={t('category')}>
              {((c) => (c ? c[lang] : a.category))(
                years.data?.items
                  .find((y) => y.id === a.yearId)
                  ?.config.categories.find((c) => c.id === a.category),
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('choices')}>
              {a.choices.map((c) => c.name).join(' → ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('missing')}>
              {a.missingDocuments.map((d) => documentLabels[d][lang]).join('、') || '—'}
            </Descriptions.Item>
          </Descriptions>
          {a.addressFlag && (
            <Alert
              type={a.addressException ? 'info' : 'warning'}
              showIcon
              message={`${t('flagged')}: ${a.addressFlag.year} · ${a.addressFlag.childName} · ${a.addressFlag.schoolName ?? ''} (${a.addressFlag.span})`}
              description={
                a.addressException
                  ? `${a.addressException.reason} — ${a.addressException.approverName}`
                  : undefined
              }
            />
          )}
          <InPersonPanel key={a.id} applicationId={a.id} canAsk={!!can('review')} />
          <Input.TextArea
            placeholder={t('reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            data-testid="review-reason"
          />
          {can('review') &&
            (Object.keys(agencyLabels) as (keyof typeof agencyLabels)[]).map((agency) => {
              const done = a.reviews.find((r) => r.agency === agency && r.round === a.resubmissions);
              return (
                <Space key={agency}>
                  <span style={{ width: 80, display: 'inline-block' }}>{agencyLabels[agency][lang]}</span>
                  {done && (
                    <Tag color={done.passed ? 'green' : 'red'}>
                      {done.passed ? t('pass') : `${t('fail')}: ${done.reason}`}
                    </Tag>
                  )}
                  <Button
                    size="small"
                    data-testid={`pass-${agency}`}
                    onClick={() => review.mutate({ id: a.id, agency, passed: true })}
                  >
                    {t('pass')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => review.mutate({ id: a.id, agency, passed: false, reason })}
                  >
                    {t('fail')}
                  </Button>
                </Space>
              );
            })}
          {can('except') && (
            <Button onClick={() => except.mutate({ id: a.id, reason })} disabled={reason.length < 2}>
              {t('exception')}
            </Button>
          )}
          {can('decide') && (
            <Space wrap>
              <Button
                type="primary"
                data-testid="approve"
                disabled={waitsInPerson}
                title={waitsInPerson ? r('approveWaits') : undefined}
                onClick={() => decide.mutate({ id: a.id, approve: true })}
              >
                {t('approve')}
              </Button>
              <Button danger onClick={() => decide.mutate({ id: a.id, approve: false, reason })}>
                {t('reject')}
              </Button>
              {waitsInPerson && <span data-testid="approve-waits">{r('approveWaits')}</span>}
            </Space>
          )}
          {decide.error && <Alert type="error" showIcon message={(decide.error as ApiError).text(lang)} />}
        </Space>
      )}
    </Drawer>
  );
}

const bookingLine = (b: TReviewBooking) =>
  `${formatInstant(b.startsAt, 'YYYY-MM-DD HH:mm')}–${formatInstant(b.endsAt, 'HH:mm')} · ${b.place}`;

/**
 * 现场审核 in the officers' drawer: whether the application is reviewed in person and why, the
 * booked slot, attended / no-show (recorded here once the slot has started) and earlier bookings;
 * for an application in review that needs none yet, the 学区 asks for one with a reason.
 */
function InPersonPanel({ applicationId, canAsk }: { applicationId: number; canAsk: boolean }) {
  const r = useReviewText();
  const { lang } = useLang();
  const review = useInPersonReview(applicationId);
  const ask = useRequestInPersonReview();
  const mark = useMarkAttendance();
  const [why, setWhy] = useState('');
  const v = review.data;
  if (!v) return null;
  const valid = ZRequestInPersonReviewRequest.safeParse({ reason: why }).success;
  const booking = v.booking;
  const done = [booking, ...v.history].find((b) => b?.status === 'attended') ?? null;
  const error = (ask.error ?? mark.error) as ApiError | null;
  return (
    <Card size="small" title={r('inPerson')} data-testid="in-person-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!v.needed && <span>{r('notNeeded')}</span>}
        {v.needed && (
          <span>
            {r('reason')}：{v.reasons.join('；')}
          </span>
        )}
        {done && (
          <Space wrap data-testid="in-person-attended">
            <Tag color="green">{bookingStatusLabels.attended[lang]}</Tag>
            <span>{bookingLine(done)}</span>
            {done.markedByName && <span>{done.markedByName}</span>}
          </Space>
        )}
        {booking && (
          <Space wrap data-testid="in-person-booking">
            <Tag color="blue">{bookingStatusLabels[booking.status][lang]}</Tag>
            <span>
              {r('bookingNo')} {booking.bookingNo}
            </span>
            <span>{bookingLine(booking)}</span>
            {booking.actions.includes('mark') && (
              <>
                <Button
                  size="small"
                  loading={mark.isPending}
                  onClick={() => mark.mutate({ id: booking.id, attended: true })}
                >
                  {r('attended')}
                </Button>
                <Button
                  size="small"
                  loading={mark.isPending}
                  onClick={() => mark.mutate({ id: booking.id, attended: false })}
                >
                  {r('noShow')}
                </Button>
              </>
            )}
          </Space>
        )}
        {v.required && !booking && <Tag color="orange">{r('notBooked')}</Tag>}
        {v.history.filter((b) => b !== done).length > 0 && (
          <div>
            {r('earlier')}：
            {v.history
              .filter((b) => b !== done)
              .map((b) => (
                <div key={b.id}>
                  <Tag>{bookingStatusLabels[b.status][lang]}</Tag>
                  {bookingLine(b)}
                </div>
              ))}
          </div>
        )}
        {canAsk && !v.needed && (
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={r('askReason')}
              value={why}
              maxLength={200}
              onChange={(e) => setWhy(e.target.value)}
              data-testid="in-person-reason"
            />
            <Button
              disabled={!valid}
              loading={ask.isPending}
              onClick={() =>
                ask.mutate({ id: applicationId, reason: why.trim() }, { onSuccess: () => setWhy('') })
              }
              data-testid="in-person-ask"
            >
              {r('ask')}
            </Button>
          </Space.Compact>
        )}
        {ask.isSuccess && v.needed && <Alert type="success" showIcon message={r('asked')} />}
        {error && <Alert type="error" showIcon message={error.text(lang)} />}
      </Space>
    </Card>
  );
}
