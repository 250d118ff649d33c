import type { Db } from '../core/db/index.ts';
import type { PlatformModule } from '../core/modules.ts';
import { accountsModule, authModule } from './accounts/index.ts';
import { auditModule } from './audit/index.ts';
import { calendarModule } from './calendar/index.ts';
import { casesModule } from './cases/index.ts';
import { enrollmentModule } from './enrollment/index.ts';
import { examsModule } from './exams/index.ts';
import { filesModule } from './files/index.ts';
import { importsModule } from './imports/index.ts';
import { jobsModule } from './jobs/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { orgModule } from './org/index.ts';
import { peopleModule } from './people/index.ts';
import { searchModule } from './search/index.ts';

/** Every module of the platform, in menu order. A new module adds one line here. */
export function allModules(db: Db): PlatformModule[] {
  return [
    authModule,
    orgModule,
    peopleModule,
    enrollmentModule,
    examsModule,
    casesModule,
    accountsModule,
    importsModule,
    auditModule(db),
    jobsModule,
    filesModule,
    searchModule,
    notificationsModule,
    calendarModule,
  ];
}
