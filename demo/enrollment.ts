import { sql } from 'drizzle-orm';
import type { TEnrollmentConfig } from '../contracts/enrollment.ts';
import { classifyDay } from '../engines/clock/index.ts';
import { commitmentOf } from '../engines/lottery/index.ts';
import type { Actor } from '../server/core/access/index.ts';
import { loadCalendar } from '../server/core/calendar/index.ts';
import type { FieldCipher } from '../server/core/crypto/index.ts';
import { idNumberCheckDigit, maskPhone } from '../server/core/crypto/pii.ts';
import type { Tx } from '../server/core/db/index.ts';
import { quotaSeatsOf } from '../server/modules/enrollment/feeders.ts';
import {
  admitDirectly,
  commitDraw,
  completeDraw,
  freezeDraw,
  publishDraw,
  putFeeders,
  returnUnplaced,
  revealDraw,
} from '../server/modules/enrollment/index.ts';
import { slotTimes } from '../server/modules/enrollment/review-slots.ts';
import { enrollmentDraw, enrollmentYear } from '../server/modules/enrollment/schema.ts';
import { sealAddress, sealChildId } from '../server/modules/enrollment/seal.ts';
import { countStudentsAtUnits } from '../server/modules/people/index.ts';
import type { PlannedUnit } from './plan.ts';
import type { Random } from './random.ts';

/**
 * The 2020 enrollment year of the seed report: 34,204 primary and 25,188 junior applicants (private
 * ones among them: 16 private primaries admitting 1,087, 16 private juniors admitting 1,796), every
 * 学区 with its seats, the joint review done (a few rejected, one resubmission each), the address
 * ledger of earlier years with flagged addresses and approved exceptions, and five draws (private
 * and area per stage, the junior feeder quota) frozen, committed, revealed, run on engines/lottery and published, with offers
 * confirmed or declined and waitlists; in June, before its decisions, each 学区 reviewed the
 * non-Beijing families (and a few it asked) in person, in booked half-hour slots — every approved one
 * came (some only to a second booking), some rejected ones did not. The junior routes:
 * six nine-year schools admit their through-train children directly (九年一贯直升, no draw), eight
 * middle schools take a quota of their feeder primaries' grade-6 leavers (按比例对口直升, a draw per
 * pair), and the children no private school or feeder pair placed return to 派位 before the area
 * draws, keeping their lottery ids. Clocks start on
 * 3 July 2020 (inside the calendar). `scale`
 * shrinks the applicants like the people.
 */
export const ENROLLMENT_2020 = {
  primary: 34_204,
  junior: 25_188,
  privatePrimarySeats: 1_087,
  privateJuniorSeats: 1_796,
  privatePrimaryApplicants: 3_100,
  privateJuniorApplicants: 4_700,
  /** Nine-year schools whose own children move up (九年一贯直升), and their applicants each. */
  throughTrainSchools: 6,
  throughTrainApplicants: 60,
  /** Middle schools with feeder primaries (按比例对口直升), feeders each, applicants per quota seat. */
  feederMiddleSchools: 8,
  feedersPerMiddle: 2,
  feederDemand: 1.6,
};
const PUBLISHED_AT = new Date('2020-07-03T10:00:00+08:00');
const PRIMARY_STAGES = new Set(['primary', 'nineYear', 'twelveYear']);
const JUNIOR_STAGES = new Set(['junior', 'complete', 'nineYear', 'twelveYear']);

export const DEMO_CONFIG: TEnrollmentConfig = {
  routes: [
    { route: 'area', stage: 'primary', maxChoices: 3, lottery: true },
    { route: 'private', stage: 'primary', maxChoices: 1, lottery: true },
    { route: 'area', stage: 'junior', maxChoices: 5, lottery: true },
    { route: 'private', stage: 'junior', maxChoices: 1, lottery: true },
    { route: 'feederQuota', stage: 'junior', maxChoices: 1, quotaPercent: 30, lottery: true },
    { route: 'throughTrain', stage: 'junior', maxChoices: 1, lottery: false },
    { route: 'registrationEntry', stage: 'junior', maxChoices: 1, lottery: true },
  ],
  phases: [
    { id: 'platformOpen', from: '2020-05-01', to: '2020-05-01' },
    { id: 'dataCollection', from: '2020-05-06', to: '2020-05-31' },
    { id: 'privateRegistration', from: '2020-06-01', to: '2020-06-07' },
    { id: 'schoolReview', from: '2020-06-10', to: '2020-06-20' },
    { id: 'areaDraw', from: '2020-07-03', to: '2020-07-03' },
    { id: 'notices', from: '2020-07-06', to: '2020-07-10' },
  ],
  categories: [
    {
      id: 'localProperty',
      zh: '本区户籍且有自有房产',
      en: 'District hukou with own property',
      priorityClass: 0,
    },
    { id: 'localHukou', zh: '本区户籍', en: 'District hukou', priorityClass: 1 },
    {
      id: 'otherDistrictProperty',
      zh: '外区户籍本区房产',
      en: 'Other-district hukou, property here',
      priorityClass: 2,
    },
    {
      id: 'nonBeijing',
      zh: '非京籍（五证齐全）',
      en: 'Non-Beijing (five documents)',
      priorityClass: 3,
      // The five documents are checked in person at the 学区 (预约现场审核).
      inPersonReview: true,
    },
  ],
  confirmWorkingDays: 5,
  birthCutoff: '2020-08-31',
};

export interface EnrollmentDemoSummary {
  applications: number;
  draws: number;
  offers: number;
  seconds: number;
}

const STREETS = [
  '中关村大街',
  '学院路',
  '万寿路',
  '北太平庄路',
  '花园路',
  '西三旗大街',
  '清河中街',
  '上地东路',
  '紫竹院路',
  '温泉路',
];

export async function insertDemoEnrollment(
  tx: Tx,
  options: { rng: Random; districtId: number; units: PlannedUnit[]; scale: number; cipher: FieldCipher },
): Promise<EnrollmentDemoSummary> {
  const started = performance.now();
  const { rng, districtId, units, scale, cipher } = options;
  const actor: Actor = {
    accountId: null,
    username: 'system:demo',
    displayName: 'demo',
    districtId,
    orgId: districtId,
    grants: [{ role: 'sysAdmin', orgId: districtId }],
  };
  const zones = units.filter((u) => u.kind === 'zone');
  const [year] = await tx
    .insert(enrollmentYear)
    .values({
      districtId,
      orgId: districtId,
      year: 2020,
      name: '2020年海淀区义务教育阶段入学',
      status: 'closed',
      config: DEMO_CONFIG,
    })
    .returning();
  await tx.execute(
    sql`INSERT INTO enrollment_year_version (year_id, version, config) VALUES (${year!.id}, 1, ${JSON.stringify(DEMO_CONFIG)}::jsonb)`,
  );

  // Schools and seats. Area seats fall a little short in the busiest zones (the report's first problem).
  const schools = units.filter((u) => u.kind === 'school');
  const privatePrimary = schools
    .filter((u) => u.ownership === 'private' && PRIMARY_STAGES.has(u.stage ?? ''))
    .slice(0, 16);
  const privateJunior = schools
    .filter((u) => u.ownership === 'private' && JUNIOR_STAGES.has(u.stage ?? ''))
    .slice(0, 16);
  const publicPrimary = schools.filter((u) => u.ownership === 'public' && PRIMARY_STAGES.has(u.stage ?? ''));
  const publicJunior = schools.filter((u) => u.ownership === 'public' && JUNIOR_STAGES.has(u.stage ?? ''));
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const primaryArea = n(ENROLLMENT_2020.primary - ENROLLMENT_2020.privatePrimaryApplicants);
  const juniorPublic = n(ENROLLMENT_2020.junior - ENROLLMENT_2020.privateJuniorApplicants);
  const seatRows: {
    schoolId: number;
    zone: number;
    stage: string;
    route: string;
    seats: number;
    nineYear: boolean;
  }[] = [];
  const spread = (list: PlannedUnit[], total: number, stage: string, route: string) => {
    const weight = list.map((u) => (u.capacity ?? 600) * (0.8 + 0.4 * rng.next()));
    const sum = weight.reduce((a, b) => a + b, 0);
    for (const [i, u] of list.entries())
      seatRows.push({
        schoolId: u.id,
        zone: u.zone,
        stage,
        route,
        seats: Math.max(1, Math.round((total * weight[i]!) / sum)),
        nineYear: u.stage === 'nineYear',
      });
  };
  const insertSeats = async () => {
    await tx.execute(sql`
      INSERT INTO enrollment_school (year_id, district_id, school_id, zone_id, stage, route, seats, nine_year)
      SELECT ${year!.id}, ${districtId}, s, z, st, r, n, y
      FROM unnest(${arr(seatRows.map((r) => r.schoolId))}::int[], ${arr(seatRows.map((r) => zones[r.zone]?.id ?? 'NULL'))}::int[],
        ${arr(seatRows.map((r) => r.stage))}::text[], ${arr(seatRows.map((r) => r.route))}::text[],
        ${arr(seatRows.map((r) => r.seats))}::int[], ${arr(seatRows.map((r) => r.nineYear))}::boolean[]) AS t(s, z, st, r, n, y)`);
    seatRows.length = 0;
  };
  spread(privatePrimary, n(ENROLLMENT_2020.privatePrimarySeats), 'primary', 'private');
  spread(privateJunior, n(ENROLLMENT_2020.privateJuniorSeats), 'junior', 'private');
  // 九年一贯直升: a few public nine-year schools, seats enough for their own children (direct admission).
  const throughTrain = publicJunior
    .filter((u) => u.stage === 'nineYear')
    .slice(0, ENROLLMENT_2020.throughTrainSchools);
  const perThroughTrain = n(ENROLLMENT_2020.throughTrainApplicants);
  for (const u of throughTrain)
    seatRows.push({
      schoolId: u.id,
      zone: u.zone,
      stage: 'junior',
      route: 'throughTrain',
      seats: perThroughTrain + n(5),
      nineYear: true,
    });
  // 按比例对口直升: middle schools (not nine-year) with feeder primaries of their zone. As the officers
  // do, the route's seats come first and cover the pairs' quotas (ceil(30 % of the registry's grade-6
  // leavers), which putFeeders computes again and checks against the seats).
  const feederMiddles = publicJunior
    .filter((u) => u.stage === 'junior' || u.stage === 'complete')
    .slice(0, ENROLLMENT_2020.feederMiddleSchools);
  const feederPrimaries = publicPrimary.filter((u) => u.stage === 'primary');
  const pairs = feederMiddles.flatMap((m) => {
    const local = feederPrimaries.filter((p) => p.zone === m.zone);
    const from = local.length >= ENROLLMENT_2020.feedersPerMiddle ? local : feederPrimaries;
    return rng
      .shuffle([...from])
      .slice(0, ENROLLMENT_2020.feedersPerMiddle)
      .map((p) => ({ middleSchoolId: m.id, feederSchoolId: p.id }));
  });
  const leavers = await countStudentsAtUnits(tx, {
    unitIds: [...new Set(pairs.map((p) => p.feederSchoolId))],
    grade: 6,
  });
  const percent = DEMO_CONFIG.routes.find((r) => r.route === 'feederQuota')!.quotaPercent!;
  for (const u of feederMiddles)
    seatRows.push({
      schoolId: u.id,
      zone: u.zone,
      stage: 'junior',
      route: 'feederQuota',
      seats: pairs
        .filter((p) => p.middleSchoolId === u.id)
        .reduce((k, p) => k + quotaSeatsOf(leavers.get(p.feederSchoolId) ?? 0, percent), 0),
      nineYear: false,
    });
  await insertSeats();
  const saved = await putFeeders({ actor, tx, input: { yearId: year!.id, feeders: pairs } });
  const feederApplicants = saved.items.map((f) => ({
    ...f,
    applicants: Math.max(1, Math.ceil(f.quotaSeats * ENROLLMENT_2020.feederDemand)),
  }));
  const feederTotal = feederApplicants.reduce((k, f) => k + f.applicants, 0);
  const juniorArea = juniorPublic - perThroughTrain * throughTrain.length - feederTotal;
  // Area seats: for the area applicants and the children the private schools and the feeder pairs
  // will return to 派位; they fall a little short in the busiest zones (the report's first problem).
  const returning = (applicants: number, seats: number) => Math.max(0, n(applicants) - n(seats));
  const primaryReturning = returning(
    ENROLLMENT_2020.privatePrimaryApplicants,
    ENROLLMENT_2020.privatePrimarySeats,
  );
  const juniorReturning =
    returning(ENROLLMENT_2020.privateJuniorApplicants, ENROLLMENT_2020.privateJuniorSeats) +
    feederApplicants.reduce((k, f) => k + Math.max(0, f.applicants - f.quotaSeats), 0);
  spread(publicPrimary, Math.round((primaryArea + primaryReturning) * 0.97), 'primary', 'area');
  spread(publicJunior, Math.round((juniorArea + juniorReturning) * 0.98), 'junior', 'area');
  await insertSeats();

  // Applications: area applicants rank 3 (primary) or 5 (junior) schools, mostly of their zone.
  const byZone = (list: PlannedUnit[]) => {
    const map = new Map<number, PlannedUnit[]>();
    for (const u of list) map.set(u.zone, [...(map.get(u.zone) ?? []), u]);
    return map;
  };
  const primaryByZone = byZone(publicPrimary);
  const juniorByZone = byZone(publicJunior);
  const rows: Row[] = [];
  let serial = 0;
  const make = (stage: 'primary' | 'junior', route: 'area' | 'private', count: number) => {
    for (let i = 0; i < count; i++) {
      const zone = rng.int(0, zones.length - 1);
      const local =
        (stage === 'primary' ? primaryByZone : juniorByZone).get(zone) ??
        (stage === 'primary' ? publicPrimary : publicJunior);
      const choices: number[] = [];
      if (route === 'private')
        choices.push(rng.pick(stage === 'primary' ? privatePrimary : privateJunior).id);
      else
        for (let k = 0; k < (stage === 'primary' ? 3 : 5) && k < local.length + 2; k++) {
          const pool = k < 2 || rng.chance(0.7) ? local : stage === 'primary' ? publicPrimary : publicJunior;
          const pick = rng.pick(pool).id;
          if (!choices.includes(pick)) choices.push(pick);
        }
      serial++;
      rows.push({ serial, zone: zones[zone]!.id, stage, route, category: pickCategory(), choices });
    }
  };
  const pickCategory = () => {
    const r = rng.next();
    return r < 0.55
      ? 'localProperty'
      : r < 0.8
        ? 'localHukou'
        : r < 0.9
          ? 'otherDistrictProperty'
          : 'nonBeijing';
  };
  /** Children of a school moving on by a junior route: they live in its 学区 and name it. */
  const moveOn = (
    route: 'throughTrain' | 'feederQuota',
    current: PlannedUnit,
    choice: number,
    count: number,
  ) => {
    for (let i = 0; i < count; i++) {
      serial++;
      rows.push({
        serial,
        zone: zones[current.zone]!.id,
        stage: 'junior',
        route,
        category: pickCategory(),
        choices: [choice],
        currentSchoolId: current.id,
      });
    }
  };
  make('primary', 'area', primaryArea);
  make('primary', 'private', n(ENROLLMENT_2020.privatePrimaryApplicants));
  make('junior', 'area', juniorArea);
  make('junior', 'private', n(ENROLLMENT_2020.privateJuniorApplicants));
  for (const u of throughTrain) moveOn('throughTrain', u, u.id, perThroughTrain);
  const unitOf = new Map(schools.map((u) => [u.id, u]));
  for (const f of feederApplicants)
    moveOn('feederQuota', unitOf.get(f.feederSchoolId)!, f.middleSchoolId, f.applicants);
  await insertApplications(tx, rng, cipher, districtId, year!.id, rows);

  // The address ledger of earlier years: about 1 % of this year's addresses were used in 2016–2019.
  await tx.execute(sql`
    INSERT INTO enrollment_address_use (district_id, address_hash, address_masked, child_id_hash, child_name, year, school_id, span)
    SELECT a.district_id, a.address_hash, a.address_masked, md5(a.child_id_hash), '（往年）' || left(a.child_name, 1) || '某',
      2016 + (a.id % 4)::int, a.choices[1], 6
    FROM enrollment_application a WHERE a.year_id = ${year!.id} AND a.id % 97 = 5`);
  await tx.execute(sql`
    UPDATE enrollment_application a SET address_flag = jsonb_build_object('useId', u.id, 'year', u.year,
      'schoolName', o.name, 'childName', u.child_name, 'span', u.span),
      address_exception = CASE WHEN a.status = 'approved' THEN jsonb_build_object('reason', '政策允许的二孩同址入学',
        'approverId', NULL, 'approverName', '学区招生办', 'at', '2020-06-15T10:00:00+08:00') END
    FROM enrollment_address_use u LEFT JOIN org_unit o ON o.id = u.school_id
    WHERE a.year_id = ${year!.id} AND u.address_hash = a.address_hash AND u.year < 2020`);

  // Draws: private and area per stage, and the feeder quota; commitments by the commission, the
  // notary and two parents. Between them the junior routes run and the unplaced return to 派位.
  const parties = ['区教委', '公证处', '家长代表甲', '家长代表乙'];
  const draws: number[] = [];
  const runDraw = async (name: string, stage: string, route: string) => {
    const [draw] = await tx
      .insert(enrollmentDraw)
      .values({
        districtId,
        orgId: districtId,
        yearId: year!.id,
        name,
        stage,
        route,
        parties,
        createdBy: null,
      })
      .returning();
    await freezeDraw({ actor, tx, input: { id: draw!.id } });
    const secrets = parties.map(() =>
      Array.from({ length: 32 }, () => '0123456789abcdef'[rng.int(0, 15)]).join(''),
    );
    for (const [i, party] of parties.entries())
      await commitDraw({ actor, tx, input: { id: draw!.id, party, commitment: commitmentOf(secrets[i]!) } });
    for (const [i, party] of parties.entries())
      await revealDraw({ actor, tx, input: { id: draw!.id, party, reveal: secrets[i]! } });
    await tx.update(enrollmentDraw).set({ status: 'running' }).where(sql`id = ${draw!.id}`);
    await completeDraw(tx, actor, draw!.id);
    await publishDraw({ actor, tx, input: { id: draw!.id, at: PUBLISHED_AT } });
    draws.push(draw!.id);
    return draw!.id;
  };
  const unplacedFrom = [
    await runDraw('2020年民办小学摇号', 'primary', 'private'),
    await runDraw('2020年民办初中摇号', 'junior', 'private'),
  ];
  for (const u of throughTrain)
    await admitDirectly({ actor, tx, input: { yearId: year!.id, schoolId: u.id, at: PUBLISHED_AT } });
  unplacedFrom.push(await runDraw('2020年按比例对口直升摇号', 'junior', 'feederQuota'));
  for (const id of unplacedFrom) await returnUnplaced({ actor, tx, input: { id } });
  await rankReturned(tx, rng, year!.id, zones, { primaryByZone, juniorByZone, publicPrimary, publicJunior });
  await runDraw('2020年小学入学派位', 'primary', 'area');
  await runDraw('2020年小升初派位', 'junior', 'area');
  // Families answer: most confirm, about 4 % decline; confirmations record the address use.
  await tx.execute(sql`
    UPDATE enrollment_offer SET status = CASE WHEN id % 25 = 3 THEN 'declined' ELSE 'confirmed' END,
      responded_at = deadline - interval '2 days'
    WHERE district_id = ${districtId} AND status = 'offered'`);
  await tx.execute(sql`
    INSERT INTO enrollment_address_use (district_id, address_hash, address_masked, child_id_hash, child_name, year, school_id, span,
      application_id, exception_reason, exception_approver_name)
    SELECT a.district_id, a.address_hash, a.address_masked, a.child_id_hash, a.child_name, 2020, o.org_id,
      CASE WHEN s.nine_year THEN 9 ELSE 6 END, a.id, a.address_exception->>'reason', a.address_exception->>'approverName'
    FROM enrollment_offer o JOIN enrollment_application a ON a.id = o.application_id
    LEFT JOIN LATERAL (SELECT bool_or(nine_year) AS nine_year FROM enrollment_school e
      WHERE e.year_id = a.year_id AND e.school_id = o.org_id) s ON true
    WHERE a.year_id = ${year!.id} AND o.status = 'confirmed'`);
  await tx.execute(sql`
    UPDATE enrollment_waitlist w SET status = 'removed' FROM enrollment_offer o
    WHERE o.application_id = w.application_id AND o.status = 'confirmed' AND w.status = 'waiting'`);
  await insertDemoReviewBookings(tx, districtId, year!.id, zones);
  const [{ offers }] = (
    await tx.execute<{ offers: number }>(
      sql`SELECT count(*)::int AS offers FROM enrollment_offer WHERE district_id = ${districtId}`,
    )
  ).rows as [{ offers: number }];
  return {
    applications: rows.length,
    draws: draws.length,
    offers: Number(offers),
    seconds: (performance.now() - started) / 1000,
  };
}

interface Row {
  serial: number;
  zone: number;
  stage: 'primary' | 'junior';
  route: 'area' | 'private' | 'throughTrain' | 'feederQuota';
  category: string;
  choices: number[];
  /** Junior routes: the primary school the child leaves. */
  currentSchoolId?: number;
}

/**
 * The families of the children returned to 派位 rank area schools of their stage, mostly of their
 * 学区 (3 for primary, 5 for junior), as the area applicants did.
 */
async function rankReturned(
  tx: Tx,
  rng: Random,
  yearId: number,
  zones: PlannedUnit[],
  schools: {
    primaryByZone: Map<number, PlannedUnit[]>;
    juniorByZone: Map<number, PlannedUnit[]>;
    publicPrimary: PlannedUnit[];
    publicJunior: PlannedUnit[];
  },
) {
  const { rows } = await tx.execute<{ id: number; org_id: number; stage: string }>(sql`
    SELECT id, org_id, stage FROM enrollment_application
    WHERE year_id = ${yearId} AND returned_from IS NOT NULL ORDER BY id`);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const ids: number[] = [];
  const choices: string[] = [];
  for (const r of rows) {
    const primary = r.stage === 'primary';
    const all = primary ? schools.publicPrimary : schools.publicJunior;
    const byZone = primary ? schools.primaryByZone : schools.juniorByZone;
    const local = byZone.get(zoneIndex.get(Number(r.org_id)) ?? -1) ?? all;
    const picked: number[] = [];
    for (let k = 0; k < (primary ? 3 : 5) && k < local.length + 2; k++) {
      const pick = rng.pick(k < 2 || rng.chance(0.7) ? local : all).id;
      if (!picked.includes(pick)) picked.push(pick);
    }
    ids.push(Number(r.id));
    choices.push(`{${picked.join(',')}}`);
  }
  if (ids.length)
    await tx.execute(sql`
      UPDATE enrollment_application a SET choices = t.c::int[]
      FROM unnest(${arr(ids)}::bigint[], ${arr(choices)}::text[]) AS t(id, c) WHERE a.id = t.id`);
}

/** A Postgres array literal of values we generated (ids, codes, fixed words), quoted for text. */
function arr(values: (string | number | boolean)[]): string {
  return `{${values.map((v) => (typeof v === 'string' && v !== 'NULL' ? `"${v.replace(/["\\]/g, '\\$&')}"` : String(v))).join(',')}}`;
}

const REGIONS = ['110108', '110105', '110102', '110106', '110114', '110115', '110101', '110107'];

/** A valid ID number not issued before in this run (region, birth date, sequence, check digit). */
function uniqueId(used: Set<string>, birth: string, gender: 'M' | 'F', serial: number): string {
  for (let k = 0; ; k++) {
    const region = REGIONS[(serial + k) % REGIONS.length]!;
    const seq = ((serial * 7 + k * 13) % 500) * 2 + (gender === 'M' ? 1 : 0);
    const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = first17 + idNumberCheckDigit(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '子涵梓轩一诺欣怡浩然思远雨桐宇航若曦俊杰嘉怡佳琪明轩诗涵';

/** Applications in chunks through unnest (sealed fields computed here, with the platform's cipher). */
async function insertApplications(
  tx: Tx,
  rng: Random,
  cipher: FieldCipher,
  districtId: number,
  yearId: number,
  rows: Row[],
) {
  const CHUNK = 4000;
  const used = new Set<string>();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const cols: Record<string, (string | number)[]> = {
      zone: [],
      lottery: [],
      stage: [],
      route: [],
      category: [],
      name: [],
      idEnc: [],
      idHash: [],
      idMasked: [],
      birth: [],
      gender: [],
      hukou: [],
      residence: [],
      addrEnc: [],
      addrMasked: [],
      addrHash: [],
      guardians: [],
      phoneHash: [],
      choices: [],
      current: [],
      status: [],
      resub: [],
      reason: [],
    };
    for (const r of rows.slice(start, start + CHUNK)) {
      const junior = r.stage === 'junior';
      const birthYear = junior ? 2008 : 2014;
      const month = rng.int(1, 12);
      const day = rng.int(1, 28);
      const birth = `${junior ? (month > 8 ? 2007 : birthYear) : month > 8 ? 2013 : birthYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const gender = rng.chance(0.5) ? 'M' : 'F';
      const id = uniqueId(used, birth, gender, r.serial);
      const address = `北京市海淀区${rng.pick(STREETS)}${rng.int(1, 199)}号院${rng.int(1, 30)}号楼${rng.int(1, 6)}${String(rng.int(1, 28)).padStart(2, '0')}`;
      const phone = `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
      const roll = rng.next();
      const status = roll < 0.012 ? 'rejected' : 'approved';
      const resubmitted = roll >= 0.012 && roll < 0.02;
      const given = GIVEN.slice(rng.int(0, GIVEN.length / 2 - 1) * 2).slice(0, 2);
      cols.zone!.push(r.zone);
      cols.lottery!.push(
        `E2020${String(r.serial).padStart(6, '0')}${((r.serial * 7919) % 4096).toString(16).toUpperCase().padStart(3, '0')}`,
      );
      cols.stage!.push(r.stage);
      cols.route!.push(r.route);
      cols.category!.push(r.category);
      cols.name!.push(SURNAMES[rng.int(0, SURNAMES.length - 1)]! + given);
      const child = sealChildId(id);
      cols.idEnc!.push(child.childIdEnc);
      cols.idHash!.push(child.childIdHash);
      cols.idMasked!.push(child.childIdMasked);
      cols.birth!.push(birth);
      cols.gender!.push(gender);
      cols.hukou!.push(
        r.category === 'nonBeijing'
          ? 'nonBeijing'
          : r.category === 'otherDistrictProperty'
            ? 'otherDistrict'
            : 'district',
      );
      cols.residence!.push(r.category === 'nonBeijing' && rng.chance(0.7) ? 'rental' : 'property');
      const sealed = sealAddress(address);
      cols.addrEnc!.push(sealed.addressEnc);
      cols.addrMasked!.push(sealed.addressMasked);
      cols.addrHash!.push(sealed.addressHash);
      cols.guardians!.push(
        JSON.stringify([
          {
            name: `${SURNAMES[rng.int(0, 19)]}某`,
            relation: rng.chance(0.5) ? '父亲' : '母亲',
            phoneEnc: cipher.encrypt(phone),
            phoneMasked: maskPhone(phone),
          },
        ]),
      );
      cols.phoneHash!.push(cipher.lookupHash(phone));
      cols.choices!.push(`{${r.choices.join(',')}}`);
      cols.current!.push(r.currentSchoolId ?? 'NULL');
      cols.status!.push(status);
      cols.resub!.push(resubmitted ? 1 : 0);
      cols.reason!.push(
        status === 'rejected'
          ? rng.chance(0.5)
            ? '住房核验未通过：房产证与居住地址不符'
            : '社保缴纳不满12个月'
          : '',
      );
    }
    const a = (k: string, type: string) => sql.raw(`'${arr(cols[k]!).replace(/'/g, "''")}'::${type}[]`);
    await tx.execute(sql`
      INSERT INTO enrollment_application (district_id, org_id, year_id, lottery_id, stage, route, category, child_name, child_id_enc,
        child_id_hash, child_id_masked, birth_date, gender, hukou_type, residence_kind, address_enc, address_masked, address_hash,
        guardians, guardian_phone_hash, choices, current_school_id, status, resubmissions, decision_reason, decided_at, created_at)
      SELECT ${districtId}, zone, ${yearId}, lottery, stage, route, category, name, id_enc, id_hash, id_masked, birth::date, gender,
        hukou, residence, addr_enc, addr_masked, addr_hash, guardians::jsonb, phone_hash, choices::int[], current, status, resub::smallint,
        nullif(reason, ''), '2020-06-20T17:00:00+08:00', '2020-05-20T09:00:00+08:00'
      FROM unnest(${a('zone', 'int')}, ${a('lottery', 'text')}, ${a('stage', 'text')}, ${a('route', 'text')}, ${a('category', 'text')},
        ${a('name', 'text')}, ${a('idEnc', 'text')}, ${a('idHash', 'text')}, ${a('idMasked', 'text')}, ${a('birth', 'text')},
        ${a('gender', 'text')}, ${a('hukou', 'text')}, ${a('residence', 'text')}, ${a('addrEnc', 'text')}, ${a('addrMasked', 'text')},
        ${a('addrHash', 'text')}, ${a('guardians', 'text')}, ${a('phoneHash', 'text')}, ${a('choices', 'text')}, ${a('current', 'int')}, ${a('status', 'text')},
        ${a('resub', 'int')}, ${a('reason', 'text')})
      AS t(zone, lottery, stage, route, category, name, id_enc, id_hash, id_masked, birth, gender, hukou, residence, addr_enc,
        addr_masked, addr_hash, guardians, phone_hash, choices, current, status, resub, reason)`);
  }
  // Every approved application passed the three (non-Beijing: four) agencies; rejected ones failed housing or social security.
  await tx.execute(sql`
    INSERT INTO enrollment_review (application_id, agency, round, passed, reason, reviewer_name, created_at)
    SELECT a.id, g.agency, a.resubmissions, a.status = 'approved' OR g.agency NOT IN ('housing', 'socialSecurity'),
      CASE WHEN a.status = 'rejected' AND g.agency IN ('housing', 'socialSecurity') THEN a.decision_reason END,
      CASE g.agency WHEN 'education' THEN '教委审核' WHEN 'police' THEN '公安核验' WHEN 'housing' THEN '住建核验' ELSE '人社核验' END,
      '2020-06-15T10:00:00+08:00'
    FROM enrollment_application a
    CROSS JOIN (VALUES ('education'), ('police'), ('housing'), ('socialSecurity')) AS g(agency)
    WHERE a.year_id = ${yearId} AND (g.agency <> 'socialSecurity' OR a.hukou_type = 'nonBeijing')`);
}

/**
 * 预约现场审核 in June 2020, before the 学区 decided (20 June): every 学区 reviewed in half-hour slots
 * from 9:00 to 16:30 on the working days of 10–19 June (by the calendar), and asked a few other
 * families to come (over-age children). The approval waits for an attended review, so every approved
 * application reviewed in person has one: its family came to the slot it booked, or (about one in
 * seventeen) missed it and came to a later slot booked the same day — at least a day ahead, as the
 * cutoff asks. Only rejected applications keep a no-show, or no booking at all (a third of them: the
 * documents failed first). Each slot takes as many families as the busiest 学区 needs (at least 4).
 * Set-based, so it costs the same few statements at full scale.
 */
async function insertDemoReviewBookings(tx: Tx, districtId: number, yearId: number, zones: PlannedUnit[]) {
  const calendar = await loadCalendar(tx);
  const days: string[] = [];
  for (let d = 10; d <= 19; d++) {
    const date = `2020-06-${d}`;
    if (classifyDay(calendar, date).working) days.push(date);
  }
  const times = slotTimes(days, '09:00', '16:30', 30);
  const perDay = times.length / days.length;
  await tx.execute(sql`
    INSERT INTO enrollment_review_request (application_id, reason, requested_by_name, created_at)
    SELECT id, '超龄儿童：需现场核验出生医学证明原件', '学区招生办', '2020-06-05T10:00:00+08:00'
    FROM enrollment_application WHERE year_id = ${yearId} AND category <> 'nonBeijing' AND id % 151 = 7`);
  const inPerson = DEMO_CONFIG.categories.filter((c) => c.inPersonReview).map((c) => c.id);
  // The families who book, the k-th of its 学区 in id order; `missed` ones do not come the first time.
  const needs = sql`
    SELECT a.id, a.org_id, a.account_id, a.status, a.id % 17 = 3 AS missed,
      row_number() OVER (PARTITION BY a.org_id ORDER BY a.id) - 1 AS k
    FROM enrollment_application a
    WHERE a.year_id = ${yearId}
      AND (a.category = ANY(${`{${inPerson.join(',')}}`}::text[])
        OR EXISTS (SELECT 1 FROM enrollment_review_request r WHERE r.application_id = a.id))
      AND NOT (a.status <> 'approved' AND a.id % 3 = 0)`;
  const [demand] = (
    await tx.execute<{ first: number; again: number }>(sql`
      SELECT coalesce(max(f), 0)::int AS first, coalesce(max(r), 0)::int AS again FROM (
        SELECT count(*) AS f, count(*) FILTER (WHERE n.missed AND n.status = 'approved') AS r
        FROM (${needs}) n GROUP BY n.org_id) z`)
  ).rows as [{ first: number; again: number }];
  // First visits fill the first days but the last two; the second visits come a day or more later.
  const capacity = Math.max(
    4,
    Math.ceil(Number(demand.first) / ((days.length - 2) * perDay)),
    Math.ceil(Number(demand.again) / perDay),
  );
  const rows = zones.flatMap((z) => times.map((t) => ({ zone: z.id, place: `${z.name}招生办公室`, t })));
  await tx.execute(sql`
    INSERT INTO enrollment_review_slot (district_id, org_id, year_id, place, starts_at, ends_at, capacity, created_at)
    SELECT ${districtId}, z, ${yearId}, p, s::timestamptz, e::timestamptz, ${capacity}, '2020-06-01T09:00:00+08:00'
    FROM unnest(${arr(rows.map((r) => r.zone))}::int[], ${arr(rows.map((r) => r.place))}::text[],
      ${arr(rows.map((r) => r.t.startsAt.toISOString()))}::text[], ${arr(rows.map((r) => r.t.endsAt.toISOString()))}::text[])
      AS t(z, p, s, e)`);
  // The k-th family of a 学区 takes the (k / capacity)-th slot; attendance is marked 20 minutes in.
  await tx.execute(sql`
    WITH needs AS (${needs}), slots AS (
      SELECT s.id, s.org_id, s.starts_at, row_number() OVER (PARTITION BY s.org_id ORDER BY s.starts_at) - 1 AS j
      FROM enrollment_review_slot s WHERE s.year_id = ${yearId}
    )
    INSERT INTO enrollment_review_booking (district_id, org_id, slot_id, application_id, account_id, booking_no, status,
      marked_at, marked_by_name, created_at)
    SELECT ${districtId}, n.org_id, s.id, n.id, n.account_id, 'R2020-D' || lpad(n.id::text, 7, '0'),
      CASE WHEN n.missed THEN 'noShow' ELSE 'attended' END, s.starts_at + interval '20 minutes', '学区招生办',
      '2020-06-08T10:00:00+08:00'
    FROM needs n JOIN slots s ON s.org_id = n.org_id AND s.j = n.k / ${capacity}`);
  // An approved family that missed its slot booked again 40 minutes later, in the i-th free place
  // among the slots starting 25 hours or more after the 学区's last first visit, and came.
  const { rows: again } = await tx.execute<{ missed: number; booked: number }>(sql`
    WITH missed AS (
      SELECT b.application_id AS id, b.org_id, b.account_id, s.starts_at AS missed_at,
        row_number() OVER (PARTITION BY b.org_id ORDER BY b.application_id) - 1 AS i
      FROM enrollment_review_booking b JOIN enrollment_review_slot s ON s.id = b.slot_id
      JOIN enrollment_application a ON a.id = b.application_id
      WHERE s.year_id = ${yearId} AND b.status = 'noShow' AND a.status = 'approved'
    ), latest AS (
      SELECT b.org_id, max(s.starts_at) AS last FROM enrollment_review_booking b
      JOIN enrollment_review_slot s ON s.id = b.slot_id WHERE s.year_id = ${yearId} GROUP BY b.org_id
    ), later AS (
      SELECT s.id, s.org_id, s.starts_at, row_number() OVER (PARTITION BY s.org_id ORDER BY s.starts_at) - 1 AS j
      FROM enrollment_review_slot s JOIN latest l ON l.org_id = s.org_id
      WHERE s.year_id = ${yearId} AND s.starts_at >= l.last + interval '25 hours'
    ), booked AS (
      INSERT INTO enrollment_review_booking (district_id, org_id, slot_id, application_id, account_id, booking_no, status,
        marked_at, marked_by_name, created_at)
      SELECT ${districtId}, m.org_id, s.id, m.id, m.account_id, 'R2020-E' || lpad(m.id::text, 7, '0'), 'attended',
        s.starts_at + interval '20 minutes', '学区招生办', m.missed_at + interval '40 minutes'
      FROM missed m JOIN later s ON s.org_id = m.org_id AND s.j = m.i / ${capacity}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM missed)::int AS missed, (SELECT count(*) FROM booked)::int AS booked`);
  if (Number(again[0]!.missed) !== Number(again[0]!.booked))
    throw new Error(`demo: ${again[0]!.missed} missed reviews, only ${again[0]!.booked} booked again`);
}
