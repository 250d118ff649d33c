import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { TCaseAction, TCaseDetail } from '../../../../../contracts/cases.ts';
import { formatInstant } from '../../../components/time.ts';
import { useCase } from '../api.ts';
import { TimeLeft } from '../case-list/TimeLeft.tsx';
import { useCaseText } from '../text.ts';
import { ActionModal } from './ActionModal.tsx';
import { CaseRevealModal } from './CaseRevealModal.tsx';

type Clock = TCaseDetail['clocks'][number];
const time = (v: string | null) => formatInstant(v);

/** A case with its clocks (each explained by the engine), its history and the actions the server allows. */
export function CaseDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, state, action, lang } = useCaseText();
  const detail = useCase(id);
  const c = detail.data;
  const [acting, setActing] = useState<TCaseAction>();
  const [revealing, setRevealing] = useState(false);
  const transitions = (c?.actions ?? []).filter(
    (a): a is TCaseAction => !['reveal', 'merge', 'unmerge', 'link'].includes(a),
  );

  return (
    <Drawer
      open
      size="large"
      title={c ? `${c.externalNo} · ${c.title}` : '…'}
      onClose={onClose}
      data-testid="case-drawer"
    >
      {!c ? (
        <Skeleton active />
      ) : (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {transitions.map((a) => (
              <Button key={a} size="small" onClick={() => setActing(a)} data-testid={`case-action-${a}`}>
                {action(a)}
              </Button>
            ))}
            {c.actions.includes('reveal') && (
              <Button size="small" danger onClick={() => setRevealing(true)} data-testid="case-reveal">
                {t('reveal')}
              </Button>
            )}
          </Space>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'kind', label: t('kind'), children: t(c.kind) },
              {
                key: 'state',
                label: t('state'),
                children: <Tag data-testid="case-state">{state(c.state)}</Tag>,
              },
              { key: 'category', label: t('category'), children: c.categoryName ?? '—' },
              { key: 'handler', label: t('handler'), children: c.orgName },
              { key: 'subject', label: t('subject'), children: c.subjectOrgName ?? '—' },
              { key: 'received', label: t('received'), children: time(c.receivedAt) },
              { key: 'left', label: t('left'), children: <TimeLeft c={c} /> },
              { key: 'complainant', label: t('complainant'), children: c.complainantName ?? '—' },
              { key: 'phone', label: t('phone'), children: c.complainantPhone ?? '—' },
              { key: 'id', label: t('idNumber'), children: c.complainantIdNumber ?? '—' },
              {
                key: 'content',
                label: t('content'),
                span: 'filled',
                children: <Typography.Paragraph>{c.content}</Typography.Paragraph>,
              },
            ]}
          />
          {c.accusation && (
            <Alert type="warning" showIcon title={t('accusation')} style={{ marginBottom: 12 }} />
          )}
          <Table<Clock>
            size="small"
            title={() => t('clocks')}
            rowKey="id"
            pagination={false}
            dataSource={c.clocks}
            columns={[
              { title: t('kind'), dataIndex: 'kind', render: (k: string) => action(k) },
              { title: t('received'), dataIndex: 'startedAt', render: time },
              {
                title: t('due'),
                dataIndex: 'dueAt',
                render: (v: string, k) => (
                  <Tooltip title={k.explanation.map((s) => (lang === 'zh' ? s.zh : s.en)).join('\n')}>
                    <span style={{ borderBottom: '1px dashed' }}>{time(v)}</span>
                  </Tooltip>
                ),
              },
              { title: t('state'), dataIndex: 'status', render: (k: string) => action(k) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('history')}
          </Typography.Title>
          <Timeline
            items={c.events.map((e) => ({
              children: (
                <>
                  <Typography.Text strong>{time(e.at)}</Typography.Text> {e.actorName} · {action(e.action)}
                  {e.reason && <div>{e.reason}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
      {c && acting && <ActionModal c={c} action={acting} onClose={() => setActing(undefined)} />}
      {c && revealing && <CaseRevealModal id={c.id} onClose={() => setRevealing(false)} />}
    </Drawer>
  );
}
