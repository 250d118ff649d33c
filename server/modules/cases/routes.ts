import { z } from 'zod';
import {
  ZApiKeyRequest,
  ZApiKeyResponse,
  ZBulkDispatchRequest,
  ZBulkDispatchResult,
  ZCase,
  ZCaseDetail,
  ZCaseList,
  ZCaseListQuery,
  ZCaseRevealRequest,
  ZCaseRevealResponse,
  ZCatalogue,
  ZCatalogueCodeParam,
  ZCatalogueEntry,
  ZClusterQuery,
  ZClusters,
  ZHotlineBatch,
  ZHotlineBatchResult,
  ZHotlineIntake,
  ZLinkRequest,
  ZMergeRequest,
  ZNotice,
  ZNoticeType,
  ZPetitionIntake,
  ZPutCatalogueEntry,
  ZRanking,
  ZRankingQuery,
  ZRankWeights,
  ZRankWeightsList,
  ZSimilarCases,
  ZTransitionRequest,
  ZUnmergeRequest,
  ZWeeklyReport,
  ZWeeklyReportQuery,
} from '../../../contracts/cases.ts';
import { ZId } from '../../../contracts/common.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import { streamXlsx } from '../../core/excel.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { enqueueJob } from '../../core/jobs/index.ts';
import { currentCatalogue, listRankWeights, putCatalogueEntry, putRankWeights } from './catalogue.ts';
import { createApiKey } from './create-api-key.ts';
import { dispatchCases } from './dispatch-cases.ts';
import { getCase } from './get-case.ts';
import { intakeHotlineBatch, intakeHotlineCase } from './intake-hotline.ts';
import { linkCases, unlinkCase } from './link-cases.ts';
import { listCases } from './list-cases.ts';
import { mergeCase, unmergeCase } from './merge-cases.ts';
import { monthlyClusters } from './monthly-clusters.ts';
import { buildNotice } from './notices.ts';
import { computeRanking } from './rankings.ts';
import { registerPetition } from './register-petition.ts';
import { revealComplainant } from './reveal-complainant.ts';
import { similarCases } from './similar-cases.ts';
import { transitionCase } from './transition-case.ts';
import { weeklyReport } from './weekly-report.ts';

const tags = ['cases'];
const ZIdParams = z.object({ id: ZId });
const kindLabels: Record<string, string> = { hotline: '12345工单', petition: '信访件' };
const satisfactionLabels: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export const casesRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/cases',
    summary: 'List cases in scope (complainant masked, accusations hidden from the accused)',
    tags,
    access: 'cases.read',
    query: ZCaseListQuery,
    response: ZCaseList,
    handler: ({ actor, tx, query }) => listCases({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/cases/export.xlsx',
    summary: 'Export the filtered case list to Excel (masked)',
    tags,
    access: 'cases.read',
    listQuery: ZCaseListQuery,
    list: listCases,
    audit: { action: 'cases.export', entityType: 'case' },
    fileName: '接诉即办与信访案件',
    sheetName: '案件',
    columns: [
      { header: '编号 No.', width: 20, value: (c) => c.externalNo },
      { header: '类型 Kind', value: (c) => kindLabels[c.kind] },
      { header: '类别 Category', width: 20, value: (c) => c.categoryName },
      { header: '标题 Title', width: 40, value: (c) => c.title },
      { header: '承办单位 Handling unit', width: 28, value: (c) => c.orgName },
      { header: '涉及单位 Unit concerned', width: 28, value: (c) => c.subjectOrgName },
      { header: '状态 State', value: (c) => c.state },
      { header: '受理时间 Received', width: 18, value: (c) => beijingMinute(c.receivedAt) },
      { header: '当前期限 Due', width: 18, value: (c) => beijingMinute(c.dueAt) },
      { header: '剩余分钟 Minutes left', value: (c) => c.minutesLeft },
      { header: '预警 At risk', value: (c) => (c.overdue ? '超期' : c.atRisk ? '临期' : '') },
      { header: '诉求人 Complainant', value: (c) => c.complainantName },
      { header: '电话 Phone', width: 14, value: (c) => c.complainantPhone },
      {
        header: '解决 Solved',
        value: (c) => (c.callbackSolved === null ? null : c.callbackSolved ? '是' : '否'),
      },
      {
        header: '满意度 Satisfaction',
        value: (c) => (c.callbackSatisfaction ? satisfactionLabels[c.callbackSatisfaction] : null),
      },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/hotline',
    summary: 'Receive one 12345 work order (idempotent by order number)',
    tags,
    access: 'cases.dispatch',
    body: ZHotlineIntake,
    response: ZCase,
    handler: ({ actor, tx, body }) => intakeHotlineCase({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/hotline/batch',
    summary: 'Receive up to 500 work orders; orders already received are reported, not duplicated',
    tags,
    access: 'cases.dispatch',
    body: ZHotlineBatch,
    response: ZHotlineBatchResult,
    handler: ({ actor, tx, body }) => intakeHotlineBatch({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/dispatch',
    summary: 'Sign for and dispatch up to 500 orders to one unit (批量派单)',
    tags,
    access: 'cases.dispatch',
    body: ZBulkDispatchRequest,
    response: ZBulkDispatchResult,
    handler: ({ actor, tx, body }) => dispatchCases({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/petitions',
    summary: 'Register a petition (letter, visit, call, online)',
    tags,
    access: 'cases.dispatch',
    body: ZPetitionIntake,
    response: ZCase,
    handler: ({ actor, tx, body }) => registerPetition({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/catalogue',
    summary: 'The dispatch catalogue (current version of each category)',
    tags,
    access: 'cases.read',
    response: ZCatalogue,
    handler: async ({ actor, tx }) => ({ items: await currentCatalogue(tx, actor.districtId!) }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/cases/catalogue/:code',
    summary: 'Add or edit a category (a new version; past cases keep theirs)',
    tags,
    access: 'cases.manage',
    params: z.object({ code: ZCatalogueCodeParam }),
    body: ZPutCatalogueEntry,
    response: ZCatalogueEntry,
    handler: ({ actor, tx, params, body }) =>
      putCatalogueEntry({ actor, tx, input: { code: params.code, ...body } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/rank-weights',
    summary: 'Ranking weights by month',
    tags,
    access: 'cases.read',
    response: ZRankWeightsList,
    handler: async ({ actor, tx }) => ({ items: await listRankWeights(tx, actor.districtId!) }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/cases/rank-weights',
    summary: 'Set the ranking weights from a month on',
    tags,
    access: 'cases.manage',
    body: ZRankWeights,
    response: ZRankWeights,
    handler: ({ actor, tx, body }) => putRankWeights({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/rankings',
    summary: 'Units ranked by the three rates for a month, with the live forecast for the current one',
    tags,
    access: 'cases.read',
    query: ZRankingQuery,
    response: ZRanking,
    handler: ({ actor, tx, query }) => computeRanking({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/rankings/export.xlsx',
    summary: 'Export a month’s ranking to Excel',
    tags,
    access: 'cases.read',
    writes: true,
    query: ZRankingQuery,
    handler: async ({ actor, tx, query, reply }) => {
      const ranking = await computeRanking({ actor, tx, input: query });
      await recordAudit(tx, actor, {
        action: 'cases.export_ranking',
        entityType: 'caseRanking',
        entityId: query.month,
        orgId: actor.orgId,
        after: { filters: query, rows: ranking.items.length },
      });
      await streamXlsx(reply, {
        fileName: `接诉即办排名-${query.month}`,
        sheetName: query.month,
        columns: [
          { header: '名次 Rank', value: (r) => r.rank },
          { header: '单位 Unit', width: 30, value: (r) => r.orgName },
          { header: '有效回访 V', value: (r) => r.valid },
          { header: '响应率% Response', value: (r) => pct(r.responseRate) },
          { header: '解决率% Resolution', value: (r) => pct(r.resolutionRate) },
          { header: '满意率% Satisfaction', value: (r) => pct(r.satisfactionRate) },
          { header: '综合得分 Composite', value: (r) => pct(r.composite) },
          { header: '按时答复率% On time', value: (r) => pct(r.onTimeRate) },
          { header: '退单率% Returns', value: (r) => pct(r.returnRate) },
        ],
        pages: (async function* () {
          yield ranking.items;
        })(),
      });
      return reply;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/weekly-report',
    summary: 'The weekly dispatch report (周调度)',
    tags,
    access: 'cases.read',
    query: ZWeeklyReportQuery,
    response: ZWeeklyReport,
    handler: ({ actor, tx, query }) => weeklyReport({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/weekly-report/export.xlsx',
    summary: 'Export the weekly dispatch report to Excel',
    tags,
    access: 'cases.read',
    writes: true,
    query: ZWeeklyReportQuery,
    handler: async ({ actor, tx, query, reply }) => {
      const report = await weeklyReport({ actor, tx, input: query });
      await recordAudit(tx, actor, {
        action: 'cases.export_weekly_report',
        entityType: 'caseWeeklyReport',
        entityId: query.weekStart,
        orgId: actor.orgId,
        after: { filters: query },
      });
      type Line = { section: string; item: string; value: string | number | null };
      const lines: Line[] = [
        { section: '本周 This week', item: '新收 Received', value: report.received },
        { section: '本周 This week', item: '其中12345 Hotline', value: report.receivedHotline },
        { section: '本周 This week', item: '其中信访 Petitions', value: report.receivedPetition },
        { section: '本周 This week', item: '办结 Closed', value: report.closed },
        { section: '本周 This week', item: '超期 Overdue', value: report.overdue },
        { section: '本周 This week', item: '在办 Open', value: report.open },
        ...report.topCategories.map((c) => ({
          section: '高频类别 Top categories',
          item: c.name,
          value: c.count,
        })),
        ...report.topSchools.map((c) => ({ section: '高频单位 Top schools', item: c.name, value: c.count })),
        ...report.trend.flatMap((w) => [
          { section: `趋势 ${w.weekStart}`, item: '新收 Received', value: w.received },
          { section: `趋势 ${w.weekStart}`, item: '办结 Closed', value: w.closed },
          { section: `趋势 ${w.weekStart}`, item: '响应率% Response', value: pct(w.responseRate) },
          { section: `趋势 ${w.weekStart}`, item: '解决率% Resolution', value: pct(w.resolutionRate) },
          { section: `趋势 ${w.weekStart}`, item: '满意率% Satisfaction', value: pct(w.satisfactionRate) },
        ]),
      ];
      await streamXlsx<Line>(reply, {
        fileName: `周调度-${report.weekStart}`,
        sheetName: report.weekStart,
        columns: [
          { header: '部分 Section', width: 26, value: (l) => l.section },
          { header: '项目 Item', width: 34, value: (l) => l.item },
          { header: '数值 Value', value: (l) => l.value },
        ],
        pages: (async function* () {
          yield lines;
        })(),
      });
      return reply;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/clusters',
    summary: 'Recurring topics per school for a month (每月一题 / 未诉先办 board)',
    tags,
    access: 'cases.read',
    query: ZClusterQuery,
    response: ZClusters,
    handler: ({ actor, tx, query }) => monthlyClusters({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/escalations',
    summary: 'Escalate overdue cases now (a job): notify unit heads and the district office',
    tags,
    access: 'cases.manage',
    response: z.object({ jobId: z.string() }),
    handler: async ({ actor, tx }) => ({
      jobId: await enqueueJob(tx, actor, 'cases.escalate_overdue', { districtId: actor.districtId }),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/api-keys',
    summary: 'Create an Open311 API key (shown once)',
    tags,
    access: 'cases.manage',
    body: ZApiKeyRequest,
    response: ZApiKeyResponse,
    handler: ({ actor, tx, body }) => createApiKey({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id',
    summary: 'One case with history, clocks (explained), links and merged duplicates',
    tags,
    access: 'cases.read',
    params: ZIdParams,
    response: ZCaseDetail,
    handler: ({ actor, tx, params }) => getCase({ actor, tx, input: { id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/transitions',
    summary: 'Move a case along its state machine (sign for, dispatch, reply, accept, opinion …)',
    tags,
    access: 'cases.handle',
    params: ZIdParams,
    body: ZTransitionRequest,
    response: ZCase,
    handler: ({ actor, tx, params, body }) =>
      transitionCase({ actor, tx, input: { id: params.id, request: body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/reveal',
    summary: "Reveal one of the complainant's sealed fields (handlers only, audited with a reason)",
    tags,
    access: 'cases.reveal',
    params: ZIdParams,
    body: ZCaseRevealRequest,
    response: ZCaseRevealResponse,
    handler: ({ actor, tx, params, body }) =>
      revealComplainant({ actor, tx, input: { id: params.id, ...body } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id/similar',
    summary: 'Open cases that look like the same matter (same school, similar words)',
    tags,
    access: 'cases.read',
    params: ZIdParams,
    response: ZSimilarCases,
    handler: ({ actor, tx, params }) => similarCases({ actor, tx, input: { id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/link',
    summary: 'Link two cases on the same matter (counted once in rankings)',
    tags,
    access: 'cases.dispatch',
    params: ZIdParams,
    body: ZLinkRequest,
    response: ZCase,
    handler: ({ actor, tx, params, body }) =>
      linkCases({ actor, tx, input: { id: params.id, otherId: body.otherId } }),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/cases/:id/link',
    summary: 'Take a case out of its link group',
    tags,
    access: 'cases.dispatch',
    params: ZIdParams,
    response: ZCase,
    handler: ({ actor, tx, params }) => unlinkCase({ actor, tx, input: { id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/merge',
    summary: 'Merge a duplicate into another case (reversible, audited)',
    tags,
    access: 'cases.dispatch',
    params: ZIdParams,
    body: ZMergeRequest,
    response: ZCase,
    handler: ({ actor, tx, params, body }) => mergeCase({ actor, tx, input: { id: params.id, ...body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/unmerge',
    summary: 'Undo a merge: the case returns to its state and its clocks resume',
    tags,
    access: 'cases.dispatch',
    params: ZIdParams,
    body: ZUnmergeRequest,
    response: ZCase,
    handler: ({ actor, tx, params, body }) => unmergeCase({ actor, tx, input: { id: params.id, ...body } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id/notices/:type',
    summary: 'Data of a printable notice (受理、不予受理、延期告知书, 处理意见书)',
    tags,
    access: 'cases.read',
    writes: true,
    params: z.object({ id: ZId, type: ZNoticeType }),
    response: ZNotice,
    handler: ({ actor, tx, params }) => buildNotice({ actor, tx, input: params }),
  }),
];
