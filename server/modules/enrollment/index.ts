import { registerFilePurpose } from '../../core/files/index.ts';
import type { PlatformModule } from '../../core/modules.ts';
import './draws.ts';
import './errors.ts';
import { enrollmentRoutes } from './routes.ts';

/**
 * 招生入学: enrollment years, the parent portal (parents' own accounts, docs/adr/0003), the joint
 * review, the address ledger, verifiable draws on engines/lottery as jobs, offers, waitlists,
 * notices and the seat supply per 学区. See docs/modules/enrollment.md.
 */
registerFilePurpose('enrollment.document', {
  upload: 'enrollment.apply',
  download: 'enrollment.review',
  allowed: ['pdf', 'png', 'jpg'],
  maxBytes: 10 * 1024 * 1024,
});

export const enrollmentModule: PlatformModule = {
  id: 'enrollment',
  menu: { path: '/enrollment', zh: '招生入学', en: 'Enrollment', permission: 'enrollment.read', order: 24 },
  routes: enrollmentRoutes,
};

export { admitDirectly } from './direct-admission.ts';
export { commitDraw, completeDraw, freezeDraw, revealDraw } from './draws.ts';
export { putFeeders } from './feeders.ts';
export { publishDraw } from './publish-draw.ts';
export { returnUnplaced } from './return-to-area.ts';
