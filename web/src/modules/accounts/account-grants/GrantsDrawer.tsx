import { Button, Drawer, Form, Popconfirm, Select, Space, Table } from 'antd';
import type { TAccount, TAddGrantRequest, TGrant } from '../../../../../contracts/accounts.ts';
import { useT } from '../../../app/i18n.tsx';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useAddGrant, useRevokeGrant, useRoleLabel, useStaffRoleOptions } from '../api.ts';

/**
 * The grants of one account: role at an org unit, covering its subtree. The account comes from the
 * list row, which is refetched after each change, so the drawer always shows the stored grants.
 */
export function GrantsDrawer({ account, onClose }: { account: TAccount; onClose: () => void }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const staffRoles = useStaffRoleOptions();
  const [form] = Form.useForm<TAddGrantRequest>();
  const addGrant = useAddGrant();
  const revokeGrant = useRevokeGrant();
  const canGrant = account.actions.includes('grant');

  const add = (values: TAddGrantRequest) =>
    addGrant.mutate({ id: account.id, ...values }, { onSuccess: () => form.resetFields() });

  return (
    <Drawer open size="large" title={`${t('accounts.grants')} · ${account.displayName}`} onClose={onClose}>
      <Table<TGrant>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={account.grants}
        data-testid="grants-table"
        columns={[
          { title: t('accounts.role'), dataIndex: 'role', render: (role: TGrant['role']) => roleLabel(role) },
          { title: t('accounts.grantScope'), dataIndex: 'orgName' },
          { title: t('accounts.createdAt'), dataIndex: 'createdAt', render: (at: string) => at.slice(0, 10) },
          ...(canGrant
            ? [
                {
                  title: t('common.actions'),
                  key: 'revoke',
                  render: (_: unknown, grant: TGrant) => (
                    <Popconfirm
                      title={t('accounts.revokeConfirm')}
                      // The error toast comes from the mutation cache; the confirm just closes.
                      onConfirm={() =>
                        revokeGrant.mutateAsync({ id: account.id, grantId: grant.id }).catch(() => {})
                      }
                    >
                      <Button type="link" danger size="small">
                        {t('accounts.revoke')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canGrant && (
        <Form<TAddGrantRequest> form={form} layout="inline" onFinish={add} style={{ marginTop: 16 }}>
          <Space wrap>
            <Form.Item name="role" rules={[{ required: true }]}>
              <Select placeholder={t('accounts.role')} style={{ width: 160 }} options={staffRoles} />
            </Form.Item>
            <Form.Item name="orgId" rules={[{ required: true }]}>
              <OrgUnitSelect placeholder={t('accounts.grantScope')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={addGrant.isPending}>
              {t('accounts.addGrant')}
            </Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}
