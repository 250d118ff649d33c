import { Alert, Button, InputNumber, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { TEnrollmentSchool } from '../../../../../contracts/enrollment.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { useDirectAdmission, usePutSchools, useYearSchools } from '../api.ts';
import { routeLabels, stageLabels, useEnrollmentText, useOfficerText, useRouteText } from '../text.ts';

/** The participating schools and their seats per route; seats are edited in place and saved at once. */
export function SchoolSeats({ yearId, editable }: { yearId: number; editable: boolean }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const schools = useYearSchools(yearId);
  const save = usePutSchools();
  const rt = useRouteText();
  const o = useOfficerText();
  // 九年一贯直升: a nine-year school's approved children are admitted without a draw.
  const admit = useDirectAdmission();
  const [rows, setRows] = useState<TEnrollmentSchool[]>([]);
  useEffect(() => setRows(schools.data?.items ?? []), [schools.data]);
  const key = (r: TEnrollmentSchool) => `${r.schoolId}-${r.stage}-${r.route}`;
  const changed = JSON.stringify(rows) !== JSON.stringify(schools.data?.items ?? []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<TEnrollmentSchool>
        size="small"
        rowKey={key}
        loading={schools.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: o('school'), dataIndex: 'name' },
          { title: t('zone'), dataIndex: 'zoneName' },
          {
            title: t('stage'),
            dataIndex: 'stage',
            render: (s: TEnrollmentSchool['stage']) => stageLabels[s][lang],
          },
          {
            title: t('route'),
            dataIndex: 'route',
            render: (r: TEnrollmentSchool['route']) => routeLabels[r][lang],
          },
          {
            title: t('seats'),
            dataIndex: 'seats',
            render: (seats: number, r) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={10_000}
                  value={seats}
                  onChange={(v) =>
                    setRows(rows.map((x) => (key(x) === key(r) ? { ...x, seats: Number(v ?? 0) } : x)))
                  }
                />
              ) : (
                seats
              ),
          },
          {
            title: '',
            key: 'admit',
            render: (_: unknown, r) =>
              editable && r.route === 'throughTrain' && r.stage === 'junior' ? (
                <Button
                  size="small"
                  loading={admit.isPending && admit.variables?.schoolId === r.schoolId}
                  onClick={() => admit.mutate({ yearId, schoolId: r.schoolId })}
                  data-testid={`admit-directly-${r.schoolId}`}
                >
                  {rt('admitDirectly')}
                </Button>
              ) : null,
          },
        ]}
      />
      {admit.error && <Alert type="error" showIcon message={(admit.error as ApiError).text(lang)} />}
      {save.error && <Alert type="error" showIcon message={(save.error as ApiError).text(lang)} />}
      {admit.isSuccess && (
        <Alert type="success" showIcon message={rt('admitted', { offers: admit.data.offers })} />
      )}
      {editable && (
        <Button
          type="primary"
          disabled={!changed}
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              yearId,
              schools: rows.map((r) => ({
                schoolId: r.schoolId,
                stage: r.stage,
                route: r.route,
                seats: r.seats,
                nineYear: r.nineYear,
              })),
            })
          }
        >
          {lang === 'zh' ? '保存学位' : 'Save seats'}
        </Button>
      )}
    </Space>
  );
}
