import { Alert, Button, Card, Descriptions, Empty, List, Space, Tag, Typography, Upload } from 'antd';
import { Link } from 'react-router';
import type { TApplicationDetail } from '../../../../../contracts/enrollment.ts';
import { useLang } from '../../../app/i18n.tsx';
import { formatInstant } from '../../../components/time.ts';
import { useOfferResponse, useUploadDocument } from '../api.ts';
import {
  agencyLabels,
  documentLabels,
  offerStatusLabels,
  routeLabels,
  statusLabels,
  useEnrollmentText,
  useRouteText,
} from '../text.ts';
import { ReviewBooking } from './ReviewBooking.tsx';
import { RouteActions } from './RouteActions.tsx';

const statusColor = {
  submitted: 'processing',
  resubmitted: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
} as const;

/** The family's applications: status and reasons, documents, offers to confirm, notices, receipts. */
export function MyApplications({ items }: { items: TApplicationDetail[] }) {
  const t = useEnrollmentText();
  const rt = useRouteText();
  const { lang } = useLang();
  const upload = useUploadDocument();
  const respond = useOfferResponse();
  if (!items.length) return <Empty />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {items.map((a) => {
        const failed = a.reviews.filter((r) => !r.passed && r.round === a.resubmissions);
        return (
          <Card
            key={a.id}
            data-testid={`application-${a.id}`}
            title={`${a.childName} · ${routeLabels[a.route][lang]}`}
            extra={
              <>
                {a.returnedFrom && (
                  <Tag color="purple">{rt('returnedFrom', { route: routeLabels[a.returnedFrom][lang] })}</Tag>
                )}
                <Tag color={statusColor[a.status]}>{statusLabels[a.status][lang]}</Tag>
              </>
            }
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('lotteryId')}>
                <Typography.Text copyable data-testid="lottery-id">
                  {a.lotteryId}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('zone')}>{a.zoneName}</Descriptions.Item>
              {a.currentSchoolName && (
                <Descriptions.Item label={rt('currentSchool')}>{a.currentSchoolName}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('choices')}>
                {a.choices.map((c) => c.name).join(' → ') || '—'}
              </Descriptions.Item>
            </Descriptions>
            <ReviewBooking applicationId={a.id} />
            <RouteActions application={a} />
            {a.status === 'rejected' && (
              <Alert
                type="error"
                showIcon
                message={t('reasons')}
                description={
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {a.decisionReason && <li>{a.decisionReason}</li>}
                    {failed.map((r) => (
                      <li key={r.agency}>
                        {agencyLabels[r.agency][lang]}：{r.reason}
                      </li>
                    ))}
                  </ul>
                }
                style={{ marginTop: 8 }}
              />
            )}
            {a.actions.includes('upload') && a.missingDocuments.length > 0 && (
              <div style={{ marginTop: 8 }}>
                <Typography.Text type="secondary">{t('missing')}</Typography.Text>
                <List
                  size="small"
                  dataSource={a.missingDocuments}
                  renderItem={(kind) => (
                    <List.Item
                      actions={[
                        <Upload
                          key="u"
                          showUploadList={false}
                          accept=".pdf,.png,.jpg,.jpeg"
                          beforeUpload={(file) => {
                            upload.mutate({ id: a.id, kind, file });
                            return false;
                          }}
                        >
                          <Button size="small">{t('upload')}</Button>
                        </Upload>,
                      ]}
                    >
                      {documentLabels[kind][lang]}
                    </List.Item>
                  )}
                />
              </div>
            )}
            {a.offers.length > 0 && (
              <List
                header={<b>{t('offers')}</b>}
                dataSource={a.offers}
                renderItem={(o) => (
                  <List.Item
                    data-testid={`offer-${o.id}`}
                    actions={[
                      ...(o.actions.includes('confirm')
                        ? [
                            <Button
                              key="c"
                              type="primary"
                              size="small"
                              onClick={() => respond.mutate({ id: o.id, action: 'confirm' })}
                            >
                              {t('confirm')}
                            </Button>,
                            <Button
                              key="d"
                              size="small"
                              danger
                              onClick={() => respond.mutate({ id: o.id, action: 'decline' })}
                            >
                              {t('decline')}
                            </Button>,
                          ]
                        : []),
                      <Link key="p" to={`/enrollment/notice/${o.id}`} target="_blank">
                        {t('printNotice')}
                      </Link>,
                    ]}
                  >
                    <List.Item.Meta
                      title={o.schoolName}
                      description={`${offerStatusLabels[o.status][lang]} · ${t('deadline')} ${formatInstant(o.deadline)}`}
                    />
                  </List.Item>
                )}
              />
            )}
            {a.draws.map((d) => (
              <div key={d.id}>
                <Link to={`/enrollment/verify?draw=${d.id}&lotteryId=${a.lotteryId}`}>
                  {t('verifyDraw')}：{d.name}
                </Link>
              </div>
            ))}
          </Card>
        );
      })}
    </Space>
  );
}
