import type { FieldCipher } from '../server/core/crypto/index.ts';
import {
  maskAddress,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  normalisePhone,
} from '../server/core/crypto/pii.ts';
import { copyLine } from './copy.ts';
import { birthForGrade, dateBetween, homeAddress, type IdentityIssuer, SCHOOL_YEAR } from './identity.ts';
import { givenName, pad, surname, ZONES } from './names.ts';
import type { PlannedUnit } from './plan.ts';
import type { Random } from './random.ts';

/**
 * The people of one school or kindergarten as COPY text: students by grade and class, their
 * guardians (1 or 2, linked by guardianship), and the staff. Personal fields are sealed, hashed
 * for lookup and masked, as the people module stores them.
 */

export interface PeopleContext {
  rng: Random;
  issuer: IdentityIssuer;
  cipher: FieldCipher;
  districtId: number;
  /** Reserve `n` consecutive person ids; returns the first. */
  reserve(n: number): Promise<number>;
}

export interface UnitPeople {
  personText: string;
  guardianshipText: string;
  students: number;
  staff: number;
  guardians: number;
}

const GRADES: Record<string, readonly number[]> = {
  preschool: [-2, -1, 0],
  primary: [1, 2, 3, 4, 5, 6],
  junior: [7, 8, 9],
  senior: [10, 11, 12],
  nineYear: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  complete: [7, 8, 9, 10, 11, 12],
  twelveYear: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  vocational: [10, 11, 12],
  special: [1, 2, 3, 4, 5, 6, 7, 8, 9],
};
const CLASS_SIZE: Record<string, number> = { preschool: 28, special: 10, vocational: 35 };
const KG_LEVELS = ['小班', '中班', '大班'];
const SUBJECTS: Record<string, readonly string[]> = {
  preschool: ['学前教育'],
  primary: ['语文', '语文', '数学', '数学', '英语', '科学', '道德与法治', '音乐', '体育', '美术', '信息科技'],
  secondary: [
    '语文',
    '数学',
    '英语',
    '物理',
    '化学',
    '生物',
    '历史',
    '地理',
    '思想政治',
    '体育',
    '音乐',
    '美术',
    '信息技术',
    '心理健康',
  ],
  vocational: ['语文', '数学', '英语', '计算机应用', '会计', '烹饪', '汽车运用与维修', '电子商务', '体育'],
  special: ['特殊教育', '康复训练', '语文', '数学', '生活适应'],
};
const POSITIONS = [
  ['教师', 76],
  ['行政', 8],
  ['教辅', 7],
  ['工勤', 9],
] as const;
const ONE_GUARDIAN: readonly (readonly [string, number])[] = [
  ['母亲', 55],
  ['父亲', 38],
  ['祖母', 4],
  ['外祖母', 3],
];
const TWO_GUARDIANS: readonly (readonly [readonly string[], number])[] = [
  [['父亲', '母亲'], 90],
  [['祖父', '祖母'], 4],
  [['外祖父', '外祖母'], 3],
  [['母亲', '外祖母'], 3],
];
const MALE_RELATIONS = new Set(['父亲', '祖父', '外祖父']);

interface PersonFields {
  id: number;
  kind: 'student' | 'staff' | 'guardian';
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  phone?: string;
  address?: string;
  studentNumber?: string;
  grade?: number;
  className?: string;
  position?: string;
  subject?: string | null;
}

/** One person as a COPY line: personal fields sealed, hashed for lookup and masked. */
function personLine(ctx: PeopleContext, orgId: number, p: PersonFields): string {
  const { cipher } = ctx;
  const { phone, address } = p;
  return copyLine([
    ...[p.id, ctx.districtId, orgId, p.kind, p.name, p.gender, p.birthDate],
    ...[
      cipher.encrypt(p.idNumber),
      cipher.lookupHash(normaliseIdNumber(p.idNumber)),
      maskIdNumber(p.idNumber),
    ],
    ...(phone
      ? [cipher.encrypt(phone), cipher.lookupHash(normalisePhone(phone)), maskPhone(phone)]
      : [null, null, null]),
    ...(address ? [cipher.encrypt(address), maskAddress(address)] : [null, null]),
    ...[p.studentNumber ?? null, p.grade ?? null, p.className ?? null, p.position ?? null, p.subject ?? null],
  ]);
}

export async function unitPeople(
  ctx: PeopleContext,
  unit: PlannedUnit,
  unitSerial: number,
): Promise<UnitPeople> {
  const { rng, issuer } = ctx;
  const stage = unit.stage ?? 'preschool';
  const grades = GRADES[stage]!;
  const guardianCounts = Array.from({ length: unit.students }, () => (rng.chance(0.52) ? 2 : 1));
  const guardians = guardianCounts.reduce((a, b) => a + b, 0);
  let id = await ctx.reserve(unit.students + guardians + unit.staff);
  const streets = ZONES[unit.zone]!.streets;
  const lines: string[] = [];
  const links: string[] = [];

  let serial = 0;
  grades.forEach((grade, level) => {
    const count = Math.floor(unit.students / grades.length) + (level < unit.students % grades.length ? 1 : 0);
    const classes = Math.max(1, Math.ceil(count / (CLASS_SIZE[stage] ?? 40)));
    const entryYear = SCHOOL_YEAR - (grade > 0 ? grade - 1 : grade + 2);
    for (let i = 0; i < count; i++) {
      const gender = rng.chance(0.51) ? 'M' : 'F';
      const family = surname(rng);
      const birthDate = birthForGrade(rng, grade);
      const studentId = id++;
      const classNo = (i % classes) + 1;
      lines.push(
        personLine(ctx, unit.id, {
          id: studentId,
          kind: 'student',
          name: family + givenName(rng, gender),
          gender,
          birthDate,
          idNumber: issuer.idNumber(birthDate, gender, 0.85),
          address: homeAddress(rng, rng.pick(streets)),
          // 学籍号: G + region + entry year + school + serial; unrelated to the ID number.
          studentNumber: `G110108${entryYear}${pad(unitSerial, 4)}${pad(++serial, 4)}`,
          grade: Math.max(0, grade),
          className:
            stage === 'preschool' ? `${KG_LEVELS[grade + 2]}${classNo}班` : `${grade}年级${classNo}班`,
        }),
      );
      const relations =
        guardianCounts[serial - 1] === 2 ? rng.weighted(TWO_GUARDIANS) : [rng.weighted(ONE_GUARDIAN)];
      const bornYear = Number(birthDate.slice(0, 4));
      for (const relation of relations) {
        const gGender = MALE_RELATIONS.has(relation) ? 'M' : 'F';
        const gap = relation === '父亲' || relation === '母亲' ? rng.int(24, 42) : rng.int(48, 68);
        const gBirth = dateBetween(rng, bornYear - gap, 1, bornYear - gap, 12);
        const guardianId = id++;
        lines.push(
          personLine(ctx, unit.id, {
            id: guardianId,
            kind: 'guardian',
            name:
              (relation === '父亲' || relation === '祖父' ? family : surname(rng)) + givenName(rng, gGender),
            gender: gGender,
            birthDate: gBirth,
            idNumber: issuer.idNumber(gBirth, gGender, 0.55),
            phone: issuer.phone(),
          }),
        );
        links.push(copyLine([guardianId, studentId, ctx.districtId, relation]));
      }
    }
  });

  const subjects = SUBJECTS[stage] ?? SUBJECTS.secondary!;
  for (let i = 0; i < unit.staff; i++) {
    const position = rng.weighted(POSITIONS);
    const gender = rng.chance(position === '教师' ? 0.72 : 0.5) ? 'F' : 'M';
    const birthDate = dateBetween(rng, SCHOOL_YEAR - 60, 1, SCHOOL_YEAR - 23, 12);
    lines.push(
      personLine(ctx, unit.id, {
        id: id++,
        kind: 'staff',
        name: surname(rng) + givenName(rng, gender),
        gender,
        birthDate,
        idNumber: issuer.idNumber(birthDate, gender, 0.45),
        phone: issuer.phone(),
        address: homeAddress(rng, rng.pick(ZONES[rng.int(0, ZONES.length - 1)]!.streets)),
        position,
        subject: position === '教师' ? rng.pick(subjects) : null,
      }),
    );
  }
  return {
    personText: lines.join(''),
    guardianshipText: links.join(''),
    students: unit.students,
    staff: unit.staff,
    guardians,
  };
}
