import { registerErrors } from '../../core/errors.ts';
import type { PlatformModule } from '../../core/modules.ts';
import { notificationRoutes } from './routes.ts';

registerErrors({
  'notifications.not_found': { status: 404, zh: '通知不存在', en: 'No such notification' },
});

/** 通知中心: each user's inbox (the bell in the header). Other modules send with core `notify`. */
export const notificationsModule: PlatformModule = { id: 'notifications', routes: notificationRoutes };
