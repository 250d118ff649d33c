import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { TLoginRequest } from '../../../contracts/accounts.ts';
import { useLogin } from './auth.tsx';
import { useLang, useT } from './i18n.tsx';
import { LangSwitch } from './layout/LangSwitch.tsx';

/** `/login`: username and password; coded errors (wrong password, locked, rate limited) show on the form. */
export function LoginPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const login = useLogin();

  const submit = (values: TLoginRequest) =>
    login.mutate(values, { onSuccess: () => navigate('/', { replace: true }) });

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e8f0fb 0%, #f7f9fc 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <LangSwitch />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          EduGov
        </Typography.Paragraph>
        {login.error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={login.error.text(lang)}
            data-testid="login-error"
          />
        )}
        <Form<TLoginRequest> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, message: t('auth.required') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.required') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
