import type { PlatformModule } from '../../core/modules.ts';
import { searchRoutes } from './routes.ts';

/** 全局搜索: the header's search box (Ctrl-K) over the index that modules register into. */
export const searchModule: PlatformModule = { id: 'search', routes: searchRoutes };
