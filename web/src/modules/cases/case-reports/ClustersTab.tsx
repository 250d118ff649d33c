import { Button, DatePicker, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { TClusters } from '../../../../../contracts/cases.ts';
import { useClusters } from '../api.ts';
import { useCaseText } from '../text.ts';

/** 每月一题 / 未诉先办: topics that recur in one school's cases in a month. */
export function ClustersTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useCaseText();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const clusters = useClusters(month.format('YYYY-MM'));
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
      </Space>
      <Table<TClusters['items'][number]>
        size="small"
        rowKey={(c) => `${c.orgId}:${c.topic}`}
        loading={clusters.isFetching}
        dataSource={clusters.data?.items}
        columns={[
          { title: t('unit'), dataIndex: 'orgName' },
          { title: t('topic'), dataIndex: 'topic' },
          { title: t('category'), dataIndex: 'categoryCode' },
          { title: t('count'), dataIndex: 'count' },
          {
            title: t('cases'),
            key: 'cases',
            render: (_, c) => (
              <Space size={0} wrap>
                {c.caseIds.slice(0, 5).map((id) => (
                  <Button key={id} type="link" size="small" onClick={() => onOpen(id)}>
                    #{id}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
