import { Progress, Table, Tag } from 'antd';
import type { TSupply } from '../../../../../contracts/enrollment.ts';
import { useSupply } from '../api.ts';
import { useEnrollmentText } from '../text.ts';

/** Seat supply and demand per 学区 and stage, the gap as a bar (no chart library in the bundle). */
export function SupplyTab({ yearId }: { yearId: number }) {
  const t = useEnrollmentText();
  const supply = useSupply(yearId);
  const rows = supply.data?.rows ?? [];
  const max = Math.max(1, ...rows.map((r) => Math.max(r.seats, r.forecast, r.applications)));
  type Row = TSupply['rows'][number];
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => `${r.zoneId}-${r.stage}`}
      loading={supply.isFetching}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('zone'), dataIndex: 'zoneName' },
        { title: t('stage'), dataIndex: 'stage' },
        {
          title: t('forecast'),
          dataIndex: 'forecast',
          render: (v: number) => <Bar value={v} max={max} color="#1677ff" />,
        },
        {
          title: t('applications'),
          dataIndex: 'applications',
          render: (v: number) => <Bar value={v} max={max} color="#722ed1" />,
        },
        {
          title: t('seats'),
          dataIndex: 'seats',
          render: (v: number) => <Bar value={v} max={max} color="#52c41a" />,
        },
        {
          title: t('gap'),
          dataIndex: 'gap',
          sorter: (a, b) => a.gap - b.gap,
          render: (g: number) => <Tag color={g < 0 ? 'red' : 'green'}>{g}</Tag>,
        },
      ]}
    />
  );
}

function Bar({ value, max, color }: { value: number; max: number; color: string }) {
  return (
    <div style={{ minWidth: 140 }}>
      <Progress percent={(100 * value) / max} showInfo={false} strokeColor={color} size="small" />
      <span>{value}</span>
    </div>
  );
}
