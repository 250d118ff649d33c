import { Space, Table } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useAddressUses } from '../api.ts';
import { useEnrollmentText } from '../text.ts';

/** 六年一学位 ledger: each use of an address, masked, with any exception and its approver; Excel export. */
export function LedgerTab() {
  const t = useEnrollmentText();
  const [page, setPage] = useState(1);
  const uses = useAddressUses(page);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ExportButton listUrl="/api/enrollment/address-uses" query="" testId="export-ledger" />
      <Table
        size="small"
        rowKey="id"
        dataSource={uses.data?.items}
        pagination={{
          current: page,
          total: uses.data?.total,
          pageSize: 20,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: t('address'), dataIndex: 'address' },
          { title: t('childName'), dataIndex: 'childName' },
          { title: t('year'), dataIndex: 'year' },
          { title: '学校 School', dataIndex: 'schoolName' },
          { title: 'span', dataIndex: 'span' },
          { title: '→', dataIndex: 'lockedUntil' },
          {
            title: t('exception'),
            render: (
              _: unknown,
              r: { exceptionReason: string | null; exceptionApproverName: string | null },
            ) => (r.exceptionReason ? `${r.exceptionReason} (${r.exceptionApproverName})` : ''),
          },
        ]}
      />
    </Space>
  );
}
