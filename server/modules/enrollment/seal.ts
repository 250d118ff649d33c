import { randomBytes } from 'node:crypto';
import { maskAddress, maskPhone, normalisePhone, sealIdNumber } from '../../core/crypto/pii.ts';
import { services } from '../../core/services.ts';

/** Sealed fields of an application (ARCHITECTURE rule 5): encrypted, keyed hash, masked. */
export function sealChildId(idNumber: string) {
  const { enc, hash, masked } = sealIdNumber(services().cipher, idNumber);
  return { childIdEnc: enc, childIdHash: hash, childIdMasked: masked };
}

/** The ledger key of an address: whitespace and punctuation do not make a new address. */
export function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .replace(/[\s,，.。·\-—_#()（）]/g, '')
    .toUpperCase();
}

export function sealAddress(address: string) {
  const { cipher } = services();
  return {
    addressEnc: cipher.encrypt(address),
    addressMasked: maskAddress(address),
    addressHash: cipher.lookupHash(`address:${normaliseAddress(address)}`),
  };
}

export function phoneHash(phone: string): string {
  return services().cipher.lookupHash(normalisePhone(phone));
}

export function sealGuardians(guardians: { name: string; relation: string; phone: string }[]) {
  const { cipher } = services();
  return guardians.map((g) => ({
    name: g.name,
    relation: g.relation,
    phoneEnc: cipher.encrypt(normalisePhone(g.phone)),
    phoneMasked: maskPhone(g.phone),
  }));
}

/** The child's pseudonymous id in draws: random, set once, never re-issued on edits. */
export function newLotteryId(year: number): string {
  return `E${year}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** Any other sealed text (a property certificate or rental filing number). */
export function sealText(value: string): string {
  return services().cipher.encrypt(value.trim());
}
