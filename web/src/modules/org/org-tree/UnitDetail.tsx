import { Breadcrumb, Button, Card, Descriptions, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { TOrgUnitDetail } from '../../../../../contracts/org.ts';
import { useT } from '../../../app/i18n.tsx';
import { useOrgUnit } from '../api.ts';
import { MoveUnitModal } from './MoveUnitModal.tsx';
import { UnitFormModal } from './UnitFormModal.tsx';

type Placement = TOrgUnitDetail['history'][number];
type OpenModal = 'edit' | 'move' | 'addChild' | undefined;

/** The chosen unit as of a date: its fields, its path, its placement history; buttons from `actions`. */
export function UnitDetail({
  id,
  asOf,
  onTreeChanged,
}: {
  id: number;
  asOf: string;
  onTreeChanged: () => void;
}) {
  const t = useT();
  const unit = useOrgUnit(id, asOf);
  const [open, setOpen] = useState<OpenModal>();

  if (!unit.data) return <Card size="small">{unit.isError ? null : <Skeleton active />}</Card>;
  const u = unit.data;
  const dash = (value: string | number | null | undefined) =>
    value === null || value === undefined ? '—' : value;

  return (
    <Card
      size="small"
      title={u.name}
      data-testid="org-unit-detail"
      extra={
        <Space wrap>
          {u.actions.includes('edit') && (
            <Button onClick={() => setOpen('edit')} data-testid="org-edit">
              {t('common.edit')}
            </Button>
          )}
          {u.actions.includes('move') && (
            <Button onClick={() => setOpen('move')} data-testid="org-move">
              {t('org.move')}
            </Button>
          )}
          {u.actions.includes('addChild') && (
            <Button type="primary" onClick={() => setOpen('addChild')} data-testid="org-add-child">
              {t('org.addChild')}
            </Button>
          )}
        </Space>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={u.path.map((node) => ({ key: node.id, title: node.name }))}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'code', label: t('org.code'), children: u.code },
          { key: 'kind', label: t('org.kind'), children: t(`kind.${u.kind}`) },
          { key: 'stage', label: t('org.stage'), children: u.stage ? t(`stage.${u.stage}`) : '—' },
          {
            key: 'ownership',
            label: t('org.ownership'),
            children: (
              <>
                {u.ownership ? t(`ownership.${u.ownership}`) : '—'}
                {u.subsidised && <Tag style={{ marginInlineStart: 8 }}>{t('org.subsidised')}</Tag>}
              </>
            ),
          },
          { key: 'parent', label: t('org.parent'), children: dash(u.parentName) },
          { key: 'capacity', label: t('org.capacity'), children: dash(u.capacity) },
          { key: 'phone', label: t('org.phone'), children: dash(u.phone) },
          { key: 'openedOn', label: t('org.openedOn'), children: u.openedOn },
          { key: 'closedOn', label: t('org.closedOn'), children: dash(u.closedOn) },
          { key: 'address', label: t('org.address'), children: dash(u.address), span: 'filled' },
        ]}
      />
      {u.history.length > 0 && (
        <Table<Placement>
          style={{ marginTop: 12 }}
          size="small"
          title={() => t('org.history')}
          rowKey={(row) => `${row.parentId}-${row.validFrom}`}
          dataSource={u.history}
          pagination={false}
          columns={[
            { title: t('org.parent'), dataIndex: 'parentName' },
            { title: t('org.validFrom'), dataIndex: 'validFrom' },
            {
              title: t('org.validTo'),
              dataIndex: 'validTo',
              render: (to: string | null) => to ?? t('org.current'),
            },
            {
              title: t('common.reason'),
              dataIndex: 'reason',
              render: (reason: string | null) => reason ?? '—',
            },
          ]}
        />
      )}
      {open === 'edit' && <UnitFormModal mode="edit" unit={u} onClose={() => setOpen(undefined)} />}
      {open === 'addChild' && (
        <UnitFormModal mode="create" unit={u} onClose={() => setOpen(undefined)} onSaved={onTreeChanged} />
      )}
      {open === 'move' && (
        <MoveUnitModal unit={u} onClose={() => setOpen(undefined)} onSaved={onTreeChanged} />
      )}
    </Card>
  );
}
