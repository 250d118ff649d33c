import { Alert, Button, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { TEnrollmentYear } from '../../../../../contracts/enrollment.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { useUpdateYear } from '../api.ts';
import { routeLabels, useEnrollmentText } from '../text.ts';
import { FeederPairs } from './FeederPairs.tsx';

/**
 * The year's configuration: routes, phases, categories, the confirmation clock. Saving a change makes
 * a new configuration version (the server keeps every earlier one).
 */
export function YearConfigTab({ year }: { year: TEnrollmentYear }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const update = useUpdateYear();
  const [text, setText] = useState(() => JSON.stringify(year.config, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const save = () => {
    try {
      const config = JSON.parse(text);
      setParseError(null);
      update.mutate({ id: year.id, config });
    } catch (error) {
      setParseError(String(error));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey={(r) => `${r.stage}-${r.route}`}
        pagination={false}
        dataSource={year.config.routes}
        columns={[
          { title: t('stage'), dataIndex: 'stage' },
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
      <FeederPairs year={year} />
      {year.actions.includes('edit') && (
        <>
          <Typography.Text type="secondary">
            {lang === 'zh'
              ? '修改配置（JSON）：保存后生成新版本'
              : 'Edit the configuration (JSON): saving makes a new version'}
          </Typography.Text>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 8, maxRows: 24 }}
            style={{ fontFamily: 'monospace' }}
          />
          {(parseError || update.error) && (
            <Alert type="error" showIcon message={parseError ?? (update.error as ApiError).text(lang)} />
          )}
          <Button type="primary" onClick={save} loading={update.isPending}>
            {lang === 'zh' ? '保存为新版本' : 'Save as a new version'}
          </Button>
        </>
      )}
    </Space>
  );
}
