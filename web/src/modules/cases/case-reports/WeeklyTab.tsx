import { Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TWeeklyReport } from '../../../../../contracts/cases.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { casesUrl, useWeeklyReport } from '../api.ts';
import { useCaseText } from '../text.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const monday = (d: Dayjs) => d.subtract((d.day() + 6) % 7, 'day');

/** 周调度: the week's figures, top categories and schools, and eight weeks of trend. */
export function WeeklyTab() {
  const { t } = useCaseText();
  const [week, setWeek] = useState<Dayjs>(monday(dayjs()));
  const weekStart = week.format('YYYY-MM-DD');
  const report = useWeeklyReport(weekStart);
  const r = report.data;
  type Top = TWeeklyReport['topCategories'][number];
  const top = (title: string, rows: Top[] | undefined) => (
    <Table<Top>
      size="small"
      rowKey="key"
      title={() => title}
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('unit'), dataIndex: 'name' },
        { title: t('count'), dataIndex: 'count', width: 80 },
      ]}
    />
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="week" value={week} onChange={(v) => v && setWeek(monday(v))} allowClear={false} />
        <ExportButton
          listUrl={`${casesUrl}/weekly-report`}
          query={`weekStart=${weekStart}`}
          testId="export-weekly"
        />
      </Space>
      <Row gutter={12} style={{ marginBottom: 12 }} data-testid="weekly-figures">
        {(
          [
            ['receivedN', r?.received],
            ['closedN', r?.closed],
            ['overdue', r?.overdue],
            ['open', r?.open],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} span={6}>
            <Card size="small">
              <Statistic title={t(key)} value={value ?? 0} loading={report.isFetching} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={12}>{top(t('topCategories'), r?.topCategories)}</Col>
        <Col span={12}>{top(t('topSchools'), r?.topSchools)}</Col>
      </Row>
      <Table<TWeeklyReport['trend'][number]>
        size="small"
        rowKey="weekStart"
        title={() => t('trend')}
        pagination={false}
        dataSource={r?.trend}
        columns={[
          { title: t('weekStart'), dataIndex: 'weekStart' },
          { title: t('receivedN'), dataIndex: 'received' },
          { title: t('closedN'), dataIndex: 'closed' },
          { title: t('responseRate'), dataIndex: 'responseRate', render: pct },
          { title: t('resolutionRate'), dataIndex: 'resolutionRate', render: pct },
          { title: t('satisfactionRate'), dataIndex: 'satisfactionRate', render: pct },
        ]}
      />
    </>
  );
}
