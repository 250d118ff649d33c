import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Layout, Space, Spin, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { enrollmentKeys, useMyApplications, useSessionProbe } from '../api.ts';
import { useEnrollmentText } from '../text.ts';
import { ApplyForm } from './ApplyForm.tsx';
import { AuthForms } from './AuthForms.tsx';
import { MyApplications } from './MyApplications.tsx';

/**
 * The public parent portal (/apply): register or log in, apply, follow the review, upload documents,
 * confirm an offer and print the notice. One narrow column, so it reads on a phone.
 */
export function ParentPortalPage() {
  const t = useEnrollmentText();
  const { lang, setLang } = useLang();
  const client = useQueryClient();
  const session = useSessionProbe();
  const parent = !!session.data?.permissions.includes('enrollment.apply');
  const mine = useMyApplications(parent);
  const logout = async () => {
    await api.post('/api/auth/logout').catch(() => {});
    client.removeQueries({ queryKey: enrollmentKeys.all });
    await session.refetch();
  };
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Layout.Content style={{ maxWidth: 720, width: '100%', margin: '0 auto', padding: 12 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('portal')}
          </Typography.Title>
          <Space>
            <Link to="/enrollment/verify">{t('verifyDraw')}</Link>
            <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
              {lang === 'zh' ? 'English' : '中文'}
            </Button>
            {session.data && (
              <Button size="small" onClick={logout}>
                {t('logout')}
              </Button>
            )}
          </Space>
        </Space>
        {session.isPending ? (
          <Spin />
        ) : !session.data ? (
          <AuthForms onDone={() => session.refetch()} />
        ) : !parent ? (
          <Alert type="info" showIcon message={session.data.displayName} description={t('portal')} />
        ) : (
          <Tabs
            items={[
              {
                key: 'mine',
                label: t('myApplications'),
                children: mine.data ? <MyApplications items={mine.data.items} /> : <Spin />,
              },
              {
                key: 'apply',
                label: t('apply'),
                children: (
                  <Card>
                    <ApplyForm />
                  </Card>
                ),
              },
            ]}
          />
        )}
      </Layout.Content>
    </Layout>
  );
}
