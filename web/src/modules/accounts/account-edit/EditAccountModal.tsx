import { App, Form, Input, Modal, Select } from 'antd';
import type { TAccount, TUpdateAccountRequest } from '../../../../../contracts/accounts.ts';
import { useT } from '../../../app/i18n.tsx';
import { useUpdateAccount } from '../api.ts';

/** Edits the display name and status; username and org are fixed once the account exists. */
export function EditAccountModal({ account, onClose }: { account: TAccount; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TUpdateAccountRequest>();
  const update = useUpdateAccount();
  const canChangeStatus = account.actions.includes(account.status === 'active' ? 'disable' : 'enable');

  const submit = (values: TUpdateAccountRequest) =>
    update.mutate(
      {
        id: account.id,
        displayName: values.displayName,
        status: canChangeStatus ? values.status : undefined,
      },
      {
        onSuccess: () => {
          message.success(t('common.saved'));
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`${t('common.edit')} · ${account.username}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form<TUpdateAccountRequest>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ displayName: account.displayName, status: account.status }}
      >
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        {/* Status changes are a separate permission: offered only when the row says so. */}
        <Form.Item name="status" label={t('common.status')} hidden={!canChangeStatus}>
          <Select
            options={(['active', 'disabled'] as const).map((s) => ({
              value: s,
              label: t(`accounts.status.${s}`),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
