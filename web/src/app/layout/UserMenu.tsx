import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser, useLogout } from '../auth.tsx';
import { useT } from '../i18n.tsx';

export function UserMenu() {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate('/account/password');
    if (key === 'logout')
      logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
        {me.displayName} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
