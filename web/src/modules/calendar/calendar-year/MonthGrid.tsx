import { Card, Col, Row, Tooltip } from 'antd';
import type { TCalendarDay } from '../../../../../contracts/calendar.ts';
import { useLang } from '../../../app/i18n.tsx';
import { useCalendarText } from '../text.ts';

const colors = {
  holiday: { background: '#fff1f0', color: '#cf1322', fontWeight: 600 },
  workday: { background: '#e6f4ff', color: '#0958d9', fontWeight: 600 },
  weekend: { background: '#fafafa', color: '#8c8c8c' },
  plain: {},
} as const;

/** Twelve small month grids: holidays red, adjusted workdays blue, ordinary weekends grey. */
const months = Array.from({ length: 12 }, (_, m) => m);
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i);

export function MonthGrid({ year, days }: { year: number; days: TCalendarDay[] }) {
  const { lang } = useLang();
  const ct = useCalendarText();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const heads = (lang === 'zh' ? '一二三四五六日'.split('') : ['M', 'T', 'W', 'T', 'F', 'S', 'S']).map(
    (label, i) => ({
      label,
      id: `wd${i}`,
    }),
  );
  return (
    <Row gutter={[12, 12]}>
      {months.map((m) => {
        const first = new Date(Date.UTC(year, m, 1));
        const length = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
        const lead = (first.getUTCDay() + 6) % 7; // Monday first
        return (
          <Col key={m} xs={24} sm={12} lg={8} xl={6}>
            <Card
              size="small"
              title={
                lang === 'zh' ? `${m + 1}月` : first.toLocaleString('en', { month: 'long', timeZone: 'UTC' })
              }
            >
              <div
                style={{
                  display: 'grid',
                  gridTemplateColumns: 'repeat(7, 1fr)',
                  gap: 2,
                  textAlign: 'center',
                }}
              >
                {heads.map((h) => (
                  <div key={h.id} style={{ color: '#8c8c8c', fontSize: 12 }}>
                    {h.label}
                  </div>
                ))}
                {numbers(lead).map((i) => (
                  <div key={`lead${i}`} />
                ))}
                {numbers(length).map((d) => {
                  const date = `${year}-${String(m + 1).padStart(2, '0')}-${String(d + 1).padStart(2, '0')}`;
                  const entry = byDate.get(date);
                  const weekday = (lead + d) % 7;
                  const style = entry ? colors[entry.kind] : weekday >= 5 ? colors.weekend : colors.plain;
                  const cell = (
                    <div
                      key={`${date}-cell`}
                      data-date={date}
                      style={{ ...style, borderRadius: 4, fontSize: 13, lineHeight: '22px' }}
                    >
                      {d + 1}
                    </div>
                  );
                  return entry ? (
                    <Tooltip
                      key={date}
                      title={`${date} ${entry.name} ${ct(entry.kind)}${entry.statutory ? `（${ct('statutory')}）` : ''}`}
                    >
                      {cell}
                    </Tooltip>
                  ) : (
                    <div key={date}>{cell}</div>
                  );
                })}
              </div>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
