import { Alert, Button, Card, Form, Input, Tabs } from 'antd';
import { useState } from 'react';
import { type ApiError, api } from '../../../app/api.ts';
import { useLang } from '../../../app/i18n.tsx';
import { usePublicYears } from '../api.ts';
import { useEnrollmentText } from '../text.ts';

/** Register (phone, name, password under the staff policy) or log in; both start a session. */
export function AuthForms({ onDone }: { onDone: () => void }) {
  const t = useEnrollmentText();
  const { lang } = useLang();
  const years = usePublicYears();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setError((e as ApiError).text?.(lang) ?? String(e));
    } finally {
      setBusy(false);
    }
  };
  const districtId = years.data?.items[0]?.districtId;
  return (
    <Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {years.isSuccess && !districtId && (
        <Alert type="info" showIcon message={t('noOpenYear')} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        items={[
          {
            key: 'login',
            label: t('login'),
            children: (
              <Form
                layout="vertical"
                onFinish={(v: { phone: string; password: string }) =>
                  run(() => api.post('/api/auth/login', { username: v.phone, password: v.password }))
                }
              >
                <Form.Item name="phone" label={t('phone')} rules={[{ required: true }]}>
                  <Input inputMode="tel" autoComplete="username" />
                </Form.Item>
                <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
                  <Input.Password autoComplete="current-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} block>
                  {t('login')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'register',
            label: t('register'),
            children: (
              <Form
                layout="vertical"
                onFinish={(v: { phone: string; name: string; password: string }) =>
                  run(() => api.post('/api/public/enrollment/register', { ...v, districtId }))
                }
              >
                <Form.Item
                  name="phone"
                  label={t('phone')}
                  rules={[{ required: true, pattern: /^1\d{10}$/, message: t('phoneInvalid') }]}
                >
                  <Input inputMode="tel" autoComplete="username" data-testid="register-phone" />
                </Form.Item>
                <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
                  <Input data-testid="register-name" />
                </Form.Item>
                <Form.Item name="password" label={t('password')} rules={[{ required: true, min: 10 }]}>
                  <Input.Password autoComplete="new-password" data-testid="register-password" />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={busy}
                  disabled={!districtId}
                  data-testid="register-submit"
                  block
                >
                  {t('register')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </Card>
  );
}
