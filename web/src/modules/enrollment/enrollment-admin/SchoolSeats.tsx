import { Button, InputNumber, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import type { TEnrollmentSchool } from '../../../../../contracts/enrollment.ts';
import { useLang } from '../../../app/i18n.tsx';
import { usePutSchools, useYearSchools } from '../api.ts';
import { routeLabels, useEnrollmentText } from '../text.ts';

/** The participating schools and their seats per route; seats are edited in place and saved at once. */
export function SchoolSeats({ yearId, editable }: { yearId: number; editable: boolean }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const schools = useYearSchools(yearId);
  const save = usePutSchools();
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
          { title: '学校 School', dataIndex: 'name' },
          { title: t('zone'), dataIndex: 'zoneName' },
          { title: t('stage'), dataIndex: 'stage' },
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
        ]}
      />
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
