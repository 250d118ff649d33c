import { Checkbox, DatePicker, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TCase, TRankingRow } from '../../../../../contracts/cases.ts';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { casesUrl, useRanking } from '../api.ts';
import { TimeLeft } from '../case-list/TimeLeft.tsx';
import { useCaseText } from '../text.ts';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Units ranked for a month by the three rates; the current month with its cases at risk. */
export function RankingTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useCaseText();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [byZone, setByZone] = useState(false);
  const m = month.format('YYYY-MM');
  const ranking = useRanking(m, byZone ? 'zone' : 'unit');
  const w = ranking.data?.weights;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
        <Checkbox checked={byZone} onChange={(e) => setByZone(e.target.checked)}>
          {t('byZone')}
        </Checkbox>
        {w && (
          <Typography.Text type="secondary">
            {`${t('responseRate')} ${w.response} · ${t('resolutionRate')} ${w.resolution} · ${t('satisfactionRate')} ${w.satisfaction}（×${w.basicFactor}）`}
          </Typography.Text>
        )}
        <ExportButton
          listUrl={`${casesUrl}/rankings`}
          query={`month=${m}&level=${byZone ? 'zone' : 'unit'}`}
          testId="export-ranking"
        />
      </Space>
      <Table<TRankingRow>
        size="small"
        rowKey="orgId"
        loading={ranking.isFetching}
        dataSource={ranking.data?.items}
        pagination={{ pageSize: 50 }}
        data-testid="ranking-table"
        columns={[
          { title: t('rank'), dataIndex: 'rank', width: 60 },
          { title: t('unit'), dataIndex: 'orgName' },
          { title: t('valid'), dataIndex: 'valid' },
          { title: t('responseRate'), dataIndex: 'responseRate', render: pct },
          { title: t('resolutionRate'), dataIndex: 'resolutionRate', render: pct },
          { title: t('satisfactionRate'), dataIndex: 'satisfactionRate', render: pct },
          { title: t('composite'), dataIndex: 'composite', render: pct },
          { title: t('onTimeRate'), dataIndex: 'onTimeRate', render: pct },
          { title: t('returnRate'), dataIndex: 'returnRate', render: pct },
        ]}
      />
      {ranking.data?.forecast && (
        <Table<TCase>
          size="small"
          rowKey="id"
          title={() =>
            `${t('forecast')}（${ranking.data!.forecast!.atRisk.length} / ${ranking.data!.forecast!.openCases}）`
          }
          dataSource={ranking.data.forecast.atRisk}
          pagination={false}
          onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('no'), dataIndex: 'externalNo' },
            { title: t('title'), dataIndex: 'title', ellipsis: true },
            { title: t('handler'), dataIndex: 'orgName' },
            { title: t('left'), key: 'left', render: (_, c) => <TimeLeft c={c} /> },
          ]}
        />
      )}
    </>
  );
}
