import { verifyAuditChain } from '../../core/audit/index.ts';
import type { Db } from '../../core/db/index.ts';
import type { PlatformModule } from '../../core/modules.ts';
import { auditRoutes } from './routes.ts';

/** 审计日志: read the trail in scope, export it, verify the chain. */
export function auditModule(db: Db): PlatformModule {
  return {
    id: 'audit',
    menu: { path: '/audit', zh: '审计日志', en: 'Audit log', permission: 'audit.read', order: 90 },
    routes: auditRoutes(() => verifyAuditChain(db)),
  };
}
