import { registerImportKind } from '../../core/imports/kinds.ts';
import type { PlatformModule } from '../../core/modules.ts';
import { orgUnitImport } from './import-org-units.ts';
import { orgRoutes } from './routes.ts';

/** 组织机构: the effective-dated org tree (district, departments, zones, schools, kindergartens …). */
export const orgModule: PlatformModule = {
  id: 'org',
  menu: { path: '/org', zh: '组织机构', en: 'Organisation', permission: 'org.read', order: 10 },
  routes: orgRoutes,
};

export { kindLabel } from './labels.ts';

registerImportKind(orgUnitImport);
