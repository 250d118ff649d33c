import type { PlatformModule } from '../../core/modules.ts';
import { fileRoutes } from './routes.ts';

/** 附件: upload, metadata and audited download of files owned by an org unit. */
export const filesModule: PlatformModule = {
  id: 'files',
  routes: fileRoutes,
};
