import type { PlatformModule } from '../../core/modules.ts';
import './errors.ts';
import { accountRoutes, authRoutes } from './routes.ts';

/** 账号与授权: login and sessions, accounts, and grants of roles at org units. */
export const authModule: PlatformModule = { id: 'auth', routes: authRoutes };

export const accountsModule: PlatformModule = {
  id: 'accounts',
  menu: { path: '/accounts', zh: '账号与授权', en: 'Accounts', permission: 'accounts.read', order: 30 },
  routes: accountRoutes,
};
