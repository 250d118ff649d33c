import { DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, InputNumber, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCalendarDays, useCalendarYears } from '../api.ts';
import { DeadlineCalculator } from '../deadline-calculator/DeadlineCalculator.tsx';
import { useCalendarText } from '../text.ts';
import { MonthGrid } from './MonthGrid.tsx';
import { YearEditModal } from './YearEditModal.tsx';

/**
 * `/calendar`: the year's holidays and adjusted workdays as month grids, the deadline calculator,
 * and (for calendar.manage) entering or correcting a year from the State Council notice.
 */
export function CalendarPage() {
  const ct = useCalendarText();
  const years = useCalendarYears();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [newYear, setNewYear] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const days = useCalendarDays(year);
  const canEdit = years.data?.actions.includes('edit') ?? false;
  const detail = days.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <DeadlineCalculator />
      <Card
        size="small"
        title={ct('title')}
        extra={
          <Space wrap>
            <Typography.Text type="secondary">{ct('year')}</Typography.Text>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 100 }}
              data-testid="calendar-year"
              options={(years.data?.items ?? [])
                .map((y) => y.year)
                .concat(years.data?.items.some((y) => y.year === year) ? [] : [year])
                .sort((a, b) => b - a)
                .map((y) => ({ value: y, label: String(y) }))}
            />
            <Button icon={<DownloadOutlined />} href={`/api/calendar/days/export.xlsx?year=${year}`} download>
              {ct('export')}
            </Button>
            {canEdit && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="calendar-edit">
                  {ct('editYear')}
                </Button>
                <InputNumber
                  min={2000}
                  max={2100}
                  placeholder={ct('addYear')}
                  value={newYear}
                  onChange={(v) => setNewYear(v)}
                  style={{ width: 150 }}
                />
                <Button
                  disabled={!newYear}
                  onClick={() => {
                    if (!newYear) return;
                    setYear(newYear);
                    setEditing(true);
                  }}
                >
                  {ct('addYear')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        {!detail ? (
          <Spin />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {detail.covered ? (
              <Space wrap>
                <Typography.Text>
                  {ct('source')}: {detail.source === 'admin' ? ct('sourceAdmin') : ct('sourceBundled')}
                </Typography.Text>
                {detail.notice && <Typography.Text type="secondary">{detail.notice}</Typography.Text>}
                <Tag color="red">{ct('holiday')}</Tag>
                <Tag color="blue">{ct('workday')}</Tag>
                <Tag>{ct('weekend')}</Tag>
              </Space>
            ) : (
              <Alert type="warning" showIcon message={ct('notCovered')} />
            )}
            <MonthGrid year={year} days={detail.days} />
          </Space>
        )}
      </Card>
      {editing && detail && <YearEditModal year={year} detail={detail} onClose={() => setEditing(false)} />}
    </Space>
  );
}
