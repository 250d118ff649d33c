import type { Tx } from '../server/core/db/index.ts';
import { account, grant } from '../server/core/db/schema.ts';
import { REAL_SCHOOLS } from './names.ts';
import type { PlannedUnit } from './plan.ts';

/** Demo accounts, one per role, all with the demo password (hashed once by the caller). */

export interface DemoAccount {
  username: string;
  role: string;
  orgName: string;
}

export async function insertDemoAccounts(
  tx: Tx,
  districtId: number,
  districtName: string,
  units: PlannedUnit[],
  passwordHash: string,
): Promise<DemoAccount[]> {
  const zone = units.find((u) => u.kind === 'zone')!;
  // The principal runs a real school of the first zone (育英学校, 翠微小学 …) when there is one.
  const schools = units.filter(
    (u) => u.kind === 'school' && u.zone === zone.zone && u.ownership === 'public',
  );
  const school = schools.find((u) => REAL_SCHOOLS.some(([name]) => name === u.name)) ?? schools[0]!;
  const district = { id: districtId, name: districtName };
  const plan = [
    {
      username: 'officer',
      displayName: '区教委干部（演示）',
      role: 'districtOfficer',
      org: district,
      home: district,
    },
    {
      username: 'zone01',
      displayName: `${zone.name}管理者（演示）`,
      role: 'zoneManager',
      org: zone,
      home: zone,
    },
    {
      username: 'principal01',
      displayName: `${school.name}校长（演示）`,
      role: 'principal',
      org: school,
      home: school,
    },
    {
      username: 'staff01',
      displayName: `${school.name}教师（演示）`,
      role: 'schoolStaff',
      org: school,
      home: school,
    },
    {
      username: 'supervisor01',
      displayName: `${zone.name}督学（演示）`,
      role: 'supervisor',
      org: zone,
      home: zone,
    },
    { username: 'auditor', displayName: '审计员（演示）', role: 'auditor', org: district, home: district },
  ];
  const rows = await tx
    .insert(account)
    .values(
      plan.map((a) => ({
        districtId,
        orgId: a.home.id,
        username: a.username,
        displayName: a.displayName,
        passwordHash,
      })),
    )
    .returning({ id: account.id, username: account.username });
  const idOf = new Map(rows.map((r) => [r.username, r.id]));
  await tx
    .insert(grant)
    .values(
      plan.map((a) => ({ districtId, accountId: idOf.get(a.username)!, role: a.role, orgId: a.org.id })),
    );
  return plan.map((a) => ({ username: a.username, role: a.role, orgName: a.org.name }));
}
