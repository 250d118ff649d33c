import { Alert, Button, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import type { TApplicationDetail } from '../../../../../contracts/enrollment.ts';
import type { ApiError } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { useAreaChoices, usePublicYears, useReturnToArea } from '../api.ts';
import { useRouteText } from '../text.ts';

/**
 * 转入派位 on a family's application: return an unplaced child to the area lottery (the server
 * says when: `returnToArea`), then rank the area schools until the area pool is frozen (`rankArea`).
 */
export function RouteActions({ application: a }: { application: TApplicationDetail }) {
  const rt = useRouteText();
  const { lang } = useLang();
  const years = usePublicYears();
  const giveBack = useReturnToArea();
  const rank = useAreaChoices();
  const [choices, setChoices] = useState<number[]>(() => a.choices.map((c) => c.schoolId));
  const canReturn = a.actions.includes('returnToArea');
  const canRank = a.actions.includes('rankArea');
  if (!canReturn && !canRank) return null;
  const year = years.data?.items.find((y) => y.id === a.yearId);
  const maxChoices =
    year?.config.routes.find((r) => r.route === 'area' && r.stage === a.stage)?.maxChoices ?? 1;
  const areaSchools = (year?.schools ?? []).filter((s) => s.stage === a.stage && s.route === 'area');
  const error = (giveBack.error ?? rank.error) as ApiError | null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      {error && <Alert type="error" showIcon message={error.text(lang)} />}
      {canReturn && (
        <Popconfirm title={rt('returnConfirm')} onConfirm={() => giveBack.mutate(a.id)}>
          <Button loading={giveBack.isPending} data-testid={`return-to-area-${a.id}`}>
            {rt('returnToArea')}
          </Button>
        </Popconfirm>
      )}
      {canRank && (
        <Space.Compact style={{ width: '100%' }}>
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            placeholder={`${rt('rankArea')} (≤ ${maxChoices})`}
            maxCount={maxChoices}
            value={choices}
            onChange={setChoices}
            options={areaSchools.map((s) => ({ value: s.schoolId, label: s.name }))}
            optionFilterProp="label"
            data-testid={`area-choices-${a.id}`}
          />
          <Button
            type="primary"
            disabled={!choices.length}
            loading={rank.isPending}
            onClick={() => rank.mutate({ id: a.id, choices })}
          >
            {rt('saveChoices')}
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}
