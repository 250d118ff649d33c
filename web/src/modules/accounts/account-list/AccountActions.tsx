import { App, Button, Popconfirm, Space } from 'antd';
import type { TAccount } from '../../../../../contracts/accounts.ts';
import { useT } from '../../../app/i18n.tsx';
import { useShowInitialPassword } from '../account-create/useShowInitialPassword.tsx';
import { useResetPassword, useUnlockAccount, useUpdateAccount } from '../api.ts';

/** The buttons of one account row, exactly those named in the row's `actions`. */
export function AccountActions({
  account,
  onEdit,
  onGrants,
}: {
  account: TAccount;
  onEdit: () => void;
  onGrants: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const update = useUpdateAccount();
  const reset = useResetPassword();
  const unlock = useUnlockAccount();
  const showInitialPassword = useShowInitialPassword();
  const can = (action: TAccount['actions'][number]) => account.actions.includes(action);
  const quiet = () => {};

  return (
    <Space size={0} wrap>
      {can('edit') && (
        <Button type="link" size="small" onClick={onEdit} data-testid="account-edit">
          {t('common.edit')}
        </Button>
      )}
      {can('grant') && (
        <Button type="link" size="small" onClick={onGrants} data-testid="account-grants">
          {t('accounts.grants')}
        </Button>
      )}
      {can('resetPassword') && (
        <Popconfirm
          title={t('accounts.resetConfirm')}
          onConfirm={() =>
            reset
              .mutateAsync(account.id)
              .then(({ initialPassword }) => showInitialPassword(account.username, initialPassword))
              .catch(quiet)
          }
        >
          <Button type="link" size="small" data-testid="account-reset-password">
            {t('accounts.resetPassword')}
          </Button>
        </Popconfirm>
      )}
      {can('unlock') && (
        <Button
          type="link"
          size="small"
          loading={unlock.isPending}
          onClick={() =>
            unlock.mutate(account.id, { onSuccess: () => message.success(t('accounts.unlocked')) })
          }
          data-testid="account-unlock"
        >
          {t('accounts.unlock')}
        </Button>
      )}
      {can('disable') && (
        <Popconfirm
          title={`${t('accounts.disable')} ${account.username}?`}
          onConfirm={() => update.mutateAsync({ id: account.id, status: 'disabled' }).catch(quiet)}
        >
          <Button type="link" size="small" danger data-testid="account-disable">
            {t('accounts.disable')}
          </Button>
        </Popconfirm>
      )}
      {can('enable') && (
        <Button
          type="link"
          size="small"
          onClick={() => update.mutate({ id: account.id, status: 'active' })}
          data-testid="account-enable"
        >
          {t('accounts.enable')}
        </Button>
      )}
    </Space>
  );
}
