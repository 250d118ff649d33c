import { idNumberCheckDigit } from '../server/core/crypto/pii.ts';
import { ESTATE_SUFFIX, PLACES, pad, ROADS } from './names.ts';
import type { Random } from './random.ts';

/**
 * Synthetic personal data: resident ID numbers (valid check digit, birth date inside, unique),
 * mobile phones (unique), Haidian addresses and birth dates that fit a grade.
 */

/** The school year the demo describes: grade g was entered in September (SCHOOL_YEAR - g + 1). */
export const SCHOOL_YEAR = 2025;

const HAIDIAN = '110108';
const OTHER_REGIONS = [
  '110101',
  '110102',
  '110105',
  '110106',
  '110107',
  '110109',
  '110111',
  '110112',
  '110114',
  '110115',
  '130102',
  '130604',
  '140105',
  '210102',
  '320106',
  '330106',
  '370102',
  '410105',
  '420106',
  '430104',
  '510107',
  '610113',
  '230103',
  '350102',
  '360102',
];
const TOWNS = new Set(['四季青', '温泉', '苏家坨', '上庄', '西北旺']);
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '158',
  '159',
  '176',
  '177',
  '180',
  '181',
  '182',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
];

export interface Birth {
  date: string;
  gender: 'M' | 'F';
}

/** A date in [from, to] (ISO strings), uniformly. */
export function dateBetween(
  rng: Random,
  fromYear: number,
  fromMonth: number,
  toYear: number,
  toMonth: number,
): string {
  const start = Date.UTC(fromYear, fromMonth - 1, 1);
  const end = Date.UTC(toYear, toMonth, 0);
  const day = new Date(start + Math.floor(rng.next() * ((end - start) / 86_400_000 + 1)) * 86_400_000);
  return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1, 2)}-${pad(day.getUTCDate(), 2)}`;
}

/** Born between 1 September and 31 August so as to be in `grade` (0 = 大班, -1 = 中班, -2 = 小班). */
export function birthForGrade(rng: Random, grade: number): string {
  const y = SCHOOL_YEAR - 6 - grade;
  return dateBetween(rng, y, 9, y + 1, 8);
}

export class IdentityIssuer {
  private readonly idNumbers = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** 18 characters: region, birth date, sequence (odd for men), check digit; never issued twice. */
  idNumber(birthDate: string, gender: 'M' | 'F', haidianShare: number): string {
    const born = birthDate.replaceAll('-', '');
    for (;;) {
      const region = this.rng.chance(haidianShare) ? HAIDIAN : this.rng.pick(OTHER_REGIONS);
      const seq = this.rng.int(0, 499) * 2 + (gender === 'M' ? 1 : 0);
      const first17 = region + born + pad(seq, 3);
      const id = first17 + idNumberCheckDigit(first17);
      if (!this.idNumbers.has(id)) {
        this.idNumbers.add(id);
        return id;
      }
    }
  }

  phone(): string {
    for (;;) {
      const phone = this.rng.pick(MOBILE_PREFIXES) + this.rng.digits(8);
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }
}

/** 北京市海淀区万寿路街道翠微家园12号楼3单元502室 */
export function homeAddress(rng: Random, street: string): string {
  const area = `${street}${TOWNS.has(street) ? '镇' : '街道'}`;
  const estate = rng.pick(PLACES) + rng.pick(ESTATE_SUFFIX);
  const room = `${rng.int(1, 18)}0${rng.int(1, 4)}`;
  return `北京市海淀区${area}${estate}${rng.int(1, 32)}号楼${rng.int(1, 6)}单元${room}室`;
}

/** 北京市海淀区复兴路23号 — where a unit stands. */
export function siteAddress(rng: Random, street: string): string {
  const base = rng.chance(0.5) ? street : rng.pick(PLACES);
  const road = (base.endsWith('路') ? base.slice(0, -1) : base) + rng.pick(ROADS);
  return `北京市海淀区${road}${rng.int(1, 199)}号`;
}

export function officePhone(rng: Random): string {
  return `010-${rng.pick(['6', '8'])}${rng.digits(7)}`;
}
