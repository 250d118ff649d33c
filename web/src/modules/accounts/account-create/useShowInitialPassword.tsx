import { App, Typography } from 'antd';
import { useT } from '../../../app/i18n.tsx';

/** Shows a one-time password once: the server never returns it again, so it must be copied now. */
export function useShowInitialPassword() {
  const t = useT();
  const { modal } = App.useApp();
  return (username: string, password: string): void => {
    modal.success({
      title: `${t('accounts.initialPassword')} · ${username}`,
      content: (
        <>
          <Typography.Paragraph>{t('accounts.initialPasswordOnce')}</Typography.Paragraph>
          <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="initial-password">
            {password}
          </Typography.Text>
        </>
      ),
    });
  };
}
