import { Alert, Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TEnrollmentYear } from '../../../../../contracts/enrollment.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useFeeders, usePutFeeders, useYearSchools } from '../api.ts';
import { useRouteText } from '../text.ts';

interface Row {
  middleSchoolId: number;
  middleName: string;
  feederSchoolId: number;
  feederName: string;
  /** null: take the registry's grade-6 count when saved. */
  leavers: number | null;
  quotaSeats: number | null;
}

/**
 * 对口直升 pairs of a year: each middle school of the feeder-quota route with its feeder primary
 * schools, their grade-6 leavers (from the registry unless entered) and the quota seats the server
 * computes. The table is edited in place and saved as a whole.
 */
export function FeederPairs({ year }: { year: TEnrollmentYear }) {
  const rt = useRouteText();
  const { lang } = useLang();
  const feeders = useFeeders(year.id);
  const schools = useYearSchools(year.id);
  const save = usePutFeeders();
  const [rows, setRows] = useState<Row[]>([]);
  const [middle, setMiddle] = useState<number | undefined>();
  const [feeder, setFeeder] = useState<number | undefined>();
  useEffect(() => setRows(feeders.data?.items ?? []), [feeders.data]);
  const route = year.config.routes.find((r) => r.route === 'feederQuota' && r.stage === 'junior');
  if (!route) return null;
  const editable = year.actions.includes('edit');
  const percent = route.quotaPercent ?? 0;
  const middles = (schools.data?.items ?? []).filter(
    (s) => s.stage === 'junior' && s.route === 'feederQuota',
  );
  const key = (r: Row) => `${r.middleSchoolId}-${r.feederSchoolId}`;
  const changed = JSON.stringify(rows) !== JSON.stringify(feeders.data?.items ?? []);
  const add = () => {
    if (!middle || !feeder || rows.some((r) => r.middleSchoolId === middle && r.feederSchoolId === feeder))
      return;
    const name = middles.find((s) => s.schoolId === middle)?.name ?? `#${middle}`;
    setRows([
      ...rows,
      {
        middleSchoolId: middle,
        middleName: name,
        feederSchoolId: feeder,
        feederName: `#${feeder}`,
        leavers: null,
        quotaSeats: null,
      },
    ]);
    setFeeder(undefined);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {rt('feeders')}
        </Typography.Title>
        <ExportButton listUrl={`/api/enrollment/years/${year.id}/feeders`} query="" testId="feeders-export" />
      </Space>
      <Table<Row>
        size="small"
        rowKey={key}
        loading={feeders.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: rt('middleSchool'), dataIndex: 'middleName' },
          { title: rt('feederSchool'), dataIndex: 'feederName' },
          {
            title: rt('leavers'),
            dataIndex: 'leavers',
            render: (leavers: number | null, r) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={10_000}
                  value={leavers}
                  placeholder={rt('leaversHint')}
                  onChange={(v) =>
                    setRows(rows.map((x) => (key(x) === key(r) ? { ...x, leavers: v ?? null } : x)))
                  }
                />
              ) : (
                leavers
              ),
          },
          {
            title: rt('quotaSeats'),
            dataIndex: 'quotaSeats',
            // Until saved, the quota an entered count would give; the server's figure after.
            render: (quota: number | null, r) =>
              r.leavers === null ? (quota ?? '—') : Math.ceil((r.leavers * percent) / 100),
          },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'remove',
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => setRows(rows.filter((x) => key(x) !== key(r)))}
                    >
                      {rt('remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        footer={() => rt('quotaRule', { percent })}
      />
      {editable && (
        <>
          <Space wrap>
            <Select
              style={{ minWidth: 220 }}
              placeholder={rt('middleSchool')}
              value={middle}
              onChange={setMiddle}
              options={middles.map((s) => ({ value: s.schoolId, label: s.name }))}
              showSearch
              optionFilterProp="label"
            />
            <OrgUnitSelect
              kind="school"
              value={feeder}
              onChange={setFeeder}
              placeholder={rt('feederSchool')}
              style={{ minWidth: 220 }}
              testId="feeder-school"
            />
            <Button onClick={add} disabled={!middle || !feeder}>
              {rt('addPair')}
            </Button>
          </Space>
          {save.error && <Alert type="error" showIcon message={(save.error as ApiError).text(lang)} />}
          <Button
            type="primary"
            disabled={!changed}
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                yearId: year.id,
                feeders: rows.map((r) => ({
                  middleSchoolId: r.middleSchoolId,
                  feederSchoolId: r.feederSchoolId,
                  ...(r.leavers === null ? {} : { leavers: r.leavers }),
                })),
              })
            }
          >
            {rt('savePairs')}
          </Button>
        </>
      )}
    </Space>
  );
}
