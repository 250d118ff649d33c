import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useChangePassword } from './auth.tsx';
import { useT } from './i18n.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** `/account/password`: the password policy is enforced by the server; the hint only explains it. */
export function ChangePasswordPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const change = useChangePassword();

  const submit = ({ currentPassword, newPassword }: PasswordForm) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('auth.passwordChanged'));
          navigate('/');
        },
      },
    );

  return (
    <Card title={t('auth.changePassword')} style={{ maxWidth: 480 }}>
      <Alert type="info" showIcon title={t('auth.passwordHint')} style={{ marginBottom: 16 }} />
      <Form<PasswordForm> layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
