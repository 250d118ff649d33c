import { Button, Card, Drawer, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { YEAR_STATUS_NEXT } from '../../../../../contracts/enrollment.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { useLang } from '../../../app/i18n.tsx';
import { useUpdateYear, useYears } from '../api.ts';
import { phaseLabels, useEnrollmentText, useOfficerText, useReviewText, yearStatusLabels } from '../text.ts';
import { ApplicationsTab } from './ApplicationsTab.tsx';
import { DrawsTab } from './DrawsTab.tsx';
import { LedgerTab } from './LedgerTab.tsx';
import { OffersTab } from './OffersTab.tsx';
import { ReviewSlotsTab } from './ReviewSlotsTab.tsx';
import { SchoolSeats } from './SchoolSeats.tsx';
import { SupplyTab } from './SupplyTab.tsx';
import { YearConfigTab } from './YearConfigTab.tsx';
import { YearForm } from './YearForm.tsx';

/** 招生入学 for officers: years, applications and review, the address ledger, draws, seat supply. */
export function EnrollmentPage() {
  const t = useEnrollmentText();
  const reviewT = useReviewText();
  const { lang } = useLang();
  const years = useYears();
  const update = useUpdateYear();
  const [chosen, setChosen] = useState<number | undefined>();
  const o = useOfficerText();
  const canCreate = useCurrentUser().permissions.includes('enrollment.manage');
  const [creating, setCreating] = useState(false);
  const year = years.data?.items.find((y) => y.id === chosen) ?? years.data?.items[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('enrollment')}
        </Typography.Title>
        <Select
          style={{ minWidth: 240 }}
          value={year?.id}
          onChange={setChosen}
          options={years.data?.items.map((y) => ({ value: y.id, label: y.name })) ?? []}
        />
        {year && <Tag>{yearStatusLabels[year.status][lang]}</Tag>}
        {year?.actions.includes('edit') &&
          YEAR_STATUS_NEXT[year.status].map((next) => (
            <Button key={next} size="small" onClick={() => update.mutate({ id: year.id, status: next })}>
              {next === 'closed' ? t('close') : t('open')}
            </Button>
          ))}
        {canCreate && (
          <Button size="small" type="dashed" onClick={() => setCreating(true)} data-testid="new-year">
            {o('newYear')}
          </Button>
        )}
      </Space>
      <Drawer
        open={creating}
        width={960}
        title={o('newYear')}
        onClose={() => setCreating(false)}
        destroyOnHidden
      >
        <YearForm
          years={years.data?.items ?? []}
          onCancel={() => setCreating(false)}
          onDone={(saved) => {
            setCreating(false);
            setChosen(saved.id);
          }}
        />
      </Drawer>
      {year && (
        <Card size="small">
          <Space wrap>
            <span>
              {t('applications')}: <b>{year.applications}</b>
            </span>
            <span>
              {t('seats')}: <b>{year.seats}</b>
            </span>
            <span>v{year.configVersion}</span>
            {year.config.phases.map((p) => (
              <Tag key={p.id}>
                {phaseLabels[p.id][lang]} {p.from}–{p.to}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      {year && (
        <Tabs
          items={[
            { key: 'applications', label: t('applications'), children: <ApplicationsTab yearId={year.id} /> },
            { key: 'draws', label: t('draws'), children: <DrawsTab year={year} /> },
            { key: 'offers', label: o('offersTab'), children: <OffersTab key={year.id} year={year} /> },
            { key: 'ledger', label: t('ledger'), children: <LedgerTab /> },
            { key: 'reviews', label: reviewT('tab'), children: <ReviewSlotsTab year={year} /> },
            { key: 'supply', label: t('supply'), children: <SupplyTab yearId={year.id} /> },
            { key: 'config', label: t('years'), children: <YearConfigTab key={year.id} year={year} /> },
            {
              key: 'schools',
              label: t('seats'),
              children: <SchoolSeats yearId={year.id} editable={year.actions.includes('edit')} />,
            },
          ]}
        />
      )}
    </Space>
  );
}
