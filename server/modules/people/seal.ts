import { and, eq, ne } from 'drizzle-orm';
import type { TCreatePersonRequest } from '../../../contracts/people.ts';
import { isValidIdNumber, maskAddress, sealIdNumber, sealPhone } from '../../core/crypto/pii.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { person } from './schema.ts';

/** The sealed, hashed and masked columns for the personal fields present in `input`. */
export function sealPersonalFields(input: Pick<TCreatePersonRequest, 'idNumber' | 'phone' | 'address'>) {
  const { cipher } = services();
  const out: Partial<typeof person.$inferInsert> = {};
  if (input.idNumber !== undefined) {
    if (input.idNumber === null || input.idNumber === '') {
      Object.assign(out, { idNumberEnc: null, idNumberHash: null, idNumberMasked: null });
    } else {
      if (!isValidIdNumber(input.idNumber))
        throw new DomainError('people.id_number_invalid', { field: 'idNumber' });
      const id = sealIdNumber(cipher, input.idNumber);
      Object.assign(out, { idNumberEnc: id.enc, idNumberHash: id.hash, idNumberMasked: id.masked });
    }
  }
  if (input.phone !== undefined) {
    const phone = input.phone ? sealPhone(cipher, input.phone) : null;
    Object.assign(out, {
      phoneEnc: phone?.enc ?? null,
      phoneHash: phone?.hash ?? null,
      phoneMasked: phone?.masked ?? null,
    });
  }
  if (input.address !== undefined) {
    const address = input.address || null;
    Object.assign(out, {
      addressEnc: address ? cipher.encrypt(address) : null,
      addressMasked: address ? maskAddress(address) : null,
    });
  }
  return out;
}

/** One person per ID number in a district. */
export async function assertIdNumberFree(
  tx: Executor,
  districtId: number,
  idNumberHash: string,
  exceptId?: number,
) {
  const clash = await tx
    .select({ id: person.id })
    .from(person)
    .where(
      and(
        eq(person.districtId, districtId),
        eq(person.idNumberHash, idNumberHash),
        exceptId ? ne(person.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash.length > 0) throw new DomainError('people.id_number_taken', { field: 'idNumber' });
}
