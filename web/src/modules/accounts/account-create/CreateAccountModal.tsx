import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import type { TCreateAccountRequest } from '../../../../../contracts/accounts.ts';
import { useT } from '../../../app/i18n.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useCreateAccount, useStaffRoleOptions } from '../api.ts';
import { useShowInitialPassword } from './useShowInitialPassword.tsx';

/** A new account with its first grants; without a password the server generates one to show once. */
export function CreateAccountModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const staffRoles = useStaffRoleOptions();
  const [form] = Form.useForm<TCreateAccountRequest>();
  const create = useCreateAccount();
  const showInitialPassword = useShowInitialPassword();

  const submit = (values: TCreateAccountRequest) =>
    create.mutate(
      { ...values, password: values.password || undefined, grants: values.grants ?? [] },
      {
        onSuccess: ({ account, initialPassword }) => {
          if (initialPassword) showInitialPassword(account.username, initialPassword);
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      width={600}
      title={t('accounts.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<TCreateAccountRequest> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label={t('accounts.username')}
          rules={[{ required: true, min: 3, max: 64, pattern: /^[A-Za-z0-9_.-]+$/ }]}
        >
          <Input autoComplete="off" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, max: 50 }]}>
          <Input data-testid="account-display-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t('common.org')} rules={[{ required: true }]}>
          <OrgUnitSelect testId="account-org" />
        </Form.Item>
        <Form.Item name="password" label={t('accounts.password')} extra={t('auth.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <Form.Item label={t('accounts.grants')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true }]}>
                    <Select placeholder={t('accounts.role')} style={{ width: 160 }} options={staffRoles} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'orgId']} rules={[{ required: true }]}>
                    <OrgUnitSelect placeholder={t('accounts.grantScope')} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                {t('accounts.addGrant')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
