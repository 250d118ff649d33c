/**
 * Personal-data normalisation, validation and masking (PRC resident ID numbers, phones, addresses).
 * Masked forms are what lists show: 110108********1234, 138****5678, 北京市海淀区****.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** GB 11643-1999 check digit of the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-character resident ID: 17 digits, a valid birth date, the right check digit. */
export function isValidIdNumber(value: string): boolean {
  const id = normaliseIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idNumberCheckDigit(id.slice(0, 17)) === id[17];
}

export function maskIdNumber(value: string): string {
  const id = normaliseIdNumber(value);
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function normalisePhone(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

export function maskPhone(value: string): string {
  const phone = normalisePhone(value);
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

const NOT_A_DISTRICT = /(小区|园区|社区|校区|厂区|街区|景区|营区)$/u;

/**
 * Keep the province, city and district or county (北京市海淀区), hide the rest. A 区 that ends an
 * estate or campus name (…小区, …园区) is not a district, so a street address is never shown.
 */
export function maskAddress(value: string): string {
  const address = value.trim();
  const province = address.match(/^.{2,6}?(省|自治区)/u)?.[0] ?? '';
  let rest = address.slice(province.length);
  const city = rest.match(/^.{2,4}?市/u)?.[0] ?? '';
  rest = rest.slice(city.length);
  const county = rest.match(/^.{1,4}?(区|县|市|旗)/u)?.[0] ?? '';
  const kept =
    county && !NOT_A_DISTRICT.test(county) ? province + city + county : city ? province + city : '';
  return `${kept}****`;
}

/** A sealed personal value: ciphertext, keyed hash for exact lookup, and the masked form lists show. */
export interface SealedValue {
  enc: string;
  hash: string;
  masked: string;
}

/** Seal a (valid) resident ID number: every module that stores one stores these three columns. */
export function sealIdNumber(
  cipher: { encrypt(plain: string): string; lookupHash(normalised: string): string },
  value: string,
): SealedValue {
  const id = normaliseIdNumber(value);
  return { enc: cipher.encrypt(id), hash: cipher.lookupHash(id), masked: maskIdNumber(id) };
}

/** Seal a phone number (normalised first, so that a lookup finds it however it was typed). */
export function sealPhone(
  cipher: { encrypt(plain: string): string; lookupHash(normalised: string): string },
  value: string,
): SealedValue {
  const phone = normalisePhone(value);
  return { enc: cipher.encrypt(phone), hash: cipher.lookupHash(phone), masked: maskPhone(phone) };
}
