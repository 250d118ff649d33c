import { Card, Col, DatePicker, Empty, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { useLinkedId } from '../../search/api.ts';
import { OrgUnitTable } from '../org-unit-list/OrgUnitTable.tsx';
import { OrgTree } from './OrgTree.tsx';
import { UnitDetail } from './UnitDetail.tsx';

/** `/org`: the tree as of a date on the left; the chosen unit and the units below it on the right. */
export function OrgTreePage() {
  const t = useT();
  const [asOf, setAsOf] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [selectedId, setSelectedId] = useState<number>();
  useLinkedId(setSelectedId); // /org?id=3 (a search result) selects that unit
  // Bumped after a save that changes the shape of the tree (a move, a new unit): remounts it.
  const [treeVersion, setTreeVersion] = useState(0);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8} xl={7}>
        <Card
          title={t('org.tree')}
          size="small"
          extra={
            <Space size={4}>
              <Typography.Text type="secondary">{t('org.asOf')}</Typography.Text>
              <DatePicker
                value={dayjs(asOf)}
                allowClear={false}
                onChange={(date) => date && setAsOf(date.format('YYYY-MM-DD'))}
                size="small"
                data-testid="org-asof"
              />
            </Space>
          }
          styles={{ body: { maxHeight: '75vh', overflow: 'auto' } }}
        >
          <OrgTree
            key={`${asOf}/${treeVersion}`}
            asOf={asOf}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </Card>
      </Col>
      <Col xs={24} lg={16} xl={17}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {selectedId ? (
            <UnitDetail id={selectedId} asOf={asOf} onTreeChanged={() => setTreeVersion((v) => v + 1)} />
          ) : (
            <Card size="small">
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
          <OrgUnitTable key={selectedId ?? 'all'} within={selectedId} asOf={asOf} />
        </Space>
      </Col>
    </Row>
  );
}
