import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TEnrollmentYear, TOffer, TStage, TWaitlistEntry } from '../../../../../contracts/enrollment.ts';
import { type ApiError, toQuery } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { formatInstant } from '../../../components/time.ts';
import {
  useDraws,
  useExpireOffers,
  useOffers,
  useRegistryTransfer,
  useWaitlistSchools,
  useWaitlists,
  useYearSchools,
} from '../api.ts';
import {
  offerSourceLabels,
  offerStatusLabels,
  stageLabels,
  useEnrollmentText,
  useOfficerText,
} from '../text.ts';

const PAGE = 20;

/** Time to a deadline as days and hours, or null once it has passed. */
function timeLeft(deadline: string): { d: number; h: number } | null {
  const hours = dayjs(deadline).diff(dayjs(), 'hour');
  return hours < 0 ? null : { d: Math.floor(hours / 24), h: hours % 24 };
}

/**
 * 录取与候补 for the officers: the offers of the year's draws (filtered by draw, school, status and
 * source; deadlines in Beijing time with the time left), each school's waitlist of a draw, the
 * expiry of overdue offers with the refill per school, and the hand-over of the confirmed children
 * to the student registry. Every list exports to Excel.
 */
export function OffersTab({ year }: { year: TEnrollmentYear }) {
  const t = useEnrollmentText();
  const o = useOfficerText();
  const { lang } = useLang();
  const draws = useDraws(year.id);
  const schools = useYearSchools(year.id);
  const canManage = year.actions.includes('edit');
  const [drawId, setDrawId] = useState<number | undefined>();
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const [offerFilters, setOfferFilters] = useState<{ status?: string; source?: string; page: number }>({
    page: 1,
  });
  const [waitFilters, setWaitFilters] = useState<{ status?: string; q?: string; page: number }>({ page: 1 });
  const offerQuery = toQuery({ drawId, schoolId, ...offerFilters, pageSize: PAGE });
  const offers = useOffers(offerQuery);
  const waitQuery = toQuery({
    yearId: year.id,
    drawId,
    schoolId,
    ...waitFilters,
    sort: 'school',
    pageSize: PAGE,
  });
  const waitlists = useWaitlists(waitQuery, !!drawId);
  const perSchool = useWaitlistSchools(drawId);
  const expire = useExpireOffers();
  const schoolOptions = [
    ...new Map((schools.data?.items ?? []).map((s) => [s.schoolId, s.name])).entries(),
  ].map(([value, label]) => ({ value, label }));
  const waitlistStatus = { waiting: o('waiting'), offered: o('offeredFromList'), removed: o('lapsed') };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          data-testid="offers-draw"
          placeholder={o('draw')}
          style={{ minWidth: 240 }}
          value={drawId}
          onChange={(v) => {
            setDrawId(v);
            setOfferFilters({ ...offerFilters, page: 1 });
            setWaitFilters({ ...waitFilters, page: 1 });
          }}
          options={draws.data?.items.map((d) => ({ value: d.id, label: d.name })) ?? []}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={o('school')}
          style={{ minWidth: 220 }}
          value={schoolId}
          onChange={(v) => {
            setSchoolId(v);
            setOfferFilters({ ...offerFilters, page: 1 });
            setWaitFilters({ ...waitFilters, page: 1 });
          }}
          options={schoolOptions}
        />
      </Space>

      <Card size="small" title={t('offers')}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            allowClear
            placeholder={t('status')}
            style={{ width: 160 }}
            onChange={(status) => setOfferFilters({ ...offerFilters, status, page: 1 })}
            options={Object.entries(offerStatusLabels).map(([value, l]) => ({ value, label: l[lang] }))}
          />
          <Select
            allowClear
            placeholder={o('source')}
            style={{ width: 140 }}
            onChange={(source) => setOfferFilters({ ...offerFilters, source, page: 1 })}
            options={Object.entries(offerSourceLabels).map(([value, l]) => ({ value, label: l[lang] }))}
          />
          <ExportButton
            listUrl="/api/enrollment/offers"
            query={toQuery({ drawId, schoolId, ...offerFilters, page: undefined })}
            testId="export-offers"
          />
          {canManage && drawId && (
            <Popconfirm
              title={o('expireConfirm')}
              onConfirm={() => expire.mutate(drawId)}
              okText={o('expireNow')}
              cancelText={o('cancel')}
            >
              <Button danger loading={expire.isPending} data-testid="expire-offers">
                {o('expireNow')}
              </Button>
            </Popconfirm>
          )}
        </Space>
        {expire.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            message={o('expireResult', { expired: expire.data.expired, filled: expire.data.filled })}
            description={
              expire.data.schools.length > 0 && (
                <Table
                  size="small"
                  rowKey="schoolId"
                  pagination={false}
                  dataSource={expire.data.schools}
                  columns={[
                    { title: o('school'), dataIndex: 'schoolName' },
                    { title: o('expiredHere'), dataIndex: 'expired' },
                    { title: o('filledHere'), dataIndex: 'filled' },
                  ]}
                />
              )
            }
          />
        )}
        <Table<TOffer>
          size="small"
          rowKey="id"
          loading={offers.isFetching}
          dataSource={offers.data?.items}
          pagination={{
            current: offerFilters.page,
            total: offers.data?.total,
            pageSize: PAGE,
            showSizeChanger: false,
            onChange: (page) => setOfferFilters({ ...offerFilters, page }),
          }}
          columns={[
            { title: o('noticeNo'), dataIndex: 'noticeNo' },
            { title: t('childName'), dataIndex: 'childName' },
            { title: o('school'), dataIndex: 'schoolName' },
            {
              title: o('source'),
              dataIndex: 'source',
              render: (s: string) => offerSourceLabels[s]?.[lang] ?? s,
            },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (s: TOffer['status']) => (
                <Tag color={s === 'confirmed' ? 'green' : s === 'offered' ? 'blue' : 'default'}>
                  {offerStatusLabels[s][lang]}
                </Tag>
              ),
            },
            { title: t('deadline'), dataIndex: 'deadline', render: (d: string) => formatInstant(d) },
            {
              title: o('timeLeft'),
              render: (_: unknown, r: TOffer) => {
                if (r.status !== 'offered') return '';
                const left = timeLeft(r.deadline);
                return left ? (
                  o('daysHours', left)
                ) : (
                  <Typography.Text type="danger">{o('overdue')}</Typography.Text>
                );
              },
            },
            {
              title: o('respondedAt'),
              dataIndex: 'respondedAt',
              render: (d: string | null) => formatInstant(d),
            },
          ]}
        />
      </Card>

      <Card size="small" title={o('waitlists')}>
        {!drawId ? (
          <Typography.Text type="secondary">{o('chooseDraw')}</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Table
              size="small"
              rowKey="schoolId"
              pagination={false}
              loading={perSchool.isFetching}
              dataSource={perSchool.data?.items}
              scroll={{ y: 240 }}
              title={() => o('perSchool')}
              onRow={(r) => ({ onClick: () => setSchoolId(r.schoolId) })}
              columns={[
                { title: o('school'), dataIndex: 'schoolName' },
                { title: o('waiting'), dataIndex: 'waiting' },
                { title: o('offeredFromList'), dataIndex: 'offered' },
                { title: o('lapsed'), dataIndex: 'removed' },
              ]}
            />
            <Space wrap>
              <Input.Search
                allowClear
                placeholder={`${t('childName')} / ${t('lotteryId')}`}
                style={{ width: 220 }}
                onSearch={(q) => setWaitFilters({ ...waitFilters, q, page: 1 })}
              />
              <Select
                allowClear
                placeholder={t('status')}
                style={{ width: 140 }}
                onChange={(status) => setWaitFilters({ ...waitFilters, status, page: 1 })}
                options={Object.entries(waitlistStatus).map(([value, label]) => ({ value, label }))}
              />
              <ExportButton
                listUrl="/api/enrollment/waitlists"
                query={toQuery({
                  yearId: year.id,
                  drawId,
                  schoolId,
                  ...waitFilters,
                  sort: 'school',
                  page: undefined,
                })}
                testId="export-waitlists"
              />
            </Space>
            <Table<TWaitlistEntry>
              size="small"
              rowKey={(r) => `${r.drawId}-${r.schoolId}-${r.applicationId}`}
              loading={waitlists.isFetching}
              dataSource={waitlists.data?.items}
              pagination={{
                current: waitFilters.page,
                total: waitlists.data?.total,
                pageSize: PAGE,
                showSizeChanger: false,
                onChange: (page) => setWaitFilters({ ...waitFilters, page }),
              }}
              columns={[
                { title: o('school'), dataIndex: 'schoolName' },
                { title: o('position'), dataIndex: 'position' },
                { title: t('childName'), dataIndex: 'childName' },
                { title: t('childId'), dataIndex: 'childIdNumber' },
                { title: t('lotteryId'), dataIndex: 'lotteryId' },
                {
                  title: t('status'),
                  dataIndex: 'status',
                  render: (s: TWaitlistEntry['status']) => waitlistStatus[s],
                },
              ]}
            />
          </Space>
        )}
      </Card>

      {canManage && <RegistryHandOver year={year} />}
    </Space>
  );
}

/** 录取名单转学籍: one stage at a time; the result counts what was added, moved, already there. */
function RegistryHandOver({ year }: { year: TEnrollmentYear }) {
  const o = useOfficerText();
  const t = useEnrollmentText();
  const { lang } = useLang();
  const stages = [...new Set(year.config.routes.map((r) => r.stage))];
  const [stage, setStage] = useState<TStage>(stages[0] ?? 'primary');
  const transfer = useRegistryTransfer();
  const result = transfer.data;
  return (
    <Card size="small" title={o('handOver')}>
      <Typography.Paragraph type="secondary">{o('handOverHint')}</Typography.Paragraph>
      <Space wrap>
        <Select
          value={stage}
          onChange={setStage}
          style={{ width: 120 }}
          options={stages.map((s) => ({ value: s, label: stageLabels[s][lang] }))}
        />
        <Popconfirm
          title={o('handOverConfirm')}
          onConfirm={() => transfer.mutate({ yearId: year.id, stage })}
          okText={o('handOver')}
          cancelText={o('cancel')}
        >
          <Button type="primary" loading={transfer.isPending} data-testid="registry-transfer">
            {o('handOver')}
          </Button>
        </Popconfirm>
      </Space>
      {result && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert
            type={result.conflicts ? 'warning' : 'success'}
            showIcon
            message={o('handOverResult', {
              confirmed: result.confirmed,
              added: result.added,
              updated: result.updated,
              unchanged: result.unchanged,
              conflicts: result.conflicts,
            })}
          />
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('stage')}>{stageLabels[result.stage][lang]}</Descriptions.Item>
            <Descriptions.Item label={o('grade')}>{result.grade}</Descriptions.Item>
            <Descriptions.Item label={o('entryDate')}>{result.entryDate}</Descriptions.Item>
          </Descriptions>
          {result.children.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.idNumber}-${r.schoolName}`}
              pagination={false}
              dataSource={result.children}
              columns={[
                { title: t('childName'), dataIndex: 'childName' },
                { title: t('childId'), dataIndex: 'idNumber' },
                { title: o('school'), dataIndex: 'schoolName' },
                { title: o('fromOrg'), dataIndex: 'fromOrgName' },
                {
                  title: t('status'),
                  dataIndex: 'outcome',
                  render: (v: 'updated' | 'conflict') =>
                    v === 'updated' ? (
                      <Tag color="blue">{o('moved')}</Tag>
                    ) : (
                      <Tag color="red">{o('conflict')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </Space>
      )}
      {transfer.error && <Alert type="error" showIcon message={(transfer.error as ApiError).text(lang)} />}
    </Card>
  );
}
