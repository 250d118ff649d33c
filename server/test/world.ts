import { sql } from 'drizzle-orm';
import { ensureDistrict } from '../core/bootstrap.ts';
import {
  idNumberCheckDigit,
  isValidIdNumber,
  maskAddress,
  maskIdNumber,
  maskPhone,
} from '../core/crypto/pii.ts';
import type { Db } from '../core/db/index.ts';
import { account, grant, orgLink, orgUnit } from '../core/db/schema.ts';
import { hashPassword } from '../core/passwords.ts';
import { services } from '../core/services.ts';
import { guardianship, person } from '../modules/people/schema.ts';

/**
 * A small district for tests, built with factories: two zones, three schools, a kindergarten, people
 * in each school, and an account for each kind of user. Every account's password is PASSWORD.
 */
export const PASSWORD = 'Test-Password-2026';
let passwordHash: Promise<string> | undefined;

export async function buildUnit(
  db: Db,
  input: {
    districtId: number;
    parentId: number;
    code: string;
    name: string;
    kind: string;
    stage?: string;
    ownership?: string;
    validFrom?: string;
  },
): Promise<number> {
  const [unit] = await db
    .insert(orgUnit)
    .values({
      districtId: input.districtId,
      code: input.code,
      kind: input.kind,
      name: input.name,
      stage: input.stage ?? null,
      ownership: input.ownership ?? null,
      openedOn: '2000-01-01',
    })
    .returning({ id: orgUnit.id });
  await db.insert(orgLink).values({
    districtId: input.districtId,
    unitId: unit!.id,
    parentId: input.parentId,
    validFrom: input.validFrom ?? '2000-01-01',
  });
  return unit!.id;
}

let idSerial = 1000;
/** A valid resident ID number, different each call. */
export function makeIdNumber(birth = '20150901'): string {
  const first17 = `110108${birth}${String(idSerial++ % 1000).padStart(3, '0')}`;
  const id = first17 + idNumberCheckDigit(first17);
  if (!isValidIdNumber(id)) throw new Error(`bad test id ${id}`);
  return id;
}

export async function buildPerson(
  db: Db,
  input: {
    districtId: number;
    orgId: number;
    kind: 'student' | 'staff' | 'guardian';
    name: string;
    idNumber?: string;
    phone?: string;
    address?: string;
    grade?: number;
  },
): Promise<number> {
  const { cipher } = services();
  const idNumber = input.idNumber ?? makeIdNumber();
  const phone = input.phone ?? `139${String(idSerial++).padStart(8, '0')}`;
  const address = input.address ?? '北京市海淀区中关村大街1号院2号楼301';
  const [row] = await db
    .insert(person)
    .values({
      districtId: input.districtId,
      orgId: input.orgId,
      kind: input.kind,
      name: input.name,
      grade: input.grade ?? (input.kind === 'student' ? 3 : null),
      idNumberEnc: cipher.encrypt(idNumber),
      idNumberHash: cipher.lookupHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: cipher.encrypt(phone),
      phoneHash: cipher.lookupHash(phone),
      phoneMasked: maskPhone(phone),
      addressEnc: cipher.encrypt(address),
      addressMasked: maskAddress(address),
    })
    .returning({ id: person.id });
  return row!.id;
}

export async function buildAccount(
  db: Db,
  input: { districtId: number; orgId: number; username: string; grants: { role: string; orgId: number }[] },
): Promise<number> {
  passwordHash ??= hashPassword(PASSWORD);
  const [row] = await db
    .insert(account)
    .values({
      districtId: input.districtId,
      orgId: input.orgId,
      username: input.username,
      displayName: input.username,
      passwordHash: await passwordHash,
    })
    .returning({ id: account.id });
  if (input.grants.length) {
    await db
      .insert(grant)
      .values(input.grants.map((g) => ({ ...g, districtId: input.districtId, accountId: row!.id })));
  }
  return row!.id;
}

export async function buildWorld(db: Db) {
  const district = await ensureDistrict(db, { code: '110108', name: '测试区教委' });
  const d = district.id;
  const zoneA = await buildUnit(db, {
    districtId: d,
    parentId: d,
    code: 'ZA',
    name: '中关村学区',
    kind: 'zone',
  });
  const zoneB = await buildUnit(db, {
    districtId: d,
    parentId: d,
    code: 'ZB',
    name: '万寿路学区',
    kind: 'zone',
  });
  const dept = await buildUnit(db, {
    districtId: d,
    parentId: d,
    code: 'D1',
    name: '基教科',
    kind: 'department',
  });
  const schoolA1 = await buildUnit(db, {
    districtId: d,
    parentId: zoneA,
    code: 'SA1',
    name: '中关村第一小学',
    kind: 'school',
    stage: 'primary',
    ownership: 'public',
  });
  const schoolA2 = await buildUnit(db, {
    districtId: d,
    parentId: zoneA,
    code: 'SA2',
    name: '中关村中学',
    kind: 'school',
    stage: 'junior',
    ownership: 'public',
  });
  const schoolB1 = await buildUnit(db, {
    districtId: d,
    parentId: zoneB,
    code: 'SB1',
    name: '万寿路小学',
    kind: 'school',
    stage: 'primary',
    ownership: 'public',
  });
  const kgB = await buildUnit(db, {
    districtId: d,
    parentId: zoneB,
    code: 'KB1',
    name: '万寿路幼儿园',
    kind: 'kindergarten',
    ownership: 'public',
  });
  const studentA1 = await buildPerson(db, {
    districtId: d,
    orgId: schoolA1,
    kind: 'student',
    name: '张小明',
  });
  const guardianA1 = await buildPerson(db, {
    districtId: d,
    orgId: schoolA1,
    kind: 'guardian',
    name: '张大明',
  });
  await db
    .insert(guardianship)
    .values({ guardianId: guardianA1, studentId: studentA1, districtId: d, relation: '父亲' });
  const studentB1 = await buildPerson(db, {
    districtId: d,
    orgId: schoolB1,
    kind: 'student',
    name: '李小红',
  });
  const staffB1 = await buildPerson(db, { districtId: d, orgId: schoolB1, kind: 'staff', name: '王老师' });
  const accounts = {
    admin: await buildAccount(db, {
      districtId: d,
      orgId: d,
      username: 'admin',
      grants: [{ role: 'sysAdmin', orgId: d }],
    }),
    officer: await buildAccount(db, {
      districtId: d,
      orgId: dept,
      username: 'officer',
      grants: [{ role: 'districtOfficer', orgId: d }],
    }),
    zoneA: await buildAccount(db, {
      districtId: d,
      orgId: zoneA,
      username: 'zonea',
      grants: [{ role: 'zoneManager', orgId: zoneA }],
    }),
    principalA1: await buildAccount(db, {
      districtId: d,
      orgId: schoolA1,
      username: 'principala1',
      grants: [{ role: 'principal', orgId: schoolA1 }],
    }),
    principalB1: await buildAccount(db, {
      districtId: d,
      orgId: schoolB1,
      username: 'principalb1',
      grants: [{ role: 'principal', orgId: schoolB1 }],
    }),
    staffA1: await buildAccount(db, {
      districtId: d,
      orgId: schoolA1,
      username: 'staffa1',
      grants: [{ role: 'schoolStaff', orgId: schoolA1 }],
    }),
    supervisor: await buildAccount(db, {
      districtId: d,
      orgId: zoneA,
      username: 'supervisor',
      grants: [{ role: 'supervisor', orgId: zoneA }],
    }),
    auditor: await buildAccount(db, {
      districtId: d,
      orgId: d,
      username: 'auditor',
      grants: [{ role: 'auditor', orgId: d }],
    }),
    nobody: await buildAccount(db, { districtId: d, orgId: schoolA1, username: 'nobody', grants: [] }),
  };
  await db.execute(sql`ANALYZE`);
  return {
    districtId: d,
    units: { zoneA, zoneB, dept, schoolA1, schoolA2, schoolB1, kgB },
    people: { studentA1, guardianA1, studentB1, staffB1 },
    accounts,
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;
