import { Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCurrentUser } from './auth.tsx';
import { usePick, useT } from './i18n.tsx';

/** `/`: who is signed in, with which grants, and a card per module the API offers. */
export function HomePage() {
  const t = useT();
  const pick = usePick();
  const me = useCurrentUser();

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'org', label: t('home.org'), children: me.orgName },
            {
              key: 'roles',
              label: t('home.roles'),
              children: (
                <Space wrap>
                  {me.grants.map((grant) => (
                    <Tag key={`${grant.role}-${grant.orgId}`} color="blue">
                      {t(`role.${grant.role}`)} · {grant.orgName}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.modules')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {me.modules.map((entry) => (
          <Col key={entry.id} xs={24} sm={12} lg={8} xl={6}>
            <Link to={entry.path} data-testid={`home-${entry.id}`}>
              <Card hoverable>
                <Typography.Text strong>{pick(entry)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">{t('home.open')} →</Typography.Text>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
