import type { PlatformModule } from '../../core/modules.ts';
import { jobRoutes, selfTestRoute } from './routes.ts';

/** 我的任务: long-running jobs (imports, exports, draws, reports) with their progress and outcome. */
export const jobsModule: PlatformModule = {
  id: 'jobs',
  routes: process.env.EDUGOV_TEST_JOBS === '1' ? [...jobRoutes, selfTestRoute] : jobRoutes,
};
