import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TAccount, TRole } from '../../../../../contracts/accounts.ts';
import { useCurrentUser } from '../../../app/auth.tsx';
import { useT } from '../../../app/i18n.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { roleOptions } from '../../../components/labels.ts';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect.tsx';
import { useListParams } from '../../../components/useListParams.ts';
import { CreateAccountModal } from '../account-create/CreateAccountModal.tsx';
import { EditAccountModal } from '../account-edit/EditAccountModal.tsx';
import { GrantsDrawer } from '../account-grants/GrantsDrawer.tsx';
import { accountsUrl, useAccounts, useRoleLabel } from '../api.ts';
import { AccountActions } from './AccountActions.tsx';

const noFilters: { q?: string; orgId?: number; role?: TRole; status?: string } = {};

/** `/accounts`: accounts in scope with their grants; every button comes from the row's `actions`. */
export function AccountListPage() {
  const t = useT();
  const me = useCurrentUser();
  const roleLabel = useRoleLabel();
  const list = useListParams({ sort: 'username', filters: noFilters });
  const accounts = useAccounts(list.query);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TAccount>();
  // An id, not a row: the drawer follows the refetched row after a grant changes.
  const [grantsOf, setGrantsOf] = useState<number>();
  const grantsAccount = accounts.data?.items.find((account) => account.id === grantsOf);

  const columns: TableColumnsType<TAccount> = [
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: list.sortOrder('username'),
    },
    {
      title: t('accounts.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      sorter: true,
      sortOrder: list.sortOrder('displayName'),
    },
    { title: t('common.org'), dataIndex: 'orgName' },
    {
      title: t('accounts.grants'),
      key: 'grants',
      render: (_, account) => (
        <Space size={[0, 4]} wrap>
          {account.grants.map((grant) => (
            <Tag key={grant.id} color="blue">
              {roleLabel(grant.role)} · {grant.orgName}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, account) => (
        <>
          <Tag color={account.status === 'active' ? 'green' : 'default'}>
            {t(`accounts.status.${account.status}`)}
          </Tag>
          {account.locked && <Tag color="red">{t('accounts.locked')}</Tag>}
        </>
      ),
    },
    {
      title: t('accounts.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      sorter: true,
      sortOrder: list.sortOrder('lastLoginAt'),
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, account) => (
        <AccountActions
          account={account}
          onEdit={() => setEditing(account)}
          onGrants={() => setGrantsOf(account.id)}
        />
      ),
    },
  ];

  return (
    <Card size="small">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={`${t('accounts.username')} / ${t('accounts.displayName')}`}
          onSearch={(q) => list.setFilter('q', q)}
          style={{ width: 220 }}
          data-testid="accounts-search"
        />
        <OrgUnitSelect value={list.filters.orgId} onChange={(orgId) => list.setFilter('orgId', orgId)} />
        <Select<TRole>
          allowClear
          placeholder={t('accounts.role')}
          options={roleOptions(t).map((o) => ({ ...o, label: roleLabel(o.value) }))}
          onChange={(role) => list.setFilter('role', role)}
          style={{ width: 160 }}
        />
        <Select
          allowClear
          placeholder={t('common.status')}
          options={(['active', 'disabled'] as const).map((s) => ({
            value: s,
            label: t(`accounts.status.${s}`),
          }))}
          onChange={(status) => list.setFilter('status', status)}
          style={{ width: 110 }}
        />
        <Space style={{ marginInlineStart: 'auto' }}>
          {/* Creating is not a row action; the permission list (not a role name) decides. */}
          {me.permissions.includes('accounts.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="account-create"
            >
              {t('accounts.create')}
            </Button>
          )}
          <ExportButton listUrl={accountsUrl} query={list.exportQuery} testId="export-accounts" />
        </Space>
      </div>
      <div data-testid="accounts-table">
        <Table<TAccount>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={accounts.data?.items}
          loading={accounts.isFetching}
          onChange={list.onTableChange}
          pagination={list.pagination(accounts.data?.total, (total) => t('common.total', { n: total }))}
          scroll={{ x: 'max-content' }}
        />
      </div>
      {creating && <CreateAccountModal onClose={() => setCreating(false)} />}
      {editing && <EditAccountModal account={editing} onClose={() => setEditing(undefined)} />}
      {grantsAccount && <GrantsDrawer account={grantsAccount} onClose={() => setGrantsOf(undefined)} />}
    </Card>
  );
}
