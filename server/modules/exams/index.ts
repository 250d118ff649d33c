import { registerFilePurpose } from '../../core/files/index.ts';
import { registerImportKind } from '../../core/imports/kinds.ts';
import type { PlatformModule } from '../../core/modules.ts';
import './errors.ts';
import { examCandidateImport, examInvigilatorImport, examSiteImport } from './import-exam-lists.ts';
import { examRoutes } from './routes.ts';
import './run-arrangement.ts';

/**
 * 考务编排: exams with their sites, candidates and invigilators as data; the arrangement engine run
 * as a job into numbered, sealed plan versions; printable documents; exam-day records.
 * See docs/modules/exams.md.
 */
registerImportKind(examSiteImport);
registerImportKind(examCandidateImport);
registerImportKind(examInvigilatorImport);
// Photos, scans or recordings of an incident (违纪) on exam day.
registerFilePurpose('exams.evidence', {
  upload: 'exams.record',
  download: 'exams.read',
  allowed: ['jpg', 'png', 'pdf', 'mp4'],
  maxBytes: 50 * 1024 * 1024,
});
registerFilePurpose('import.exams', {
  upload: 'exams.manage',
  download: 'exams.manage',
  allowed: ['xlsx'],
  maxBytes: 20 * 1024 * 1024,
});

export const examsModule: PlatformModule = {
  id: 'exams',
  menu: { path: '/exams', zh: '考务编排', en: 'Exam arrangement', permission: 'exams.read', order: 25 },
  routes: examRoutes,
};

export { lockPlan, publishPlan } from './lock-plan.ts';
export { completePlan, createPlanVersion } from './run-arrangement.ts';
