import { sql } from 'drizzle-orm';
import type { Actor } from '../server/core/access/index.ts';
import type { Tx } from '../server/core/db/index.ts';
import { completePlan, createPlanVersion, lockPlan, publishPlan } from '../server/modules/exams/index.ts';
import { exam, examDayRecord, examSession, examSite } from '../server/modules/exams/schema.ts';
import type { PlannedUnit } from './plan.ts';
import type { Random } from './random.ts';

/**
 * The 2020 中考 of the seed report: 17,526 candidates (grade-9 students of the district's secondary
 * schools) at host schools' sites, 20 per room (4 × 5), at least 3 backup rooms per site, invigilators
 * from primary schools' teachers (never their own pupils), a few with a relative sitting the exam;
 * arranged by the engine, reviewed, locked and published; a few exam-day records on the first paper.
 * `scale` shrinks it like the people (tests and browser journeys).
 */
export const ZHONGKAO_2020 = { candidates: 17_526, perRoom: 20, backups: 3 };

const SESSIONS: [subject: string, start: string, end: string][] = [
  ['语文', '2020-07-18T09:00:00+08:00', '2020-07-18T11:30:00+08:00'],
  ['数学', '2020-07-18T15:00:00+08:00', '2020-07-18T17:00:00+08:00'],
  ['英语', '2020-07-19T09:00:00+08:00', '2020-07-19T10:40:00+08:00'],
  ['物理', '2020-07-19T15:00:00+08:00', '2020-07-19T16:30:00+08:00'],
  ['道德与法治', '2020-07-20T09:00:00+08:00', '2020-07-20T10:30:00+08:00'],
  ['化学', '2020-07-20T15:00:00+08:00', '2020-07-20T16:00:00+08:00'],
];
const SECONDARY = new Set(['junior', 'complete', 'nineYear', 'twelveYear']);

export interface ExamsDemoSummary {
  candidates: number;
  sites: number;
  rooms: number;
  invigilators: number;
  resultHash: string;
  seconds: number;
}

export async function insertDemoExam(
  tx: Tx,
  options: { rng: Random; districtId: number; units: PlannedUnit[]; scale: number },
): Promise<ExamsDemoSummary> {
  const started = performance.now();
  const { rng, districtId, units, scale } = options;
  // The district's arrangement is run by the system on the district office's behalf.
  const actor: Actor = {
    accountId: null,
    username: 'system:demo',
    displayName: 'demo',
    districtId,
    orgId: districtId,
    grants: [{ role: 'sysAdmin', orgId: districtId }],
  };
  const [row] = await tx
    .insert(exam)
    .values({
      districtId,
      orgId: districtId,
      code: 'ZK2020',
      name: '2020年海淀区初中学业水平考试（中考）',
      kind: 'zhongkao',
      year: 2020,
      rules: {
        rows: 5,
        cols: 4,
        adjacency: 'orthogonal',
        invigilatorsPerRoom: 2,
        backupRoomsPerSite: ZHONGKAO_2020.backups,
        roversPerSite: 1,
        ticketPattern: '1108{site}{room:2}{seat:2}',
      },
    })
    .returning();
  const examId = row!.id;
  await tx.insert(examSession).values(
    SESSIONS.map(([subject, start, end]) => ({
      examId,
      subject,
      startsAt: new Date(start),
      endsAt: new Date(end),
    })),
  );

  // Candidates: grade-9 students, school by school, as many as the report's figure (scaled).
  const wanted = Math.max(60, Math.round(ZHONGKAO_2020.candidates * scale));
  const secondary = units.filter((u) => u.kind === 'school' && SECONDARY.has(u.stage ?? ''));
  const perSchool = await tx.execute<{ org_id: number; n: number }>(sql`
    SELECT org_id, count(*)::int AS n FROM person
    WHERE district_id = ${districtId} AND kind = 'student' AND grade = 9
    GROUP BY org_id ORDER BY org_id`);
  const counts = new Map(perSchool.rows.map((r) => [Number(r.org_id), Number(r.n)]));
  // Host schools: the larger complete/senior schools, one site per ≈ 460 candidates.
  const siteCount = Math.max(2, Math.round(wanted / 460));
  const hosts = units
    .filter(
      (u) =>
        u.kind === 'school' && (u.stage === 'complete' || u.stage === 'senior') && u.ownership === 'public',
    )
    .sort((a, b) => (b.capacity ?? 0) - (a.capacity ?? 0) || a.code.localeCompare(b.code))
    .slice(0, siteCount);
  const sites = await tx
    .insert(examSite)
    .values(
      hosts.map((h, i) => ({
        examId,
        districtId,
        orgId: h.id,
        code: String(i + 1).padStart(2, '0'),
        name: `${h.shortName ?? h.name}考点`,
        rooms: 40,
        accessibleRooms: 1,
        address: h.address,
      })),
    )
    .returning({ id: examSite.id, orgId: examSite.orgId });
  // A school's candidates go to sites in chunks of at most 60 (three rooms), each chunk to the least
  // loaded site of its zone that does not hold the school yet (else the least loaded anywhere): so a
  // site mixes several schools and no school fills half a room, which the adjacency rule could not seat.
  const zoneOf = new Map(units.map((u) => [u.id, u.zone]));
  const load = new Map(sites.map((s) => [s.id, 0]));
  let remaining = wanted;
  const taking: { orgId: number; n: number; offset: number; siteId: number }[] = [];
  const CHUNK = 60;
  for (const school of secondary.sort((a, b) => a.code.localeCompare(b.code))) {
    const n = Math.min(counts.get(school.id) ?? 0, remaining);
    remaining -= n;
    const used = new Set<number>();
    for (let offset = 0; offset < n; offset += CHUNK) {
      const size = Math.min(CHUNK, n - offset);
      const free = sites.filter((s) => !used.has(s.id));
      const near = free.filter((s) => zoneOf.get(s.orgId) === school.zone);
      const pool = near.length ? near : free.length ? free : sites;
      const emptiest = (list: typeof sites) =>
        list.reduce((best, s) => (load.get(s.id)! < load.get(best.id)! ? s : best));
      // A zone's own sites first, unless they are already much fuller than the emptiest one.
      const nearest = emptiest(pool);
      const anywhere = emptiest(free.length ? free : sites);
      const site = load.get(nearest.id)! > load.get(anywhere.id)! + 2 * CHUNK ? anywhere : nearest;
      load.set(site.id, load.get(site.id)! + size);
      used.add(site.id);
      taking.push({ orgId: school.id, n: size, offset, siteId: site.id });
    }
  }
  const orgIds = taking.map((t) => t.orgId);
  const limits = taking.map((t) => t.n);
  const offsets = taking.map((t) => t.offset);
  const siteIds = taking.map((t) => t.siteId);
  // 四同: the foreign language decides the paper (English for most; Japanese and Russian for a few);
  // about one in a thousand needs a large-print or braille paper (a special room).
  await tx.execute(sql`
    INSERT INTO exam_candidate (exam_id, district_id, org_id, site_id, person_id, registration_no, name, gender,
      id_number_enc, id_number_hash, id_number_masked, group_code, accommodation)
    SELECT ${examId}, ${districtId}, p.org_id, s.site_id, p.id,
      '2011' || lpad((row_number() OVER (ORDER BY p.org_id, p.id))::text, 6, '0'),
      p.name, p.gender, p.id_number_enc, p.id_number_hash, p.id_number_masked,
      CASE WHEN p.id % 50 = 7 THEN '日语' WHEN p.id % 97 = 3 THEN '俄语' ELSE '英语' END,
      CASE WHEN p.id % 1000 = 11 THEN '大字号试卷' WHEN p.id % 3000 = 29 THEN '盲文试卷' END
    FROM unnest(${sql.raw(`'{${orgIds.join(',')}}'::int[]`)}, ${sql.raw(`'{${limits.join(',')}}'::int[]`)},
                ${sql.raw(`'{${offsets.join(',')}}'::int[]`)}, ${sql.raw(`'{${siteIds.join(',')}}'::bigint[]`)})
      AS s(org_id, n, skip, site_id)
    CROSS JOIN LATERAL (
      SELECT id, org_id, name, gender, id_number_enc, id_number_hash, id_number_masked FROM person
      WHERE org_id = s.org_id AND kind = 'student' AND grade = 9 ORDER BY id LIMIT s.n OFFSET s.skip
    ) p`);
  // Japanese and Russian papers, and the large-print and braille rooms, are held at designated sites
  // (as the district does), so that small groups do not leave a half-empty room at every site.
  const designated = (i: number) => sites[Math.min(i, sites.length - 1)]!.id;
  await tx.execute(sql`
    UPDATE exam_candidate SET site_id = CASE
      WHEN accommodation IS NOT NULL THEN ${designated(2)}::bigint
      WHEN group_code = '日语' THEN ${designated(0)}::bigint
      ELSE ${designated(1)}::bigint END
    WHERE exam_id = ${examId} AND (accommodation IS NOT NULL OR group_code <> '英语')`);
  // Rooms per site: what its candidates need, the backups, and a little to spare.
  await tx.execute(sql`
    UPDATE exam_site t SET rooms = need.rooms + ${ZHONGKAO_2020.backups} + 2
    FROM (
      SELECT site_id, sum(ceil(n / ${ZHONGKAO_2020.perRoom}::numeric))::int AS rooms FROM (
        SELECT site_id, group_code, accommodation IS NOT NULL AS special, count(*) AS n
        FROM exam_candidate WHERE exam_id = ${examId} GROUP BY 1, 2, 3) g
      GROUP BY site_id) need
    WHERE t.id = need.site_id`);

  // Invigilators: primary-school teachers (2 per room and a reserve), 1 in 80 with a relative sitting.
  const [{ rooms }] = (
    await tx.execute<{ rooms: number }>(
      sql`SELECT coalesce(sum(rooms), 0)::int AS rooms FROM exam_site WHERE exam_id = ${examId}`,
    )
  ).rows as [{ rooms: number }];
  const invigilatorCount = Math.round(Number(rooms) * 2 * 1.15);
  await tx.execute(sql`
    INSERT INTO exam_invigilator (exam_id, district_id, org_id, person_id, staff_no, name, relative_site_ids, experience_years)
    SELECT ${examId}, ${districtId}, p.org_id, p.id, 'J' || lpad(p.id::text, 8, '0'), p.name,
      CASE WHEN p.id % 80 = 1 THEN ARRAY[(SELECT id FROM exam_site WHERE exam_id = ${examId} ORDER BY code
        OFFSET (p.id % ${sites.length}) LIMIT 1)] ELSE '{}'::bigint[] END,
      (p.id % 20)::smallint
    FROM person p JOIN org_unit u ON u.id = p.org_id
    WHERE p.district_id = ${districtId} AND p.kind = 'staff' AND p.position = '教师' AND u.stage = 'primary'
    ORDER BY p.id LIMIT ${invigilatorCount}`);

  const seed = Array.from({ length: 32 }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
  const plan = await createPlanVersion(tx, actor, examId, seed);
  await completePlan(tx, actor, plan.id);
  const [done] = (
    await tx.execute<{ status: string; result_hash: string; reasons: unknown }>(
      sql`SELECT status, result_hash, reasons FROM exam_plan WHERE id = ${plan.id}`,
    )
  ).rows;
  if (done?.status !== 'ready')
    throw new Error(`demo: the 2020 中考 could not be arranged: ${JSON.stringify(done?.reasons)}`);
  await lockPlan({ actor, tx, input: { examId, version: plan.version } });
  await publishPlan({ actor, tx, input: { examId, version: plan.version } });

  // The first paper: about 0.4 % absent, a few moved to a backup room, two incidents.
  const [first] = await tx
    .select({ id: examSession.id })
    .from(examSession)
    .where(sql`${examSession.examId} = ${examId}`)
    .orderBy(examSession.startsAt)
    .limit(1);
  await tx.execute(sql`
    INSERT INTO ${examDayRecord} (exam_id, session_id, candidate_id, site_id, kind, note)
    SELECT ${examId}, ${first!.id}, c.id, c.site_id,
      CASE WHEN c.id % 997 = 5 THEN 'incident' ELSE 'absent' END,
      CASE WHEN c.id % 997 = 5 THEN '携带手机进入考场，已按规定处理' END
    FROM exam_candidate c WHERE c.exam_id = ${examId} AND (c.id % 250 = 3 OR c.id % 997 = 5)`);
  await tx.execute(sql`
    INSERT INTO ${examDayRecord} (exam_id, session_id, candidate_id, site_id, kind, to_room_id, note)
    SELECT DISTINCT ON (c.site_id) ${examId}, ${first!.id}, c.id, c.site_id, 'moved', b.id, '体温复测异常，转入备用考场'
    FROM exam_candidate c
    JOIN exam_room b ON b.plan_id = ${plan.id} AND b.site_id = c.site_id AND b.kind = 'backup'
    WHERE c.exam_id = ${examId} AND c.id % 400 = 17
    ORDER BY c.site_id, c.id, b.room_no`);

  const summary = (
    await tx.execute<{ candidates: number; rooms: number; invigilators: number }>(sql`
      SELECT (SELECT count(*)::int FROM exam_candidate WHERE exam_id = ${examId}) AS candidates,
             (SELECT count(*)::int FROM exam_room WHERE plan_id = ${plan.id}) AS rooms,
             (SELECT count(*)::int FROM exam_invigilator WHERE exam_id = ${examId}) AS invigilators`)
  ).rows[0]!;
  return {
    candidates: Number(summary.candidates),
    sites: sites.length,
    rooms: Number(summary.rooms),
    invigilators: Number(summary.invigilators),
    resultHash: done.result_hash,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
