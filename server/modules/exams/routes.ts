import { z } from 'zod';
import { ZId } from '../../../contracts/common.ts';
import {
  ZCreateDayRecordRequest,
  ZCreateExamCandidateRequest,
  ZCreateExamInvigilatorRequest,
  ZCreateExamRequest,
  ZCreateExamSiteRequest,
  ZDayRecord,
  ZDayRecordList,
  ZDayRecordListQuery,
  ZExamCandidate,
  ZExamCandidateList,
  ZExamCandidateListQuery,
  ZExamDetail,
  ZExamInvigilator,
  ZExamInvigilatorList,
  ZExamInvigilatorListQuery,
  ZExamList,
  ZExamListQuery,
  ZExamRoomList,
  ZExamRoomListQuery,
  ZExamSite,
  ZExamSiteList,
  ZExamSiteListQuery,
  ZLiveCounts,
  ZLiveCountsQuery,
  ZPlanDetail,
  ZPlanParams,
  ZRoomSheetQuery,
  ZRoomSheets,
  ZRunPlanRequest,
  ZRunPlanResponse,
  ZSiteRoversList,
  ZSiteRoversQuery,
  ZTicketList,
  ZTicketQuery,
  ZUpdateExamRequest,
} from '../../../contracts/exams.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { streamXlsx } from '../../core/excel.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { createExam } from './create-exam.ts';
import { createExamCandidate } from './create-exam-candidate.ts';
import { createExamInvigilator } from './create-exam-invigilator.ts';
import { createExamSite } from './create-exam-site.ts';
import { listRooms, listRovers, listTickets, planBundle, roomSheets } from './documents.ts';
import { listDayRecords, liveCounts, recordDayEvent } from './exam-day.ts';
import { getPlan } from './get-plan.ts';
import { listExamCandidates } from './list-exam-candidates.ts';
import { listExamInvigilators } from './list-exam-invigilators.ts';
import { listExamSites } from './list-exam-sites.ts';
import { listExams } from './list-exams.ts';
import { lockPlan, publishPlan } from './lock-plan.ts';
import { loadExam } from './policy.ts';
import { toExamDetail } from './queries.ts';
import { runArrangement } from './run-arrangement.ts';
import { updateExam } from './update-exam.ts';

const tags = ['exams'];
const ZExamParams = z.object({ id: ZId });
const kindLabels = { zhongkao: '中考', gaokao: '高考', huikao: '会考', other: '其他' } as const;
const statusLabels = { draft: '草稿', arranged: '已编排', locked: '已锁定', published: '已发布' } as const;
const roomKindLabels = { normal: '标准考场', backup: '备用考场', special: '特殊考场' } as const;
const dayKindLabels = { absent: '缺考', moved: '调换考场', incident: '违纪', revoke: '撤销' } as const;
const genderLabels: Record<string, string> = { M: '男', F: '女' };

export const examRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/exams',
    summary: 'Exams the user organises, and the published exams of the district',
    tags,
    access: 'exams.read',
    query: ZExamListQuery,
    response: ZExamList,
    handler: ({ actor, tx, query }) => listExams({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/exams/export.xlsx',
    summary: 'Export the filtered exam list to Excel',
    tags,
    access: 'exams.read',
    listQuery: ZExamListQuery,
    list: listExams,
    audit: { action: 'exams.export', entityType: 'exam' },
    fileName: '考试列表',
    sheetName: '考试',
    columns: [
      { header: '代码 Code', value: (e) => e.code },
      { header: '名称 Name', width: 30, value: (e) => e.name },
      { header: '类别 Kind', value: (e) => kindLabels[e.kind] },
      { header: '年度 Year', value: (e) => e.year },
      { header: '状态 Status', value: (e) => statusLabels[e.status] },
      { header: '组织单位 Organiser', width: 24, value: (e) => e.orgName },
      { header: '考点 Sites', value: (e) => e.sites },
      { header: '考生 Candidates', value: (e) => e.candidates },
      { header: '监考员 Invigilators', value: (e) => e.invigilators },
      { header: '最新版本 Latest version', value: (e) => e.latestPlan?.version ?? null },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams',
    summary: 'Create an exam (draft) with its rules and sessions',
    tags,
    access: 'exams.manage',
    body: ZCreateExamRequest,
    response: ZExamDetail,
    handler: ({ actor, tx, body }) => createExam({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id',
    summary: 'One exam: rules, sessions, counts and plan versions',
    tags,
    access: 'exams.read',
    params: ZExamParams,
    response: ZExamDetail,
    handler: async ({ actor, tx, params }) => {
      const view = await loadExam(tx, actor, params.id);
      return toExamDetail(tx, actor, view.exam, view.organiser);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/exams/:id',
    summary: "Change an exam's name, rules or sessions (versions already run keep theirs)",
    tags,
    access: 'exams.manage',
    params: ZExamParams,
    body: ZUpdateExamRequest,
    response: ZExamDetail,
    handler: ({ actor, tx, params, body }) => updateExam({ actor, tx, input: { ...body, id: params.id } }),
  }),

  // ── sites ──
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/sites',
    summary: "An exam's sites (a host school sees its own once published)",
    tags,
    access: 'exams.read',
    params: ZExamParams,
    query: ZExamSiteListQuery,
    response: ZExamSiteList,
    handler: ({ actor, tx, params, query }) =>
      listExamSites({ actor, tx, input: { ...query, examId: params.id } }),
  }),
  exportRoute({
    url: '/api/exams/:id/sites/export.xlsx',
    summary: "Export an exam's sites to Excel",
    tags,
    access: 'exams.read',
    params: ZExamParams,
    listQuery: ZExamSiteListQuery,
    list: ({ actor, tx, input }) => listExamSites({ actor, tx, input: { ...input, examId: input.id } }),
    audit: { action: 'exams.export_sites', entityType: 'examSite' },
    fileName: '考点',
    sheetName: '考点',
    columns: [
      { header: '考点代码 Code', value: (s) => s.code },
      { header: '考点名称 Name', width: 28, value: (s) => s.name },
      { header: '承办学校 Host school', width: 28, value: (s) => s.orgName },
      { header: '考场数 Rooms', value: (s) => s.rooms },
      { header: '无障碍考场 Accessible', value: (s) => s.accessibleRooms },
      { header: '考生数 Candidates', value: (s) => s.candidates },
      { header: '地址 Address', width: 36, value: (s) => s.address },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/sites',
    summary: 'Add a site (a host school and its rooms)',
    tags,
    access: 'exams.manage',
    params: ZExamParams,
    body: ZCreateExamSiteRequest,
    response: ZExamSite,
    handler: ({ actor, tx, params, body }) =>
      createExamSite({ actor, tx, input: { ...body, examId: params.id } }),
  }),

  // ── candidates ──
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/candidates',
    summary: "An exam's candidates with their room, seat and ticket in the current plan",
    tags,
    access: 'exams.read',
    params: ZExamParams,
    query: ZExamCandidateListQuery,
    response: ZExamCandidateList,
    handler: ({ actor, tx, params, query }) =>
      listExamCandidates({ actor, tx, input: { ...query, examId: params.id } }),
  }),
  exportRoute({
    url: '/api/exams/:id/candidates/export.xlsx',
    summary: "Export an exam's candidates (masked) with their rooms to Excel",
    tags,
    access: 'exams.read',
    params: ZExamParams,
    listQuery: ZExamCandidateListQuery,
    list: ({ actor, tx, input }) => listExamCandidates({ actor, tx, input: { ...input, examId: input.id } }),
    audit: { action: 'exams.export_candidates', entityType: 'examCandidate' },
    fileName: '考生名单',
    sheetName: '考生',
    columns: [
      { header: '报名号 Registration no.', width: 18, value: (c) => c.registrationNo },
      { header: '姓名 Name', value: (c) => c.name },
      { header: '性别 Gender', value: (c) => (c.gender ? genderLabels[c.gender] : null) },
      { header: '身份证号 ID number', width: 22, value: (c) => c.idNumber },
      { header: '学校 School', width: 28, value: (c) => c.orgName },
      { header: '考点 Site', width: 24, value: (c) => c.siteName },
      { header: '科类组 Group', value: (c) => c.groupCode },
      { header: '特殊需要 Accommodation', value: (c) => c.accommodation },
      { header: '考场 Room', value: (c) => c.room },
      { header: '座位 Seat', value: (c) => c.seat },
      { header: '准考证号 Ticket', width: 16, value: (c) => c.ticket },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/candidates',
    summary: 'Register one candidate',
    tags,
    access: 'exams.manage',
    params: ZExamParams,
    body: ZCreateExamCandidateRequest,
    response: ZExamCandidate,
    handler: ({ actor, tx, params, body }) =>
      createExamCandidate({ actor, tx, input: { ...body, examId: params.id } }),
  }),

  // ── invigilators ──
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/invigilators',
    summary: "An exam's invigilators with their rooms in the current plan",
    tags,
    access: 'exams.read',
    params: ZExamParams,
    query: ZExamInvigilatorListQuery,
    response: ZExamInvigilatorList,
    handler: ({ actor, tx, params, query }) =>
      listExamInvigilators({ actor, tx, input: { ...query, examId: params.id } }),
  }),
  exportRoute({
    url: '/api/exams/:id/invigilators/export.xlsx',
    summary: 'Export invigilators and their assignments to Excel',
    tags,
    access: 'exams.read',
    params: ZExamParams,
    listQuery: ZExamInvigilatorListQuery,
    list: ({ actor, tx, input }) =>
      listExamInvigilators({ actor, tx, input: { ...input, examId: input.id } }),
    audit: { action: 'exams.export_invigilators', entityType: 'examInvigilator' },
    fileName: '监考安排',
    sheetName: '监考员',
    columns: [
      { header: '编号 Staff no.', value: (i) => i.staffNo },
      { header: '姓名 Name', value: (i) => i.name },
      { header: '学校 School', width: 28, value: (i) => i.orgName },
      { header: '监考年限 Experience', value: (i) => i.experienceYears },
      {
        header: '监考安排 Assignments',
        width: 40,
        value: (i) =>
          i.assignments
            .map((a) =>
              a.role === 'rover'
                ? `${a.siteName} 流动监考`
                : `${a.siteName} 第${a.room}考场 ${a.role === 'chief' ? '主监考' : '副监考'}`,
            )
            .join('；'),
      },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/invigilators',
    summary: 'Add one invigilator',
    tags,
    access: 'exams.manage',
    params: ZExamParams,
    body: ZCreateExamInvigilatorRequest,
    response: ZExamInvigilator,
    handler: ({ actor, tx, params, body }) =>
      createExamInvigilator({ actor, tx, input: { ...body, examId: params.id } }),
  }),

  // ── plans ──
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/plans',
    summary: 'Run the arrangement: freezes the data into a new version and starts the job',
    tags,
    access: 'exams.manage',
    params: ZExamParams,
    body: ZRunPlanRequest,
    response: ZRunPlanResponse,
    handler: ({ actor, tx, params, body }) =>
      runArrangement({ actor, tx, input: { examId: params.id, ...body } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version',
    summary: 'A plan version with its review statistics, failure reasons and diff',
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    response: ZPlanDetail,
    handler: ({ actor, tx, params }) =>
      getPlan({ actor, tx, input: { examId: params.id, version: params.version } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/plans/:version/lock',
    summary: 'Lock and seal a reviewed version (seed, input hash, result hash audited)',
    tags,
    access: 'exams.manage',
    params: ZPlanParams,
    response: ZPlanDetail,
    handler: ({ actor, tx, params }) =>
      lockPlan({ actor, tx, input: { examId: params.id, version: params.version } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/plans/:version/publish',
    summary: 'Publish the locked version to the schools',
    tags,
    access: 'exams.manage',
    params: ZPlanParams,
    response: ZPlanDetail,
    handler: ({ actor, tx, params }) =>
      publishPlan({ actor, tx, input: { examId: params.id, version: params.version } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/bundle.json',
    summary: "The version's engine input and output, to re-run with `edugov exams arrange`",
    tags,
    access: 'exams.read',
    writes: true,
    params: ZPlanParams,
    handler: async ({ actor, tx, params, reply }) => {
      const bundle = await planBundle({ actor, tx, input: { examId: params.id, version: params.version } });
      await recordAudit(tx, actor, {
        action: 'exams.download_bundle',
        entityType: 'examPlan',
        entityId: `${params.id}/${params.version}`,
        orgId: actor.orgId,
        after: { version: params.version, resultHash: bundle.resultHash },
      });
      reply.header(
        'content-disposition',
        `attachment; filename="exam-${bundle.exam}-v${bundle.version}.json"`,
      );
      return reply.type('application/json').send(JSON.stringify(bundle));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/rooms',
    summary: "A version's rooms with their invigilators",
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    query: ZExamRoomListQuery,
    response: ZExamRoomList,
    handler: ({ actor, tx, params, query }) =>
      listRooms({ actor, tx, input: { ...query, examId: params.id, version: params.version } }),
  }),
  exportRoute({
    url: '/api/exams/:id/plans/:version/rooms/export.xlsx',
    summary: "Export a version's rooms and invigilators to Excel",
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    listQuery: ZExamRoomListQuery,
    list: ({ actor, tx, input }) => listRooms({ actor, tx, input: { ...input, examId: input.id } }),
    audit: { action: 'exams.export_rooms', entityType: 'examRoom' },
    fileName: '考场',
    sheetName: '考场',
    columns: [
      { header: '考点代码 Site code', value: (r) => r.siteCode },
      { header: '考点 Site', width: 26, value: (r) => r.siteName },
      { header: '考场 Room', value: (r) => r.roomNo },
      { header: '类型 Kind', value: (r) => roomKindLabels[r.kind] },
      { header: '科类组 Group', value: (r) => r.groupCode },
      { header: '人数 Seats', value: (r) => r.seats },
      { header: '主监考 Chief', value: (r) => r.invigilators[0]?.name ?? null },
      {
        header: '副监考 Second',
        value: (r) =>
          r.invigilators
            .slice(1)
            .map((i) => i.name)
            .join('、') || null,
      },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/sheets',
    summary: 'Door lists and seating charts: one site (or one room) with every seat',
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    query: ZRoomSheetQuery,
    response: ZRoomSheets,
    handler: ({ actor, tx, params, query }) =>
      roomSheets({ actor, tx, input: { ...query, examId: params.id, version: params.version } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/sheets/export.xlsx',
    summary: "Door lists of one site's rooms in Excel (one row per seat)",
    tags,
    access: 'exams.read',
    writes: true,
    params: ZPlanParams,
    query: ZRoomSheetQuery,
    handler: async ({ actor, tx, params, query, reply }) => {
      const { rooms } = await roomSheets({
        actor,
        tx,
        input: { ...query, examId: params.id, version: params.version },
      });
      await recordAudit(tx, actor, {
        action: 'exams.export_sheets',
        entityType: 'examPlan',
        entityId: `${params.id}/${params.version}`,
        orgId: actor.orgId,
        after: { filters: query, rooms: rooms.length },
      });
      const rows = rooms.flatMap((room) => room.entries.map((entry) => ({ room, entry })));
      await streamXlsx(reply, {
        fileName: `门贴-${rooms[0]?.siteName ?? ''}`,
        sheetName: '考场名单',
        columns: [
          { header: '考点 Site', width: 24, value: (r) => r.room.siteName },
          { header: '考场 Room', value: (r) => r.room.roomNo },
          { header: '座位 Seat', value: (r) => r.entry.seat },
          { header: '行 Row', value: (r) => r.entry.row },
          { header: '列 Column', value: (r) => r.entry.col },
          { header: '准考证号 Ticket', width: 16, value: (r) => r.entry.ticket },
          { header: '姓名 Name', value: (r) => r.entry.name },
          { header: '学校 School', width: 26, value: (r) => r.entry.orgName },
          { header: '科类组 Group', value: (r) => r.entry.groupCode },
        ],
        pages: (async function* () {
          yield rows;
        })(),
      });
      return reply;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/rovers',
    summary: "A version's rovers (流动监考) per site",
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    query: ZSiteRoversQuery,
    response: ZSiteRoversList,
    handler: ({ actor, tx, params, query }) =>
      listRovers({ actor, tx, input: { ...query, examId: params.id, version: params.version } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/plans/:version/tickets',
    summary: 'Admission tickets (准考证) of a version',
    tags,
    access: 'exams.read',
    params: ZPlanParams,
    query: ZTicketQuery,
    response: ZTicketList,
    handler: ({ actor, tx, params, query }) =>
      listTickets({ actor, tx, input: { ...query, examId: params.id, version: params.version } }),
  }),

  // ── exam day ──
  defineRoute({
    method: 'POST',
    url: '/api/exams/:id/day-records',
    summary: 'Record an absence, a move to a backup room, an incident, or withdraw a record',
    tags,
    access: 'exams.record',
    params: ZExamParams,
    body: ZCreateDayRecordRequest,
    response: ZDayRecord,
    handler: ({ actor, tx, params, body }) =>
      recordDayEvent({ actor, tx, input: { ...body, examId: params.id } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/day-records',
    summary: 'Exam-day records',
    tags,
    access: 'exams.read',
    params: ZExamParams,
    query: ZDayRecordListQuery,
    response: ZDayRecordList,
    handler: ({ actor, tx, params, query }) =>
      listDayRecords({ actor, tx, input: { ...query, examId: params.id } }),
  }),
  exportRoute({
    url: '/api/exams/:id/day-records/export.xlsx',
    summary: 'Export exam-day records to Excel',
    tags,
    access: 'exams.read',
    params: ZExamParams,
    listQuery: ZDayRecordListQuery,
    list: ({ actor, tx, input }) => listDayRecords({ actor, tx, input: { ...input, examId: input.id } }),
    audit: { action: 'exams.export_day_records', entityType: 'examDayRecord' },
    fileName: '考试当天记录',
    sheetName: '记录',
    columns: [
      { header: '时间 Recorded at', width: 22, value: (r) => r.recordedAt },
      { header: '科目 Subject', value: (r) => r.subject },
      { header: '考点 Site', width: 24, value: (r) => r.siteName },
      { header: '报名号 Registration no.', width: 18, value: (r) => r.registrationNo },
      { header: '姓名 Name', value: (r) => r.candidateName },
      { header: '类型 Kind', value: (r) => dayKindLabels[r.kind] },
      { header: '调入考场 To room', value: (r) => r.toRoom },
      { header: '说明 Note', width: 40, value: (r) => r.note },
      { header: '已撤销 Withdrawn', value: (r) => (r.revoked ? '是' : '') },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/exams/:id/live',
    summary: 'Live counts per site for one session: expected, absent, present, moved, incidents',
    tags,
    access: 'exams.read',
    params: ZExamParams,
    query: ZLiveCountsQuery,
    response: ZLiveCounts,
    handler: ({ actor, tx, params, query }) =>
      liveCounts({ actor, tx, input: { examId: params.id, sessionId: query.sessionId } }),
  }),
];
