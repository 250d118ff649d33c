import { registerImportKind } from '../../core/imports/kinds.ts';
import type { PlatformModule } from '../../core/modules.ts';
import { staffImport, studentImport } from './import-people.ts';
import { peopleRoutes } from './routes.ts';

/** 人员: students, staff and guardians, with personal data sealed, masked and revealed on record. */
export const peopleModule: PlatformModule = {
  id: 'people',
  menu: { path: '/people', zh: '人员', en: 'People', permission: 'people.read', order: 20 },
  routes: peopleRoutes,
};

registerImportKind(staffImport);
registerImportKind(studentImport);

export { type AdmitResult, type AdmittedStudent, admitStudents } from './admit-students.ts';
export { countStudentsAtUnits } from './count-students-at-units.ts';
export { countStudentsPerZone } from './count-students-per-zone.ts';
