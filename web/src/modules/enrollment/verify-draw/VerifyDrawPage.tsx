import { Alert, Button, Card, Descriptions, Input, Layout, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { TDrawComparison, TFamilyResult } from '../../../../../contracts/enrollment.ts';
import {
  type DrawBundle,
  parseBundle,
  verifyBundle,
  verifyReceipt,
} from '../../../../../engines/lottery/index.ts';
import { api } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { fetchBundleText, fetchFamily, usePublicDraws } from '../api.ts';
import { drawStatusLabels, useEnrollmentText } from '../text.ts';

/**
 * The public verification page: downloads a published bundle and re-runs the same engine code
 * (engines/lottery) in this browser; shows "verified / 已验证" or the first difference. A family
 * checks its receipt (Merkle proof against the root published before the draw) and sees the
 * priority class and lottery number that decided its place — all from the bundle alone.
 */
type ChoiceRow = NonNullable<TFamilyResult['explanation']>['choices'][number];

export function VerifyDrawPage() {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const [params, setParams] = useSearchParams();
  const draws = usePublicDraws();
  const drawId = Number(params.get('draw')) || draws.data?.items.find((d) => d.status === 'published')?.id;
  const draw = draws.data?.items.find((d) => d.id === drawId);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; bundle?: DrawBundle } | null>(null);
  const [busy, setBusy] = useState(false);
  const [comparison, setComparison] = useState<TDrawComparison | null>(null);
  const [lotteryId, setLotteryId] = useState(params.get('lotteryId') ?? '');
  const [family, setFamily] = useState<TFamilyResult | null>(null);
  const [familyError, setFamilyError] = useState<string | null>(null);
  const names = new Map(draw?.schools.map((s) => [s.id, s.name]) ?? []);
  const verify = async () => {
    if (!draw) return;
    setBusy(true);
    setOutcome(null);
    try {
      const parsed = parseBundle(JSON.parse(await fetchBundleText(draw.id)));
      if (!parsed.ok) setOutcome({ ok: false, text: parsed.errors.slice(0, 3).join('; ') });
      else {
        const result = verifyBundle(parsed.bundle, {
          poolRoot: draw.poolRoot ?? undefined,
          commitments: draw.commitments,
        });
        setOutcome(
          result.ok
            ? { ok: true, text: t('verified'), bundle: parsed.bundle }
            : { ok: false, text: result.firstDifference },
        );
        setComparison(
          await api
            .get<TDrawComparison>(`/api/public/enrollment/draws/${draw.id}/comparison`)
            .catch(() => null),
        );
      }
    } catch (error) {
      setOutcome({ ok: false, text: String(error) });
    } finally {
      setBusy(false);
    }
  };
  const lookUp = async () => {
    if (!draw || !lotteryId) return;
    setFamilyError(null);
    try {
      setFamily(await fetchFamily(draw.id, lotteryId.trim()));
    } catch (error) {
      setFamily(null);
      setFamilyError((error as { text?: (l: 'zh' | 'en') => string }).text?.(lang) ?? String(error));
    }
  };
  const perSchool = outcome?.bundle
    ? outcome.bundle.parameters.schools.map((s) => ({
        id: s.id,
        capacity: s.capacity,
        placed: Object.values(outcome.bundle!.result.assignments).filter((x) => x === s.id).length,
      }))
    : [];
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Content style={{ maxWidth: 860, width: '100%', margin: '0 auto', padding: 12 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={3}>{t('verifyDraw')}</Typography.Title>
          <Link to="/apply">{t('portal')}</Link>
        </Space>
        <Card>
          <Select
            style={{ width: '100%' }}
            value={drawId}
            placeholder={t('draws')}
            onChange={(id) => {
              setParams({ draw: String(id) });
              setOutcome(null);
              setFamily(null);
            }}
            options={
              draws.data?.items.map((d) => ({
                value: d.id,
                label: `${d.name}（${drawStatusLabels[d.status][lang]}）`,
              })) ?? []
            }
          />
          {draw && (
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('poolRoot')}>
                <Typography.Text code data-testid="pool-root">
                  {draw.poolRoot}
                </Typography.Text>{' '}
                ({draw.poolSize})
              </Descriptions.Item>
              <Descriptions.Item label={t('commitments')}>
                {draw.commitments.map((c) => `${c.party}: ${c.commitment.slice(0, 16)}…`).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('resultHash')}>
                <Typography.Text code>{draw.resultHash ?? '—'}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          )}
          <Space wrap>
            <Button
              type="primary"
              onClick={verify}
              loading={busy}
              disabled={draw?.status !== 'published'}
              data-testid="verify"
            >
              {t('verify')}
            </Button>
            {draw?.status === 'published' && (
              <a href={`/api/public/enrollment/draws/${draw.id}/bundle`}>bundle.json</a>
            )}
          </Space>
          {outcome && (
            <Alert
              style={{ marginTop: 12 }}
              type={outcome.ok ? 'success' : 'error'}
              showIcon
              data-testid="verify-outcome"
              message={outcome.ok ? outcome.text : `${t('notVerified')}${outcome.text}`}
            />
          )}
          {perSchool.length > 0 && (
            <Table
              style={{ marginTop: 12 }}
              size="small"
              rowKey="id"
              pagination={{ pageSize: 20 }}
              dataSource={perSchool}
              columns={[
                { title: '学校 School', dataIndex: 'id', render: (id: string) => names.get(id) ?? id },
                { title: t('seats'), dataIndex: 'capacity' },
                { title: t('assigned'), dataIndex: 'placed' },
              ]}
            />
          )}
        </Card>
        {comparison && (
          <Card size="small" title="DA / IA" style={{ marginTop: 12 }} data-testid="comparison">
            <Table
              size="small"
              rowKey="m"
              pagination={false}
              dataSource={[
                { m: 'DA', ...comparison.da },
                { m: 'IA', ...comparison.ia },
              ]}
              columns={[
                { title: '', dataIndex: 'm' },
                { title: lang === 'zh' ? '第一志愿' : 'First choice', dataIndex: 'firstChoice' },
                { title: lang === 'zh' ? '前三志愿' : 'Top 3', dataIndex: 'top3' },
                { title: t('none'), dataIndex: 'unassigned' },
              ]}
              footer={() =>
                lang === 'zh'
                  ? `两种方式结果不同的学生：${comparison.changed}`
                  : `Placed differently: ${comparison.changed}`
              }
            />
          </Card>
        )}
        <Card title={t('myPlace')} style={{ marginTop: 12 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={lotteryId}
              onChange={(e) => setLotteryId(e.target.value)}
              placeholder={t('lotteryId')}
            />
            <Button onClick={lookUp} disabled={!draw} data-testid="lookup">
              {t('myPlace')}
            </Button>
          </Space.Compact>
          {familyError && <Alert type="error" message={familyError} style={{ marginTop: 12 }} />}
          {family && (
            <div style={{ marginTop: 12 }} data-testid="family">
              <Alert
                type={
                  verifyReceipt(draw?.poolRoot ?? '', family.receipt.entry, family.receipt.proof)
                    ? 'success'
                    : 'error'
                }
                message={
                  verifyReceipt(draw?.poolRoot ?? '', family.receipt.entry, family.receipt.proof)
                    ? t('receiptOk')
                    : t('receiptBad')
                }
                showIcon
              />
              {family.explanation && (
                <>
                  <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                    <Descriptions.Item label={t('lotteryNumber')}>
                      <Typography.Text code>{family.explanation.lotteryNumber}</Typography.Text>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('assigned')}>
                      <span data-testid="assigned">
                        {family.explanation.assigned
                          ? (names.get(family.explanation.assigned) ?? family.explanation.assigned)
                          : t('none')}
                      </span>
                    </Descriptions.Item>
                  </Descriptions>
                  <Table
                    size="small"
                    rowKey="rank"
                    pagination={false}
                    dataSource={family.explanation.choices}
                    columns={[
                      { title: '#', dataIndex: 'rank' },
                      {
                        title: '学校 School',
                        dataIndex: 'schoolId',
                        render: (id: string) => names.get(id) ?? id,
                      },
                      {
                        title: t('priorityClass'),
                        dataIndex: 'priorityClass',
                        render: (c: number | null) => c ?? '—',
                      },
                      { title: t('status'), dataIndex: 'outcome' },
                      {
                        title: t('cutoff'),
                        render: (_: unknown, c: ChoiceRow) =>
                          `${c.cutoff.priorityClass ?? '—'} / ${c.cutoff.lotteryNumber?.slice(0, 12) ?? '—'}… (${c.cutoff.seatsLeft})`,
                      },
                    ]}
                  />
                </>
              )}
            </div>
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
