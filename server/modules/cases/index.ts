import { registerFilePurpose } from '../../core/files/index.ts';
import { registerImportKind } from '../../core/imports/kinds.ts';
import type { PlatformModule } from '../../core/modules.ts';
import './errors.ts';
import './escalate-overdue.ts';
import { hotlineOrderImport } from './import-hotline-orders.ts';
import { open311Routes } from './open311-routes.ts';
import { casesRoutes } from './routes.ts';

/**
 * 接诉即办与信访: 12345 work orders and petitions — intake, dispatch to 学区 and schools, the state
 * machine with legal clocks, rankings, the weekly dispatch report, clusters, notices and Open311.
 */
export const casesModule: PlatformModule = {
  id: 'cases',
  menu: { path: '/cases', zh: '接诉即办', en: 'Hotline & petitions', permission: 'cases.read', order: 30 },
  routes: [...casesRoutes, ...open311Routes],
};

registerImportKind(hotlineOrderImport);
// The 12345 centre's workbook: uploaded and read back only by those who dispatch orders.
registerFilePurpose('import.cases', {
  upload: 'cases.dispatch',
  download: 'cases.dispatch',
  allowed: ['xlsx'],
  maxBytes: 20 * 1024 * 1024,
});

export { escalateOverdue } from './escalate-overdue.ts';
