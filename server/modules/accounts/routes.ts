import { z } from 'zod';
import {
  ZAccount,
  ZAccountCreated,
  ZAccountList,
  ZAccountListQuery,
  ZAddGrantRequest,
  ZChangePasswordRequest,
  ZCreateAccountRequest,
  ZLoginRequest,
  ZMe,
  ZPasswordReset,
  ZUpdateAccountRequest,
} from '../../../contracts/accounts.ts';
import { ZId, ZOk } from '../../../contracts/common.ts';
import { roleLabels, roles } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute, Refusal } from '../../core/http/route.ts';
import { actorForAccount, destroySession, type SessionActor } from '../../core/http/session.ts';
import { changePassword } from './change-password.ts';
import { getMe } from './get-me.ts';
import { listAccounts } from './list-accounts.ts';
import { login } from './login.ts';
import { createAccount, resetPassword, unlockAccount, updateAccount } from './manage-accounts.ts';
import { addGrant, revokeGrant } from './manage-grants.ts';
import { staffRoleNames } from './policy.ts';

const ZIdParams = z.object({ id: ZId });
const ZRoleList = z.array(
  z.object({ id: z.string(), zh: z.string(), en: z.string(), permissions: z.array(z.string()) }),
);

const accountTags = ['accounts'];

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in with username and password; sets the session cookie',
    tags: ['auth'],
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    body: ZLoginRequest,
    response: ZMe,
    handler: async ({ actor, tx, body, req, reply }) => {
      const outcome = await login({ actor, tx, input: body, req, reply });
      if (!outcome.ok) return new Refusal(outcome.code);
      return getMe({
        actor: await actorForAccount(tx, outcome.accountId, req),
        tx,
        csrfToken: outcome.csrfToken,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'End the session',
    tags: ['auth'],
    access: 'session',
    response: ZOk,
    handler: async ({ actor, tx, req, reply }) => {
      await recordAudit(tx, actor, {
        action: 'auth.logout',
        entityType: 'account',
        entityId: actor.accountId,
        orgId: actor.orgId,
      });
      await destroySession(tx, req, reply);
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The logged-in user, grants, permissions and menu',
    tags: ['auth'],
    access: 'session',
    response: ZMe,
    handler: ({ actor, tx }) => getMe({ actor, tx, csrfToken: (actor as SessionActor).csrfToken }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/password',
    summary: "Change one's own password",
    tags: ['auth'],
    access: 'session',
    body: ZChangePasswordRequest,
    response: ZOk,
    handler: ({ actor, tx, body }) => changePassword({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/roles',
    summary: 'Roles a staff account may be given, with their labels and permissions (never parent)',
    tags: accountTags,
    access: 'session',
    response: ZRoleList,
    handler: async () => staffRoleNames.map((id) => ({ id, ...roleLabels[id], permissions: [...roles[id]] })),
  }),
];

export const accountRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/accounts',
    summary: 'List accounts in scope with their grants',
    tags: accountTags,
    access: 'accounts.read',
    query: ZAccountListQuery,
    response: ZAccountList,
    handler: ({ actor, tx, query }) => listAccounts({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/accounts/export.xlsx',
    summary: 'Export the filtered account list to Excel',
    tags: accountTags,
    access: 'accounts.read',
    listQuery: ZAccountListQuery,
    list: listAccounts,
    audit: { action: 'accounts.export', entityType: 'account' },
    fileName: '账号',
    sheetName: '账号',
    pageSize: 500,
    columns: [
      { header: '用户名 Username', value: (a) => a.username },
      { header: '姓名 Name', value: (a) => a.displayName },
      { header: '单位 Unit', width: 30, value: (a) => a.orgName },
      { header: '状态 Status', value: (a) => (a.status === 'active' ? '启用' : '停用') },
      {
        header: '授权 Grants',
        width: 50,
        value: (a) => a.grants.map((g) => `${roleLabels[g.role].zh}@${g.orgName}`).join('；'),
      },
      { header: '最近登录 Last login', width: 22, value: (a) => a.lastLoginAt },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/accounts',
    summary: 'Create an account with grants',
    tags: accountTags,
    access: 'accounts.manage',
    body: ZCreateAccountRequest,
    response: ZAccountCreated,
    handler: ({ actor, tx, body }) => createAccount({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/accounts/:id',
    summary: 'Rename, disable or enable an account',
    tags: accountTags,
    access: 'accounts.manage',
    params: ZIdParams,
    body: ZUpdateAccountRequest,
    response: ZAccount,
    handler: ({ actor, tx, params, body }) =>
      updateAccount({ actor, tx, input: { id: params.id, changes: body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/accounts/:id/reset-password',
    summary: 'Reset the password to a one-time password',
    tags: accountTags,
    access: 'accounts.manage',
    params: ZIdParams,
    response: ZPasswordReset,
    handler: ({ actor, tx, params }) => resetPassword({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/accounts/:id/unlock',
    summary: 'Lift a login lockout',
    tags: accountTags,
    access: 'accounts.manage',
    params: ZIdParams,
    response: ZAccount,
    handler: ({ actor, tx, params }) => unlockAccount({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/accounts/:id/grants',
    summary: 'Grant a role at an org unit',
    tags: accountTags,
    access: 'accounts.manage',
    params: ZIdParams,
    body: ZAddGrantRequest,
    response: ZAccount,
    handler: ({ actor, tx, params, body }) =>
      addGrant({ actor, tx, input: { accountId: params.id, ...body } }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/accounts/:id/grants/:grantId',
    summary: 'Revoke a grant',
    tags: accountTags,
    access: 'accounts.manage',
    params: z.object({ id: ZId, grantId: ZId }),
    response: ZAccount,
    handler: ({ actor, tx, params }) =>
      revokeGrant({ actor, tx, input: { accountId: params.id, grantId: params.grantId } }),
  }),
];
