import { and, eq, inArray } from 'drizzle-orm';
import { isValidIdNumber, sealIdNumber } from '../../core/crypto/pii.ts';
import type { Executor } from '../../core/db/index.ts';
import { services } from '../../core/services.ts';
import { examCandidate } from './schema.ts';

/**
 * Rules a candidate row obeys however it arrives (form or import): an optional ID number checked
 * (GB 11643) and sealed, unique within the exam, as is the registration number.
 */
export function sealCandidateId(idNumber: string | null | undefined) {
  if (!idNumber) return { idNumberEnc: null, idNumberHash: null, idNumberMasked: null };
  const { enc, hash, masked } = sealIdNumber(services().cipher, idNumber);
  return { idNumberEnc: enc, idNumberHash: hash, idNumberMasked: masked };
}

export const validCandidateId = (idNumber: string) => isValidIdNumber(idNumber);

/** Which of these registration numbers and ID hashes the exam already has. */
export async function takenInExam(
  tx: Executor,
  examId: number,
  registrationNos: string[],
  idHashes: string[],
): Promise<{ registrations: Set<string>; idHashes: Set<string> }> {
  const registrations = registrationNos.length
    ? await tx
        .select({ v: examCandidate.registrationNo })
        .from(examCandidate)
        .where(and(eq(examCandidate.examId, examId), inArray(examCandidate.registrationNo, registrationNos)))
    : [];
  const ids = idHashes.length
    ? await tx
        .select({ v: examCandidate.idNumberHash })
        .from(examCandidate)
        .where(and(eq(examCandidate.examId, examId), inArray(examCandidate.idNumberHash, idHashes)))
    : [];
  return { registrations: new Set(registrations.map((r) => r.v)), idHashes: new Set(ids.map((r) => r.v!)) };
}
