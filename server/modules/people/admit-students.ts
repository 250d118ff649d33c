import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { SealedValue } from '../../core/crypto/pii.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { indexPeople } from '../../core/search/bulk.ts';
import { person } from './schema.ts';

/**
 * A child admitted to a school (enrollment's 录取名单转学籍). The ID number arrives sealed exactly as
 * this module stores it (ciphertext, keyed hash, mask: core/crypto/pii.ts sealIdNumber with the same
 * cipher), so it is never decrypted on the way; the address likewise (ciphertext and mask).
 */
export interface AdmittedStudent {
  /** The caller's key of the row (enrollment: the offer id), echoed in the outcome. */
  ref: number;
  /** The admitting school. */
  orgId: number;
  name: string;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  idNumber: SealedValue;
  address: { enc: string; masked: string } | null;
  /** 1 for primary entry, 7 for junior entry. */
  grade: number;
  /** The intake, e.g. 2026-09-01. */
  entryDate: string;
}

export type AdmitOutcome = 'added' | 'updated' | 'unchanged' | 'conflict';

export interface AdmitResult {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  rows: {
    ref: number;
    personId: number | null;
    outcome: AdmitOutcome;
    fromOrgId: number | null;
    fromOrgName: string | null;
  }[];
}

const CHUNK = 1000;

/**
 * Take admitted children into the registry as students of their school, grade and intake:
 * - not in the registry (no person of the district with this ID hash): added;
 * - a student already entered for this intake: unchanged — so running the hand-over twice adds
 *   nobody, and what a school changed since (class, a later transfer) is not undone;
 * - a student from before (a kindergarten child, a primary school leaver): moved to the school and
 *   grade, active again, class cleared — never a second record;
 * - the ID belongs to a staff or guardian record: a conflict, left as it is for a person to resolve.
 * Needs people.manage at every school written to and at every unit a child is moved from; one audit
 * event with the counts and the people written. Hand-overs of a district are serialised.
 */
export async function admitStudents(tx: Tx, actor: Actor, rows: AdmittedStudent[]): Promise<AdmitResult> {
  const result: AdmitResult = { added: 0, updated: 0, unchanged: 0, conflicts: 0, rows: [] };
  if (rows.length === 0) return result;
  const orgIds = [...new Set(rows.map((r) => r.orgId))];
  const schools = await tx
    .select({ id: orgUnit.id, districtId: orgUnit.districtId, kind: orgUnit.kind })
    .from(orgUnit)
    .where(inArray(orgUnit.id, orgIds));
  const districtId = schools[0]?.districtId;
  if (
    schools.length !== orgIds.length ||
    schools.some((s) => s.districtId !== districtId || s.kind !== 'school')
  )
    throw new DomainError('org.unit_not_found', { field: 'orgId' });
  for (const id of orgIds) await authorize(tx, actor, 'people.manage', id, 'org.unit_not_found');
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('edugov.people.admit'), ${districtId!})`);

  // What the registry already holds under these ID numbers (the first student wins over others).
  const hashes = [...new Set(rows.map((r) => r.idNumber.hash))];
  const known = new Map<
    string,
    {
      id: number;
      kind: string;
      orgId: number;
      orgName: string;
      entryDate: string | null;
      grade: number | null;
    }
  >();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const found = await tx
      .select({
        id: person.id,
        hash: person.idNumberHash,
        kind: person.kind,
        orgId: person.orgId,
        orgName: orgUnit.name,
        entryDate: person.entryDate,
        grade: person.grade,
      })
      .from(person)
      .innerJoin(orgUnit, eq(orgUnit.id, person.orgId))
      .where(
        and(eq(person.districtId, districtId!), inArray(person.idNumberHash, hashes.slice(i, i + CHUNK))),
      )
      .orderBy(sql`${person.kind} <> 'student'`, person.id);
    for (const p of found) if (!known.has(p.hash!)) known.set(p.hash!, p);
  }

  const fresh: AdmittedStudent[] = [];
  const moves: {
    id: number;
    orgId: number;
    grade: number;
    entryDate: string;
    fromOrgId: number;
    fromGrade: number | null;
  }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const existing = known.get(row.idNumber.hash);
    const out = { ref: row.ref, personId: existing?.id ?? null, fromOrgId: null, fromOrgName: null };
    if (
      seen.has(row.idNumber.hash) ||
      (existing?.kind === 'student' && existing.entryDate === row.entryDate)
    ) {
      result.rows.push({ ...out, outcome: 'unchanged' });
      result.unchanged++;
    } else if (!existing) {
      fresh.push(row);
    } else if (existing.kind !== 'student') {
      result.rows.push({ ...out, outcome: 'conflict' });
      result.conflicts++;
    } else {
      await authorize(tx, actor, 'people.manage', existing.orgId, 'people.person_not_found');
      moves.push({
        id: existing.id,
        orgId: row.orgId,
        grade: row.grade,
        entryDate: row.entryDate,
        fromOrgId: existing.orgId,
        fromGrade: existing.grade,
      });
      result.rows.push({
        ...out,
        outcome: 'updated',
        fromOrgId: existing.orgId,
        fromOrgName: existing.orgName,
      });
      result.updated++;
    }
    seen.add(row.idNumber.hash);
  }

  const addedIds: number[] = [];
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const slice = fresh.slice(i, i + CHUNK);
    const inserted = await tx
      .insert(person)
      .values(
        slice.map((r) => ({
          districtId: districtId!,
          orgId: r.orgId,
          kind: 'student',
          name: r.name,
          gender: r.gender,
          birthDate: r.birthDate,
          idNumberEnc: r.idNumber.enc,
          idNumberHash: r.idNumber.hash,
          idNumberMasked: r.idNumber.masked,
          addressEnc: r.address?.enc ?? null,
          addressMasked: r.address?.masked ?? null,
          grade: r.grade,
          entryDate: r.entryDate,
        })),
      )
      .returning({ id: person.id });
    slice.forEach((r, j) => {
      addedIds.push(inserted[j]!.id);
      result.rows.push({
        ref: r.ref,
        personId: inserted[j]!.id,
        outcome: 'added',
        fromOrgId: null,
        fromOrgName: null,
      });
    });
  }
  result.added = addedIds.length;
  for (let i = 0; i < moves.length; i += CHUNK) {
    const slice = moves.slice(i, i + CHUNK).map(({ id, orgId, grade, entryDate }) => ({
      id,
      org_id: orgId,
      grade,
      entry_date: entryDate,
    }));
    await tx.execute(sql`
      UPDATE person p SET org_id = t.org_id, grade = t.grade, entry_date = t.entry_date, status = 'active',
        class_name = NULL, updated_at = now()
      FROM jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) AS t(id bigint, org_id int, grade smallint, entry_date date)
      WHERE p.id = t.id`);
  }
  await indexPeople(tx, [...addedIds, ...moves.map((m) => m.id)]);
  await recordAudit(tx, actor, {
    action: 'people.admit_students',
    entityType: 'person',
    orgId: actor.orgId,
    districtId,
    after: {
      added: result.added,
      updated: result.updated,
      unchanged: result.unchanged,
      conflicts: result.conflicts,
      addedIds,
      moved: moves.map((m) => ({
        id: m.id,
        from: m.fromOrgId,
        fromGrade: m.fromGrade,
        to: m.orgId,
        grade: m.grade,
      })),
    },
  });
  return result;
}
