import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Calendar, type ClockRule, dueDate } from '../engines/clock/index.ts';
import { systemActor } from '../server/core/access/index.ts';
import { recordAudit } from '../server/core/audit/index.ts';
import { loadCalendar, seedCalendar } from '../server/core/calendar/index.ts';
import type { FieldCipher } from '../server/core/crypto/index.ts';
import { maskPhone } from '../server/core/crypto/pii.ts';
import type { Db, Tx } from '../server/core/db/index.ts';
import { segment } from '../server/core/search/index.ts';
import { type defaultCatalogue, ensureDefaultCatalogue } from '../server/modules/cases/catalogue.ts';
import { caseCatalogue } from '../server/modules/cases/schema.ts';
import { copyLine } from './copy.ts';
import { givenName, surname } from './names.ts';
import type { PlannedUnit } from './plan.ts';
import type { Random } from './random.ts';

/**
 * A year of 接诉即办 and 信访 at the seed's scale (2020: 21,323 work orders, 1,455 petition letters):
 * orders across the catalogue with the seasons (enrollment May–July, term start, training refunds,
 * heating in winter), each walked through its life — signed for, dispatched to a school, zone or
 * department, contacted, replied, called back — with per-unit quality so that the rankings have
 * shape; the last days' cases still open, some at risk. Written with COPY; clocks from the engine.
 */

const ORDERS = 21_323;
const PETITIONS = 1_455;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Code = (typeof defaultCatalogue)[number]['code'];
/** Relative volume of each category by month (Jan … Dec). */
const SEASONS: Record<Code, { weight: number; months: number[] }> = {
  ENROLL: { weight: 16, months: [2, 2, 3, 5, 10, 12, 10, 5, 3, 1, 1, 1] },
  STATUS: { weight: 7, months: [3, 5, 3, 2, 2, 3, 6, 10, 8, 3, 2, 2] },
  FEES: { weight: 7, months: [2, 8, 8, 3, 2, 2, 2, 3, 10, 4, 3, 2] },
  TEACHER: { weight: 8, months: [4, 2, 5, 5, 5, 5, 2, 2, 6, 6, 6, 5] },
  TEACHING: { weight: 12, months: [6, 2, 6, 6, 6, 8, 2, 2, 8, 8, 8, 6] },
  FOOD: { weight: 7, months: [4, 2, 6, 6, 6, 5, 1, 1, 7, 6, 6, 5] },
  AFTERCLASS: { weight: 6, months: [3, 4, 7, 5, 5, 4, 1, 2, 10, 6, 5, 4] },
  TRAFFIC: { weight: 6, months: [4, 3, 6, 5, 5, 5, 2, 3, 9, 6, 5, 4] },
  TRAINING: { weight: 14, months: [10, 8, 6, 5, 5, 6, 9, 10, 8, 5, 6, 9] },
  UTILITY: { weight: 6, months: [10, 8, 4, 2, 2, 3, 3, 2, 3, 4, 10, 12] },
  SAFETY: { weight: 2, months: [4, 3, 5, 5, 5, 5, 3, 3, 5, 5, 5, 4] },
  BUILDING: { weight: 4, months: [3, 3, 4, 5, 5, 6, 8, 8, 4, 3, 3, 3] },
  OTHER: { weight: 5, months: [5, 4, 5, 5, 5, 5, 4, 4, 5, 5, 5, 5] },
};

/** Titles and contents per category; {s} is the school, {g} a grade. Recurring words make clusters. */
const TEXTS: Record<Code, [string, string][]> = {
  ENROLL: [
    ['咨询小学入学登记时间', '市民来电咨询孩子{g}入学信息采集和登记入学的时间、所需材料，希望尽快答复。'],
    [
      '反映入学派位结果异议',
      '家长反映对{s}片区派位结果有异议，认为户籍在本片区却未派入{s}，要求说明派位规则。',
    ],
    [
      '咨询非京籍入学审核材料',
      '非京籍家长咨询孩子入学需要的居住证明和社保证明材料，反映审核材料要求不清楚。',
    ],
    ['反映学区划片调整', '居民反映小区划片由{s}调整到其他学校，入学距离变远，希望恢复原划片。'],
  ],
  STATUS: [
    ['咨询转学手续办理', '家长咨询孩子从外区转入{s}{g}的转学手续和学籍转接办理流程。'],
    ['反映学籍信息错误', '家长反映孩子在{s}的学籍信息姓名有误，影响升学报名，要求更正学籍。'],
  ],
  FEES: [
    ['反映学校收取资料费', '家长反映{s}{g}收取资料费和班费，认为属于违规收费，要求退还。'],
    ['咨询校服费用标准', '家长反映{s}校服价格偏高，且要求统一购买，咨询校服收费标准。'],
  ],
  TEACHER: [
    ['反映教师体罚学生', '家长反映{s}{g}班主任体罚学生，罚站时间过长，要求学校调查处理。'],
    ['反映教师有偿补课', '市民反映{s}教师在校外有偿补课并暗示学生参加，要求查处师德问题。'],
    ['反映教师言语不当', '家长反映{s}教师在课堂上言语不当，伤害孩子自尊心。'],
  ],
  TEACHING: [
    ['学校作业负担过重', '家长反映{s}{g}每天作业量大，孩子写作业到深夜，作业负担过重，希望减轻作业负担。'],
    ['反映学校考试排名', '家长反映{s}{g}公布考试成绩排名，给孩子造成压力，要求停止排名。'],
    ['反映课时安排不合理', '家长反映{s}体育课被占用，课时安排不合理。'],
  ],
  FOOD: [
    ['反映学校食堂饭菜质量', '家长反映{s}食堂饭菜质量差、分量少，孩子吃不饱，要求改善食堂供餐。'],
    ['反映供餐公司卫生问题', '家长反映{s}配餐公司送餐卫生不达标，饭菜有异物，要求更换供餐公司。'],
  ],
  AFTERCLASS: [
    ['咨询课后服务时间', '家长咨询{s}课后服务结束时间，反映放学时间与下班时间冲突，希望延长课后服务。'],
    ['反映课后服务收费', '家长反映{s}课后服务收费标准不清楚，课后服务内容单一。'],
  ],
  TRAFFIC: [
    ['反映学校周边交通拥堵', '市民反映{s}门口上下学时段交通拥堵、家长违章停车，存在安全隐患。'],
    ['反映校门口摊贩', '居民反映{s}校门口有流动摊贩售卖三无食品，影响学生安全。'],
  ],
  TRAINING: [
    [
      '校外培训机构拒绝退费',
      '家长反映孩子报名的校外培训机构停课后拒绝退费，预付课时费无法退还，要求协调退费。',
    ],
    ['反映培训机构违规培训', '市民反映某培训机构在周末违规开展学科类培训，要求查处。'],
    ['培训机构跑路退费', '多名家长反映培训机构突然关门，预收费用未退，要求教委协调退费。'],
  ],
  UTILITY: [
    ['反映教室暖气不热', '家长反映{s}教室暖气不热，孩子上课冻手，要求尽快维修供暖。'],
    ['反映学校停水停电', '家长反映{s}今日停水，卫生间无法使用，要求尽快恢复供水。'],
  ],
  SAFETY: [
    ['学生在校受伤', '家长反映孩子在{s}体育课上受伤，学校未及时通知家长，要求说明情况。'],
    ['校园欺凌事件', '家长反映孩子在{s}遭受同学欺凌，要求学校立即处理并保障孩子安全。'],
  ],
  BUILDING: [
    ['反映校舍施工噪音', '居民反映{s}校舍改扩建施工夜间噪音扰民，要求限制施工时间。'],
    ['咨询新建学校开学时间', '居民咨询小区配套新建学校的建设进度和开学时间。'],
  ],
  OTHER: [
    ['咨询教师资格认定', '市民咨询教师资格认定的报名时间和所需材料。'],
    ['咨询学历证明办理', '市民咨询毕业证遗失后学历证明的办理流程。'],
  ],
};

/** The department that handles a district-level category (the commission's own handling). */
const DEPARTMENT_OF: Partial<Record<Code, string>> = {
  ENROLL: '基础教育科',
  TRAINING: '民办教育管理科',
  BUILDING: '财务科',
  OTHER: '人事科',
  SAFETY: '安全稳定科',
};

const CASE_COLUMNS = [
  'id',
  'district_id',
  'org_id',
  'kind',
  'external_no',
  'channel',
  'catalogue_id',
  'category_code',
  'title',
  'content',
  'words',
  'subject_org_id',
  'complainant_name_masked',
  'complainant_name_enc',
  'complainant_phone_enc',
  'complainant_phone_hash',
  'complainant_phone_masked',
  'anonymous',
  'accusation',
  'accused_org_id',
  'state',
  'received_at',
  'dispatched_at',
  'signed_for_at',
  'contacted_at',
  'replied_at',
  'accepted_at',
  'opinion_at',
  'closed_at',
  'due_kind',
  'due_at',
  'risk_at',
  'sign_for_due_at',
  'contact_due_at',
  'reply_due_at',
  'on_time',
  'return_count',
  'callback_at',
  'callback_valid',
  'callback_solved',
  'callback_satisfaction',
  'rank_month',
  'detail',
  'link_group_id',
] as const;
const EVENT_COLUMNS = [
  'id',
  'case_id',
  'district_id',
  'org_id',
  'action',
  'from_state',
  'to_state',
  'actor_name',
  'reason',
  'payload',
  'at',
];
const CLOCK_COLUMNS = [
  'id',
  'case_id',
  'district_id',
  'kind',
  'rule',
  'started_at',
  'due_at',
  'status',
  'stopped_at',
  'extensions',
  'paused_since',
  'pause_reason',
];

type Field = string | number | null;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const bool = (b: boolean | null) => (b === null ? null : b ? 't' : 'f');
const month = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 7);
const textArray = (words: string[]) => `{${words.map((w) => `"${w.replace(/["\\]/g, '')}"`).join(',')}}`;

export interface CasesDemoSummary {
  orders: number;
  petitions: number;
  events: number;
  clocks: number;
  seconds: number;
}

/**
 * Generate the year of cases into the demo transaction (`tx` on `client`). `scale` shrinks the
 * volume like the people's; `now` is the end of the year (default: now, kept inside the calendar: see `end`).
 */
export async function insertDemoCases(
  db: Db,
  tx: Tx,
  client: pg.PoolClient,
  options: {
    rng: Random;
    districtId: number;
    units: PlannedUnit[];
    cipher: FieldCipher;
    scale: number;
    now?: number;
  },
): Promise<CasesDemoSummary> {
  const started = performance.now();
  const { rng, districtId, units, cipher } = options;
  await seedCalendar(db);
  const calendar = await loadCalendar(tx);
  await ensureDefaultCatalogue(tx, districtId);
  const catalogue = await tx.select().from(caseCatalogue);
  const entryOf = new Map(
    catalogue.filter((c) => c.districtId === districtId).map((c) => [c.code as Code, c]),
  );
  const lastYear = Math.max(...calendar.years);
  // The year ends by 30 September of the calendar's last year, so that every clock still running
  // (a petition's 60 days plus a 30-day extension) ends inside the calendar: past it, the engine
  // rightly refuses to compute (the full-scale demo hit 2027 with an end of 25 November).
  const end = Math.min(options.now ?? Date.now(), Date.parse(`${lastYear}-09-30T00:00:00+08:00`));
  const start = end - 365 * DAY;

  const schools = units.filter((u) => u.kind === 'school' || u.kind === 'kindergarten');
  const zones = units.filter((u) => u.kind === 'zone');
  const departments = new Map(units.filter((u) => u.kind === 'department').map((u) => [u.name, u.id]));
  const zoneOf = (u: PlannedUnit) => zones[u.zone]?.id ?? districtId;
  // Bigger schools hear more complaints; each unit has a handling quality that shapes its rates.
  const schoolWeights = schools.map((s) => [s, Math.sqrt(s.students + 50)] as const);
  const quality = new Map<number, number>();
  const qualityOf = (id: number) => {
    if (!quality.has(id)) quality.set(id, 0.62 + rng.next() * 0.34);
    return quality.get(id)!;
  };

  const ids = async (table: string, n: number) => {
    const { rows } = await client.query(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), nextval(pg_get_serial_sequence('${table}', 'id')) + $1 - 1) - $1 + 1 AS first`,
      [n],
    );
    return Number(rows[0].first);
  };
  const orderCount = Math.max(1, Math.round(ORDERS * options.scale));
  const petitionCount = Math.max(1, Math.round(PETITIONS * options.scale));
  let caseId = await ids('case_record', orderCount + petitionCount);
  let eventId = await ids('case_event', (orderCount + petitionCount) * 14);
  let clockId = await ids('case_clock', (orderCount + petitionCount) * 6);

  const mergedRows: [number, number, string][] = [];
  const linkRows: [number, number][] = [];
  const caseLines: string[] = [];
  const eventLines: string[] = [];
  const clockLines: string[] = [];
  const memo = new Map<string, number>();
  const due = (from: number, rule: ClockRule, extension?: { days: number }) => {
    const key =
      'hours' in rule
        ? null
        : `${Math.floor((from + 8 * HOUR) / DAY)}|${JSON.stringify(rule)}|${extension?.days ?? 0}`;
    if (key && memo.has(key)) return memo.get(key)!;
    const result = dueDate({
      start: new Date(from),
      rule,
      calendar: calendar as Calendar,
      extensions: extension ? [{ ...extension, approver: '区教委', reason: '情况复杂' }] : [],
    });
    const ms = Date.parse(result.due);
    if (key) memo.set(key, ms);
    return ms;
  };

  // ── 12345 orders ────────────────────────────────────────────────────────────────────────
  const monthWeights = (Object.keys(SEASONS) as Code[]).flatMap((code) =>
    SEASONS[code].months.map((w, m) => [[code, m] as const, SEASONS[code].weight * w] as const),
  );
  const recentByPlace = new Map<string, { id: number; at: number; code: Code }[]>();
  let events = 0;
  let clocks = 0;
  const officeName = '区教委接诉即办专班';
  for (let i = 0; i < orderCount; i++) {
    const [code, m] = rng.weighted(monthWeights);
    const entry = entryOf.get(code)!;
    const received = pickInMonth(rng, start, end, m);
    const id = caseId++;
    const school = rng.weighted(schoolWeights);
    const [titleT, contentT] = rng.pick(TEXTS[code]);
    const grade = `${rng.int(1, 9)}年级`;
    const fill = (t: string) => t.replaceAll('{s}', school.name).replaceAll('{g}', grade);
    const title = fill(titleT);
    const content = fill(contentT);
    // 1 % are repeat calls about the same matter at the same school: merged into the first.
    const place = `${school.id}:${code}`;
    const earlier = recentByPlace.get(place)?.find((e) => received - e.at > 0 && received - e.at < 10 * DAY);
    const mergedInto = earlier && rng.chance(0.35) ? earlier.id : null;
    if (mergedInto === null)
      recentByPlace.set(place, [...(recentByPlace.get(place) ?? []).slice(-3), { id, at: received, code }]);
    const unitKind = entry.unitKind;
    const handler =
      unitKind === 'school'
        ? school.id
        : unitKind === 'zone'
          ? zoneOf(school)
          : (departments.get(DEPARTMENT_OF[code] ?? '') ?? districtId);
    const q = qualityOf(handler);
    const signForHours = Number(entry.signForHours);
    const contactHours = Number(entry.firstContactHours);
    const replyRule = entry.replyRule as ClockRule;
    const ev: {
      action: string;
      from: string | null;
      to: string;
      at: number;
      org: number;
      reason?: string;
      payload?: object;
    }[] = [];
    const ck: {
      kind: string;
      rule: ClockRule;
      from: number;
      due: number;
      stop: number | null;
      ext?: object[];
    }[] = [];
    let state = 'dispatched';
    let org = districtId;
    const step = (
      action: string,
      to: string,
      at: number,
      extra: { reason?: string; payload?: object; org?: number } = {},
    ) => {
      ev.push({
        action,
        from: ev.length ? state : null,
        to,
        at,
        org: extra.org ?? org,
        reason: extra.reason,
        payload: extra.payload,
      });
      state = to;
    };
    const clock = (kind: string, rule: ClockRule, from: number, stop: number | null) => {
      ck.push({ kind, rule, from, due: due(from, rule), stop });
    };
    const reached = (at: number) => at <= end;
    ev.push({
      action: 'intake',
      from: null,
      to: 'dispatched',
      at: received,
      org: districtId,
      payload: { categoryCode: code },
    });
    const signAt = received + rng.next() * signForHours * 1.15 * HOUR;
    const replyDue = due(received, replyRule);
    const times: Record<string, number | null> = {
      dispatched: received,
      signed: null,
      contacted: null,
      replied: null,
      callback: null,
      closed: null,
    };
    let onTime: boolean | null = null;
    let returnCount = 0;
    let callback: { valid: boolean; solved: boolean; satisfaction: string } | null = null;
    let extension: { days: number } | null = null;
    clock('sign_for', { hours: signForHours }, received, reached(signAt) ? signAt : null);
    let cursor = received;
    if (mergedInto !== null && reached(received + HOUR)) {
      step('merge', 'merged', received + HOUR, {
        reason: '同一诉求重复来电',
        payload: { intoId: mergedInto },
      });
    } else if (reached(signAt)) {
      step('sign_for', 'signed_for', signAt);
      times.signed = signAt;
      cursor = signAt;
      if (handler !== districtId) {
        // Dispatched down; 4 % of school orders come back (退单) and go to the zone instead.
        let target = handler;
        const dispatchAt = cursor + (0.2 + rng.next()) * HOUR;
        if (!reached(dispatchAt)) target = districtId;
        else {
          step('dispatch', 'dispatched', dispatchAt, { org: target, payload: { orgId: target } });
          org = target;
          cursor = dispatchAt;
          if (unitKind === 'school' && rng.chance(0.04)) {
            const retAt = cursor + rng.next() * 2 * HOUR;
            if (reached(retAt + 2 * HOUR)) {
              step('request_return', 'return_requested', retAt, {
                reason: '该事项不属本校职责',
                payload: { catalogueCode: 'TRAFFIC', suggestedOrgId: zoneOf(school) },
              });
              step('approve_return', 'returned', retAt + HOUR, { org });
              returnCount = 1;
              org = districtId;
              target = zoneOf(school);
              step('dispatch', 'dispatched', retAt + 2 * HOUR, { org: target, payload: { orgId: target } });
              org = target;
              cursor = retAt + 2 * HOUR;
            }
          }
          const schoolSign = cursor + rng.next() * signForHours * 1.1 * HOUR;
          clock('sign_for', { hours: signForHours }, cursor, reached(schoolSign) ? schoolSign : null);
          if (reached(schoolSign)) {
            step('sign_for', 'signed_for', schoolSign);
            cursor = schoolSign;
          } else cursor = Number.POSITIVE_INFINITY;
        }
      }
      if (cursor !== Number.POSITIVE_INFINITY) {
        const contacted = rng.chance(0.93 + q * 0.06);
        const contactAt = cursor + rng.next() * contactHours * (contacted ? 0.9 : 1.3) * HOUR;
        clock(
          'first_contact',
          { hours: contactHours },
          cursor,
          reached(contactAt) && contacted ? contactAt : null,
        );
        if (contacted && reached(contactAt)) {
          step('contact', 'contacted', contactAt);
          times.contacted = contactAt;
          cursor = contactAt;
          step('start', 'in_progress', cursor + 10 * 60_000);
        }
        if (times.contacted !== null || !contacted) {
          const span = replyDue - received;
          const late = rng.chance(0.08 - q * 0.06);
          if (!late && rng.chance(0.03)) extension = { days: 'hours' in replyRule ? 1 : 5 };
          const limit = extension ? due(received, replyRule, extension) : replyDue;
          const replyAt = late
            ? limit + rng.next() * 0.3 * span
            : Math.max(cursor + HOUR, received + (0.25 + rng.next() * 0.7) * (limit - received));
          if (extension && reached(received + 0.5 * span)) {
            step('request_extension', 'extension_requested', received + 0.4 * span, {
              reason: '涉及多部门协调',
              payload: extension,
            });
            step('grant_extension', 'in_progress', received + 0.5 * span, {
              reason: '同意延期，已告知诉求人和市民热线服务中心',
            });
          }
          if (reached(replyAt) && (times.contacted !== null || !contacted)) {
            if (state !== 'in_progress') step('start', 'in_progress', Math.min(replyAt, cursor + HOUR));
            step('reply', 'replied', replyAt, { payload: { reply: '已核实情况并答复诉求人' } });
            times.replied = replyAt;
            onTime = replyAt <= limit;
            const callbackAt = replyAt + (0.5 + rng.next() * 2.5) * DAY;
            if (reached(callbackAt)) {
              const valid = rng.chance(0.92);
              const solved = rng.chance(q * (times.contacted ? 1 : 0.7));
              const r = rng.next();
              const satisfaction = solved
                ? r < q * 0.85
                  ? 'satisfied'
                  : r < 0.93
                    ? 'basically_satisfied'
                    : 'unsatisfied'
                : r < 0.15
                  ? 'basically_satisfied'
                  : 'unsatisfied';
              callback = { valid, solved, satisfaction };
              step('record_callback', 'callback', callbackAt, { payload: callback });
              times.callback = callbackAt;
              const closeAt = callbackAt + rng.next() * DAY;
              if (reached(closeAt)) {
                step('close', 'closed', closeAt);
                times.closed = closeAt;
              }
            }
          }
        }
      }
    }
    const reply = {
      kind: 'reply',
      rule: replyRule,
      from: received,
      due: extension ? due(received, replyRule, extension) : replyDue,
      stop: times.replied,
      ext: extension ? [{ ...extension, approver: '区教委', reason: '涉及多部门协调' }] : [],
    };
    ck.push(reply);
    const open = state !== 'closed' && state !== 'merged';
    const running = ck.filter((k) => k.stop === null && open);
    const next = running.sort((a, b) => a.due - b.due)[0];
    const words = segment(`${title} ${content}`).filter((w) => [...w].length >= 2);
    const anonymous = rng.chance(0.15);
    const name = anonymous ? null : surname(rng) + (rng.chance(0.5) ? '先生' : '女士');
    const phone = anonymous ? null : `1${rng.pick(['3', '5', '8', '9'])}${rng.digits(9)}`;
    caseLines.push(
      copyLine([
        id,
        districtId,
        org,
        'hotline',
        `GD${new Date(received + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '')}${String(i).padStart(6, '0')}`,
        rng.weighted([
          ['phone', 70],
          ['app', 15],
          ['web', 8],
          ['wechat', 7],
        ]),
        entry.id,
        code,
        title,
        content,
        textArray(words),
        school.id,
        name ? `${name[0]}**` : null,
        name ? cipher.encrypt(name) : null,
        phone ? cipher.encrypt(phone) : null,
        phone ? cipher.lookupHash(phone) : null,
        phone ? maskPhone(phone) : null,
        bool(anonymous),
        'f',
        null,
        state,
        iso(received),
        iso(times.dispatched),
        iso(times.signed),
        iso(times.contacted),
        iso(times.replied),
        null,
        null,
        iso(times.closed),
        next?.kind ?? null,
        iso(next?.due ?? null),
        next ? iso(next.from + 0.8 * (next.due - next.from)) : null,
        iso(ck.filter((k) => k.kind === 'sign_for').at(-1)!.due),
        iso(ck.find((k) => k.kind === 'first_contact')?.due ?? null),
        iso(reply.due),
        bool(onTime),
        returnCount,
        iso(times.callback),
        callback ? bool(callback.valid) : null,
        callback ? bool(callback.solved) : null,
        callback?.satisfaction ?? null,
        times.callback ? month(times.callback) : null,
        JSON.stringify(
          extension ? { extensions: [{ ...extension, granted: true, reason: '涉及多部门协调' }] } : {},
        ),
        null,
      ] as Field[]),
    );
    for (const e of ev) {
      eventLines.push(
        copyLine([
          eventId++,
          id,
          districtId,
          e.org,
          e.action,
          e.from,
          e.to,
          officeName,
          e.reason ?? null,
          JSON.stringify(e.payload ?? {}),
          iso(e.at),
        ]),
      );
      events++;
    }
    for (const k of ck) {
      const status =
        k.stop === null
          ? open
            ? 'running'
            : state === 'merged'
              ? 'paused'
              : 'cancelled'
          : k.stop <= k.due
            ? 'met'
            : 'missed';
      clockLines.push(
        copyLine([
          clockId++,
          id,
          districtId,
          k.kind,
          JSON.stringify(k.rule),
          iso(k.from),
          iso(k.due),
          status,
          iso(k.stop),
          JSON.stringify(k.ext ?? []),
          status === 'paused' ? iso(received + HOUR) : null,
          status === 'paused' ? '同一诉求重复来电，已合并' : null,
        ]),
      );
      clocks++;
    }
    if (state === 'merged') mergedRows.push([id, mergedInto!, 'dispatched']);
  }

  // ── 信访 petitions ──────────────────────────────────────────────────────────────────────
  const hotlineByPlace = new Map<string, number>();
  for (const [place, list] of recentByPlace) hotlineByPlace.set(place, list[0]!.id);
  for (let i = 0; i < petitionCount; i++) {
    const id = caseId++;
    const code = rng.weighted([
      ['ENROLL', 20],
      ['TEACHER', 18],
      ['FEES', 12],
      ['TRAINING', 22],
      ['STATUS', 8],
      ['TEACHING', 8],
      ['BUILDING', 6],
      ['OTHER', 6],
    ] as const);
    const entry = entryOf.get(code)!;
    const received = start + rng.next() * (end - start);
    const school = rng.weighted(schoolWeights);
    const channel = rng.weighted([
      ['letter', 40],
      ['visit', 30],
      ['online', 20],
      ['call', 10],
    ] as const);
    const [titleT, contentT] = rng.pick(TEXTS[code]);
    const fill = (t: string) => t.replaceAll('{s}', school.name).replaceAll('{g}', `${rng.int(1, 9)}年级`);
    const title = fill(titleT);
    const content = `${channel === 'visit' ? '来访人口述（已如实记录）：' : '来信反映：'}${fill(contentT)}`;
    const accusation = code === 'TEACHER' && rng.chance(0.35);
    const ev: {
      action: string;
      from: string | null;
      to: string;
      at: number;
      org: number;
      reason?: string;
      payload?: object;
    }[] = [];
    const ck: {
      kind: string;
      rule: ClockRule;
      from: number;
      due: number;
      stop: number | null;
      ext?: object[];
    }[] = [];
    let state = 'registered';
    let org = districtId;
    const detail: Record<string, unknown> = { visitors: channel === 'visit' ? rng.int(1, 5) : 1 };
    const step = (
      action: string,
      to: string,
      at: number,
      extra: { reason?: string; payload?: object } = {},
    ) => {
      ev.push({ action, from: state, to, at, org, ...extra });
      state = to;
    };
    const fits = (from: number, rule: ClockRule) => {
      try {
        return due(from, rule);
      } catch {
        return null; // runs past the calendar's last year: the stage is not reached in the demo
      }
    };
    ev.push({ action: 'register', from: null, to: 'registered', at: received, org });
    const acceptAt = received + (1 + rng.next() * 12) * DAY;
    const acceptDue = due(received, { days: 15 });
    const r = rng.next();
    const handleRule = { days: 60 };
    let acceptedAt: number | null = null;
    let opinionAt: number | null = null;
    let closedAt: number | null = null;
    const reachable = acceptAt <= end && fits(acceptAt, handleRule) !== null;
    ck.push({
      kind: 'petition_accept',
      rule: { days: 15 },
      from: received,
      due: acceptDue,
      stop: reachable ? acceptAt : null,
    });
    if (reachable) {
      if (r < 0.12) {
        step('decline', 'not_ours', acceptAt, {
          reason: '不属于教育部门职责',
          payload: { whereToGo: '区人力社保局' },
        });
        detail.rejection = { reason: '不属于教育部门职责', whereToGo: '区人力社保局', at: iso(acceptAt) };
        closedAt = acceptAt;
      } else if (r < 0.17) {
        step('divert', 'diverted', acceptAt, {
          reason: '已进入行政复议程序',
          payload: { channel: 'administrative_review' },
        });
        detail.diversion = {
          channel: 'administrative_review',
          reason: '已进入行政复议程序',
          at: iso(acceptAt),
        };
        closedAt = acceptAt;
      } else {
        if (r < 0.25 && !accusation) {
          step('transfer', 'transferred', acceptAt - DAY, { reason: '属学校办理事项' });
          org = school.id;
          detail.transfer = { fromOrgId: districtId, toOrgId: school.id, at: iso(acceptAt - DAY) };
        } else if (!accusation && rng.chance(0.3)) org = zoneOf(school);
        step('accept', 'accepted', acceptAt);
        acceptedAt = acceptAt;
        detail.acceptance = { at: iso(acceptAt), orgId: org };
        const extended = rng.chance(0.05);
        const handleDue = due(acceptAt, handleRule, extended ? { days: 30 } : undefined);
        const opinion = acceptAt + (0.3 + rng.next() * 0.65) * (handleDue - acceptAt);
        if (extended) {
          detail.extensionDays = 30;
          detail.extensions = [{ days: 30, reason: '情况复杂，需多部门联合调查', granted: true }];
          if (acceptAt + 50 * DAY <= end)
            step('extend', 'accepted', acceptAt + 50 * DAY, { reason: '情况复杂，需多部门联合调查' });
        }
        ck.push({
          kind: 'petition_handle',
          rule: handleRule,
          from: acceptAt,
          due: handleDue,
          stop: opinion <= end ? opinion : null,
          ext: extended ? [{ days: 30, approver: '区教委', reason: '情况复杂' }] : [],
        });
        if (opinion <= end && fits(opinion, { days: 30 }) !== null) {
          step('issue_opinion', 'opinion_issued', opinion);
          opinionAt = opinion;
          detail.opinion = {
            request: title,
            factsAndReasons: '经调查核实，反映情况部分属实。',
            decision: '责成相关学校整改，并向信访人书面答复。',
            legalBasis: '《信访工作条例》第三十二条',
            issuedAt: iso(opinion),
          };
          const windowDue = due(opinion, { days: 30 });
          const review = rng.chance(0.08);
          const reviewAt = opinion + rng.next() * 25 * DAY;
          ck.push({
            kind: 'review_request',
            rule: { days: 30 },
            from: opinion,
            due: windowDue,
            stop: review && reviewAt <= end ? reviewAt : windowDue <= end ? windowDue : null,
          });
          if (review && reviewAt <= end && fits(reviewAt, { days: 30 }) !== null) {
            step('request_review', 'review_requested', reviewAt, { reason: '对处理意见不服' });
            const decideAt = reviewAt + rng.next() * 28 * DAY;
            ck.push({
              kind: 'review_decide',
              rule: { days: 30 },
              from: reviewAt,
              due: due(reviewAt, { days: 30 }),
              stop: decideAt <= end ? decideAt : null,
            });
            if (decideAt <= end) {
              step('decide_review', 'reviewed', decideAt);
              const finalAt = decideAt + 31 * DAY;
              if (finalAt <= end) {
                step('finalize', 'final', finalAt);
                closedAt = finalAt;
              }
            }
          } else if (windowDue <= end) {
            step('finalize', 'final', windowDue);
            closedAt = windowDue;
          }
        }
      }
    }
    const open = closedAt === null;
    const next = ck
      .filter((k) => k.stop === null && open && !['review_request', 'rereview_request'].includes(k.kind))
      .sort((a, b) => a.due - b.due)[0];
    // 6 % are the same matter as a 12345 order at the same school: linked, counted once.
    const twin = hotlineByPlace.get(`${school.id}:${code}`);
    const link = twin !== undefined && rng.chance(0.06) ? twin : null;
    if (link !== null) linkRows.push([id, link]);
    const name = surname(rng) + givenName(rng, rng.chance(0.5) ? 'M' : 'F');
    const phone = `1${rng.pick(['3', '5', '8', '9'])}${rng.digits(9)}`;
    const words = segment(`${title} ${content}`).filter((w) => [...w].length >= 2);
    caseLines.push(
      copyLine([
        id,
        districtId,
        org,
        'petition',
        `XF${new Date(received + 8 * HOUR).getUTCFullYear()}${String(i + 1).padStart(5, '0')}`,
        channel,
        entry.id,
        code,
        title,
        content,
        textArray(words),
        school.id,
        `${name[0]}${'*'.repeat(name.length - 1)}`,
        cipher.encrypt(name),
        cipher.encrypt(phone),
        cipher.lookupHash(phone),
        maskPhone(phone),
        'f',
        bool(accusation),
        accusation ? school.id : null,
        state,
        iso(received),
        null,
        null,
        null,
        null,
        iso(acceptedAt),
        iso(opinionAt),
        iso(closedAt),
        next?.kind ?? null,
        iso(next?.due ?? null),
        next ? iso(next.from + 0.8 * (next.due - next.from)) : null,
        null,
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        null,
        null,
        JSON.stringify(detail),
        link,
      ] as Field[]),
    );
    for (const e of ev) {
      eventLines.push(
        copyLine([
          eventId++,
          id,
          districtId,
          e.org,
          e.action,
          e.from,
          e.to,
          '区教委信访办公室',
          e.reason ?? null,
          JSON.stringify(e.payload ?? {}),
          iso(e.at),
        ]),
      );
      events++;
    }
    for (const k of ck) {
      const status = k.stop === null ? (open ? 'running' : 'cancelled') : k.stop <= k.due ? 'met' : 'missed';
      clockLines.push(
        copyLine([
          clockId++,
          id,
          districtId,
          k.kind,
          JSON.stringify(k.rule),
          iso(k.from),
          iso(k.due),
          status,
          iso(k.stop),
          JSON.stringify(k.ext ?? []),
          null,
          null,
        ]),
      );
      clocks++;
    }
  }

  await copy(client, `COPY case_record (${CASE_COLUMNS.join(', ')}) FROM STDIN`, caseLines);
  await copy(client, `COPY case_event (${EVENT_COLUMNS.join(', ')}) FROM STDIN`, eventLines);
  await copy(client, `COPY case_clock (${CLOCK_COLUMNS.join(', ')}) FROM STDIN`, clockLines);
  // Merged repeat calls and linked petitions, now that every row exists.
  if (mergedRows.length)
    await client.query(
      `UPDATE case_record c SET merged_into_id = m.into_id, state_before_merge = m.before
       FROM jsonb_to_recordset($1::jsonb) AS m(id bigint, into_id bigint, before text) WHERE c.id = m.id`,
      [JSON.stringify(mergedRows.map(([id, into, before]) => ({ id, into_id: into, before })))],
    );
  if (linkRows.length)
    await client.query(
      `UPDATE case_record c SET link_group_id = l.grp
       FROM jsonb_to_recordset($1::jsonb) AS l(id bigint, grp bigint) WHERE c.id IN (l.id, l.grp)`,
      [JSON.stringify(linkRows.map(([id, twin]) => ({ id, grp: twin })))],
    );
  await recordAudit(tx, systemActor('demo'), {
    action: 'demo.cases',
    entityType: 'district',
    entityId: districtId,
    orgId: districtId,
    districtId,
    after: { orders: orderCount, petitions: petitionCount, events, clocks, from: iso(start), to: iso(end) },
  });
  return {
    orders: orderCount,
    petitions: petitionCount,
    events,
    clocks,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** An instant in the given calendar month (0-based) inside [start, end], on a weekday-ish hour. */
function pickInMonth(rng: Random, start: number, end: number, m: number): number {
  for (let attempt = 0; attempt < 20; attempt++) {
    const t = start + rng.next() * (end - start);
    const local = new Date(t + 8 * HOUR);
    if (local.getUTCMonth() !== m) continue;
    const hour = local.getUTCHours();
    if (hour < 7 || hour > 22) continue;
    return t;
  }
  return start + rng.next() * (end - start);
}

async function copy(client: pg.PoolClient, statement: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = once(stream, 'finish');
  for (let i = 0; i < lines.length; i += 2000) {
    if (!stream.write(lines.slice(i, i + 2000).join(''))) await once(stream, 'drain');
  }
  stream.end();
  await done;
}
