import { registerFilePurpose } from '../../core/files/index.ts';
import type { PlatformModule } from '../../core/modules.ts';
import { importRoutes } from './routes.ts';

/** 导入中心: staged Excel imports (template → upload → validate → preview → commit → rollback). */
export const importsModule: PlatformModule = {
  id: 'imports',
  menu: { path: '/imports', zh: '导入中心', en: 'Imports', permission: 'people.manage', order: 40 },
  routes: importRoutes,
};

const XLSX_ONLY = { allowed: ['xlsx'], maxBytes: 20 * 1024 * 1024 };
registerFilePurpose('import.people', { upload: 'people.manage', download: 'people.manage', ...XLSX_ONLY });
registerFilePurpose('import.org', { upload: 'org.manage', download: 'org.manage', ...XLSX_ONLY });
