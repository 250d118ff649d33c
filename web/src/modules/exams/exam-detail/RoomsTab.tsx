import { PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TExamDetail, TExamRoom } from '../../../../../contracts/exams.ts';
import { toQuery } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { currentVersion, planUrl, useAllSites, useRooms } from '../api.ts';
import { type ExamTextKey, useExamText } from '../text.ts';

type RoomKind = TExamRoom['kind'];
const noFilters: { siteId?: number; kind?: RoomKind } = {};

/** The print pages of an exam: `/exams/:id/print/<doc>?version=&siteId=&roomId=`. */
export const printPath = (
  examId: number,
  doc: 'doors' | 'seating' | 'tickets' | 'invigilators' | 'sites',
  params: { version: number; siteId?: number; roomId?: number },
) => `/exams/${examId}/print/${doc}?${toQuery(params)}`;

/** 考场: the rooms of one plan version, per site and kind, with links to their printed documents. */
export function RoomsTab({ exam }: { exam: TExamDetail }) {
  const t = useT();
  const et = useExamText();
  const navigate = useNavigate();
  const usable = exam.plans.filter((p) => p.resultHash).sort((a, b) => b.version - a.version);
  const [chosen, setChosen] = useState<number>();
  const version = chosen ?? currentVersion(exam);
  const list = useListParams({ filters: noFilters, pageSize: 50 });
  const rooms = useRooms(exam.id, version, list.query);
  const sites = useAllSites(exam.id);
  const siteId = list.filters.siteId ?? sites.data?.items[0]?.id;

  if (version === undefined) return <Empty description={et('choosePlan')} />;

  const columns: TableColumnsType<TExamRoom> = [
    { title: et('siteName'), key: 'site', render: (_, r) => `${r.siteCode} ${r.siteName}` },
    {
      title: et('roomNo'),
      dataIndex: 'roomNo',
      key: 'room',
      sorter: true,
      sortOrder: list.sortOrder('room'),
    },
    {
      title: et('roomKind'),
      dataIndex: 'kind',
      render: (kind: RoomKind) => (
        <Tag color={kind === 'normal' ? undefined : 'orange'}>{et(`roomKind.${kind}`)}</Tag>
      ),
    },
    { title: et('group'), dataIndex: 'groupCode', render: (v: string | null) => v ?? '—' },
    { title: et('seats'), dataIndex: 'seats', align: 'right' },
    {
      title: et('invigilators'),
      dataIndex: 'invigilators',
      render: (list: TExamRoom['invigilators']) =>
        list.length ? list.map((i) => `${i.name}（${i.orgName}）`).join('、') : '—',
    },
    {
      title: et('print'),
      key: 'print',
      render: (_, room) =>
        room.seats > 0 && (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() =>
                navigate(printPath(exam.id, 'doors', { version, siteId: room.siteId, roomId: room.id }))
              }
            >
              {et('doorList')}
            </Button>
            <Button
              type="link"
              size="small"
              onClick={() =>
                navigate(printPath(exam.id, 'seating', { version, siteId: room.siteId, roomId: room.id }))
              }
              data-testid="room-print-seating"
            >
              {et('seatingChart')}
            </Button>
          </Space>
        ),
    },
  ];

  const docs: { doc: Parameters<typeof printPath>[1]; label: ExamTextKey; perSite: boolean }[] = [
    { doc: 'doors', label: 'doorList', perSite: true },
    { doc: 'seating', label: 'seatingChart', perSite: true },
    { doc: 'tickets', label: 'tickets', perSite: true },
    { doc: 'invigilators', label: 'invigilatorSheet', perSite: true },
    { doc: 'sites', label: 'siteSummary', perSite: false },
  ];

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Select<number>
          value={version}
          onChange={setChosen}
          options={usable.map((p) => ({ value: p.version, label: `${et('versionN', { n: p.version })}` }))}
          style={{ width: 120 }}
          data-testid="rooms-version"
        />
        <Select<number>
          allowClear
          placeholder={et('siteName')}
          value={list.filters.siteId}
          onChange={(id) => list.setFilter('siteId', id)}
          options={sites.data?.items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          style={{ width: 200 }}
        />
        <Select<RoomKind>
          allowClear
          placeholder={et('roomKind')}
          value={list.filters.kind}
          onChange={(kind) => list.setFilter('kind', kind)}
          options={(['normal', 'backup', 'special'] as const).map((k) => ({
            value: k,
            label: et(`roomKind.${k}`),
          }))}
          style={{ width: 110 }}
        />
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton
            listUrl={`${planUrl(exam.id, version)}/rooms`}
            query={list.exportQuery}
            testId="export-rooms"
          />
        </div>
      </div>
      <Space wrap style={{ marginBottom: 12 }}>
        <PrinterOutlined />
        {docs.map(({ doc, label, perSite }) => (
          <Button
            key={doc}
            size="small"
            onClick={() =>
              navigate(printPath(exam.id, doc, { version, siteId: perSite ? siteId : undefined }))
            }
            data-testid={`print-${doc}`}
          >
            {et(label)}
          </Button>
        ))}
      </Space>
      <div data-testid="rooms-table">
        <Table<TExamRoom>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rooms.data?.items}
          loading={rooms.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(rooms.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );
}
