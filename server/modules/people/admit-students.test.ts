import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/access/index.ts';
import { maskAddress, sealIdNumber } from '../../core/crypto/pii.ts';
import type { Db } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { testWorld } from '../../test/db.ts';
import { buildPerson, makeIdNumber, type World } from '../../test/world.ts';
import { type AdmittedStudent, admitStudents } from './index.ts';

/**
 * admitStudents, the registry's door for children admitted by enrollment, on a real PostgreSQL:
 * sealed IDs kept as given, a known student moved (never duplicated), a re-run changing nothing,
 * a staff or guardian record with the ID left alone, the scope checked, one audit event.
 */
let db: Db;
let close: () => Promise<void>;
let world: World;

beforeAll(async () => {
  ({ db, world, close } = await testWorld());
});
afterAll(async () => {
  await close();
});

function actorOf(role: string, orgId: number): Actor {
  return {
    accountId: world.accounts.officer,
    username: 'officer',
    displayName: 'officer',
    districtId: world.districtId,
    orgId,
    grants: [{ role, orgId }],
  };
}

function child(ref: number, idNumber: string, orgId = world.units.schoolA1): AdmittedStudent {
  const { cipher } = services();
  const address = '北京市海淀区中关村南大街5号';
  return {
    ref,
    orgId,
    name: `新生${ref}`,
    gender: ref % 2 ? 'M' : 'F',
    birthDate: '2020-03-01',
    idNumber: sealIdNumber(cipher, idNumber),
    address: { enc: cipher.encrypt(address), masked: maskAddress(address) },
    grade: 1,
    entryDate: '2026-09-01',
  };
}

const admit = (actor: Actor, rows: AdmittedStudent[]) =>
  db.transaction((tx) => admitStudents(tx, actor, rows));
const personCount = async () =>
  Number((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM person`)).rows[0]!.n);

describe('admitStudents', () => {
  const officer = () => actorOf('districtOfficer', world.districtId);
  const ids = [makeIdNumber('20200301'), makeIdNumber('20200302'), makeIdNumber('20200303')];

  it('adds new children as students of their school, grade and intake, the sealed ID as given', async () => {
    const before = await personCount();
    const rows = [child(1, ids[0]!), child(2, ids[1]!, world.units.schoolB1)];
    const result = await admit(officer(), rows);
    expect(result).toMatchObject({ added: 2, updated: 0, unchanged: 0, conflicts: 0 });
    expect(await personCount()).toBe(before + 2);
    const stored = await db.execute<{
      id: number;
      org_id: number;
      kind: string;
      grade: number;
      entry_date: string;
      id_number_enc: string;
      id_number_hash: string;
      id_number_masked: string;
      address_masked: string;
      status: string;
    }>(sql`SELECT id, org_id, kind, grade, entry_date::text, id_number_enc, id_number_hash, id_number_masked, address_masked, status
      FROM person WHERE id = ANY(${sql.raw(`'{${result.rows.map((r) => r.personId).join(',')}}'::bigint[]`)}) ORDER BY id`);
    expect(stored.rows.map((p) => p.org_id)).toEqual([world.units.schoolA1, world.units.schoolB1]);
    for (const [i, p] of stored.rows.entries()) {
      expect(p).toMatchObject({ kind: 'student', grade: 1, entry_date: '2026-09-01', status: 'active' });
      expect(p.id_number_enc).toBe(rows[i]!.idNumber.enc);
      expect(p.id_number_hash).toBe(rows[i]!.idNumber.hash);
      expect(services().cipher.decrypt(p.id_number_enc)).toBe(ids[i]);
      expect(p.id_number_masked).toMatch(/^110108\*{8}/);
      expect(p.address_masked).toBe('北京市海淀区****');
    }
    // Searchable at once, like an import's people.
    const docs = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM search_document WHERE entity_type = 'person' AND entity_id = ${String(result.rows[0]!.personId)}`,
    );
    expect(Number(docs.rows[0]!.n)).toBe(1);
  });

  it('changes nothing when the same children come again', async () => {
    const before = await personCount();
    await db.execute(sql`UPDATE person SET class_name = '1年级3班' WHERE entry_date = '2026-09-01'`);
    const result = await admit(officer(), [child(1, ids[0]!), child(2, ids[1]!, world.units.schoolB1)]);
    expect(result).toMatchObject({ added: 0, updated: 0, unchanged: 2, conflicts: 0 });
    expect(await personCount()).toBe(before);
    const classes = await db.execute<{ class_name: string }>(
      sql`SELECT class_name FROM person WHERE entry_date = '2026-09-01'`,
    );
    expect(classes.rows.every((r) => r.class_name === '1年级3班')).toBe(true);
  });

  it('moves a known student to the new school and grade, and reports the unit it came from', async () => {
    const kid = makeIdNumber('20200304');
    const known = await buildPerson(db, {
      districtId: world.districtId,
      orgId: world.units.kgB,
      kind: 'student',
      name: '幼儿园大班',
      idNumber: kid,
      grade: 0,
    });
    await db.execute(sql`UPDATE person SET status = 'left', class_name = '大一班' WHERE id = ${known}`);
    const before = await personCount();
    const result = await admit(officer(), [child(3, kid)]);
    expect(result).toMatchObject({ added: 0, updated: 1 });
    expect(result.rows[0]).toMatchObject({
      ref: 3,
      personId: known,
      outcome: 'updated',
      fromOrgId: world.units.kgB,
      fromOrgName: '万寿路幼儿园',
    });
    expect(await personCount()).toBe(before);
    const moved = await db.execute<{
      org_id: number;
      grade: number;
      status: string;
      class_name: string | null;
    }>(sql`SELECT org_id, grade, status, class_name FROM person WHERE id = ${known}`);
    expect(moved.rows[0]).toEqual({
      org_id: world.units.schoolA1,
      grade: 1,
      status: 'active',
      class_name: null,
    });
  });

  it('leaves a staff or guardian record with the same ID alone and reports a conflict', async () => {
    const id = makeIdNumber('20200305');
    const guardian = await buildPerson(db, {
      districtId: world.districtId,
      orgId: world.units.schoolB1,
      kind: 'guardian',
      name: '同号',
      idNumber: id,
    });
    const result = await admit(officer(), [child(4, id), child(5, ids[2]!)]);
    expect(result).toMatchObject({ added: 1, conflicts: 1 });
    expect(result.rows.find((r) => r.ref === 4)).toMatchObject({ outcome: 'conflict', personId: guardian });
    const g = await db.execute<{ kind: string; org_id: number }>(
      sql`SELECT kind, org_id FROM person WHERE id = ${guardian}`,
    );
    expect(g.rows[0]).toEqual({ kind: 'guardian', org_id: world.units.schoolB1 });
  });

  it('needs people.manage at every school written to; a unit that is not a school is refused', async () => {
    const before = await personCount();
    const principal = actorOf('principal', world.units.schoolA1);
    const other = admit(principal, [child(6, makeIdNumber('20200306'), world.units.schoolB1)]);
    await expect(other).rejects.toBeInstanceOf(DomainError);
    await expect(other).rejects.toMatchObject({ code: 'org.unit_not_found' });
    const auditor = actorOf('auditor', world.districtId);
    await expect(admit(auditor, [child(7, makeIdNumber('20200307'))])).rejects.toMatchObject({
      code: 'auth.forbidden',
    });
    await expect(
      admit(officer(), [child(8, makeIdNumber('20200308'), world.units.zoneA)]),
    ).rejects.toMatchObject({ code: 'org.unit_not_found' });
    expect(await personCount()).toBe(before);
    // Its own school is fine.
    expect((await admit(principal, [child(9, makeIdNumber('20200309'))])).added).toBe(1);
  });

  it('records one audit event per call with the counts and the people written, without sealed values', async () => {
    const events = await db.execute<{ after: Record<string, unknown> }>(
      sql`SELECT after FROM audit_event WHERE action = 'people.admit_students' ORDER BY seq`,
    );
    expect(events.rows.map((e) => e.after.added)).toEqual([2, 0, 0, 1, 1]);
    expect(events.rows[2]!.after).toMatchObject({
      updated: 1,
      moved: [
        expect.objectContaining({ from: world.units.kgB, to: world.units.schoolA1, fromGrade: 0, grade: 1 }),
      ],
    });
    expect(JSON.stringify(events.rows)).not.toMatch(/110108\d{11}[\dX]/);
  });
});
