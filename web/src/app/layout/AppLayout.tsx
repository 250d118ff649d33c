import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  HomeOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Alert, Button, Grid, Layout, Menu, type MenuProps, Spin } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth.tsx';
import { usePick, useT } from '../i18n.tsx';
import { GlobalSearch } from './GlobalSearch.tsx';
import { LangSwitch } from './LangSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { UserMenu } from './UserMenu.tsx';

// Icons are decoration only: which modules appear comes from `me.modules`, never from roles here.
const moduleIcons: Record<string, ReactNode> = {
  org: <ApartmentOutlined />,
  people: <TeamOutlined />,
  accounts: <UserSwitchOutlined />,
  audit: <AuditOutlined />,
};

/** The signed-in shell: a side menu built from the modules the API offers, a header, the page. */
export function AppLayout() {
  const t = useT();
  const pick = usePick();
  const me = useCurrentUser();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const narrow = !screens.lg;

  const items: MenuProps['items'] = [
    {
      key: '/',
      icon: <HomeOutlined />,
      label: (
        <Link to="/" data-testid="menu-home">
          {t('app.home')}
        </Link>
      ),
    },
    ...me.modules.map((entry) => ({
      key: entry.path,
      icon: moduleIcons[entry.id] ?? <AppstoreOutlined />,
      label: (
        <Link to={entry.path} data-testid={`menu-${entry.id}`}>
          {pick(entry)}
        </Link>
      ),
    })),
  ];
  const selected =
    me.modules.find((entry) => location.pathname.startsWith(entry.path))?.path ?? location.pathname;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={narrow ? undefined : null}
        width={220}
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 } : undefined}
      >
        <div
          style={{
            color: '#fff',
            padding: '18px 16px',
            fontWeight: 600,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {collapsed && !narrow ? 'EG' : t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[selected]}
          onClick={() => narrow && setCollapsed(true)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {!narrow && (
            <Button type="text" onClick={() => setCollapsed(!collapsed)} style={{ marginRight: 'auto' }}>
              {collapsed ? '»' : '«'}
            </Button>
          )}
          <GlobalSearch />
          <NotificationBell />
          <LangSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 8 : 16 }}>
          {me.mustChangePassword && location.pathname !== '/account/password' && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('app.mustChangePassword')}
              data-testid="must-change-password"
              action={
                <Link to="/account/password">
                  <Button size="small">{t('app.changePasswordNow')}</Button>
                </Link>
              }
            />
          )}
          <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
