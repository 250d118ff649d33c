/**
 * Roles and permissions as typed constants. A grant is (role, org unit) and covers the unit's
 * subtree. Changing this file changes who may do what: the route-permission snapshot test makes
 * such a change visible in review.
 */
export const permissions = [
  'org.read',
  'org.manage',
  'people.read',
  'people.manage',
  'people.reveal',
  'accounts.read',
  'accounts.manage',
  'audit.read',
  'calendar.manage',
  'cases.read',
  'cases.handle',
  'cases.dispatch',
  'cases.manage',
  'cases.reveal',
  'exams.read',
  'exams.manage',
  'exams.record',
  'enrollment.apply',
  'enrollment.read',
  'enrollment.review',
  'enrollment.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = {
  /** 系统管理员: runs the platform for the district. */
  sysAdmin: [...permissions],
  /** 区教委/科室干部: reads the whole subtree, manages org units and people in it. */
  districtOfficer: [
    'org.read',
    'org.manage',
    'people.read',
    'people.manage',
    'people.reveal',
    'accounts.read',
    'cases.read',
    'cases.handle',
    'cases.dispatch',
    'cases.manage',
    'cases.reveal',
    'exams.read',
    'exams.manage',
    'exams.record',
    'enrollment.read',
    'enrollment.review',
    'enrollment.manage',
  ],
  /** 学区管理者: coordinates the schools of one zone (and its exam sites on exam day). */
  zoneManager: [
    'org.read',
    'people.read',
    'people.reveal',
    'accounts.read',
    'accounts.manage',
    'cases.read',
    'cases.handle',
    'cases.reveal',
    'exams.read',
    'exams.record',
    'enrollment.read',
    'enrollment.review',
  ],
  /** 校长: runs one school, its people and its staff accounts. */
  principal: [
    'org.read',
    'people.read',
    'people.manage',
    'people.reveal',
    'accounts.read',
    'accounts.manage',
    'cases.read',
    'cases.handle',
    'cases.reveal',
    'exams.read',
    'exams.record',
  ],
  /** 学校工作人员: at an exam site, records absences and incidents. */
  schoolStaff: ['org.read', 'people.read', 'exams.read', 'exams.record'],
  /** 督学: visits assigned schools (and exam sites); sees units and arrangements, not personal records. */
  supervisor: ['org.read', 'exams.read'],
  /** 审计员: reads everything in scope and the audit trail; changes nothing. */
  auditor: [
    'org.read',
    'people.read',
    'accounts.read',
    'audit.read',
    'cases.read',
    'exams.read',
    'enrollment.read',
  ],
  /** 家长: applies for its own children's places (docs/adr/0003-parent-accounts.md); no org permission. */
  parent: ['enrollment.apply'],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as Role[];

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  sysAdmin: { zh: '系统管理员', en: 'System administrator' },
  districtOfficer: { zh: '区教委干部', en: 'District officer' },
  zoneManager: { zh: '学区管理者', en: 'Zone manager' },
  principal: { zh: '校长', en: 'Principal' },
  schoolStaff: { zh: '学校工作人员', en: 'School staff' },
  supervisor: { zh: '督学', en: 'Supervisor' },
  auditor: { zh: '审计员', en: 'Auditor' },
  parent: { zh: '家长', en: 'Parent' },
};

export function roleHas(role: string, permission: Permission): boolean {
  return (roles[role as Role] as readonly Permission[] | undefined)?.includes(permission) ?? false;
}

export function isRole(value: string): value is Role {
  return Object.hasOwn(roles, value);
}
