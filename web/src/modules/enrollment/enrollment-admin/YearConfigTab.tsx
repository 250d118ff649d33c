import { Button, Drawer, Space, Table } from 'antd';
import { useState } from 'react';
import type { TEnrollmentYear } from '../../../../../contracts/enrollment.ts';
import { useLang } from '../../../app/i18n.tsx';
import { routeLabels, stageLabels, useEnrollmentText, useOfficerText } from '../text.ts';
import { FeederPairs } from './FeederPairs.tsx';
import { YearForm } from './YearForm.tsx';

/**
 * The year's configuration: routes, phases, categories, the confirmation clock. It is changed in the
 * year form (YearForm, with the JSON editor as its advanced option); saving makes a new configuration
 * version (the server keeps every earlier one).
 */
export function YearConfigTab({ year }: { year: TEnrollmentYear }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const o = useOfficerText();
  const [editing, setEditing] = useState(false);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(r) => `${r.stage}-${r.route}`}
        pagination={false}
        dataSource={year.config.routes}
        columns={[
          {
            title: t('stage'),
            dataIndex: 'stage',
            render: (s: 'primary' | 'junior') => stageLabels[s][lang],
          },
          {
            title: t('route'),
            dataIndex: 'route',
            render: (r: keyof typeof routeLabels) => routeLabels[r][lang],
          },
          { title: t('choices'), dataIndex: 'maxChoices' },
          { title: '%', dataIndex: 'quotaPercent' },
          { title: t('draws'), dataIndex: 'lottery', render: (v: boolean) => (v ? '✓' : '') },
        ]}
        footer={() =>
          lang === 'zh'
            ? `配置版本 v${year.configVersion}；确认期限 ${year.config.confirmWorkingDays} 个工作日；入学年龄截止 ${year.config.birthCutoff}`
            : `Configuration v${year.configVersion}; ${year.config.confirmWorkingDays} working days to confirm; age cut-off ${year.config.birthCutoff}`
        }
      />
      {year.actions.includes('edit') && (
        <Button type="primary" onClick={() => setEditing(true)} data-testid="edit-year">
          {o('editConfig')}
        </Button>
      )}
      <FeederPairs year={year} />
      <Drawer open={editing} width={960} title={year.name} onClose={() => setEditing(false)} destroyOnHidden>
        <YearForm
          year={year}
          years={[]}
          onCancel={() => setEditing(false)}
          onDone={() => setEditing(false)}
        />
      </Drawer>
    </Space>
  );
}
