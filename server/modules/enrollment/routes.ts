import { z } from 'zod';
import { ZId } from '../../../contracts/common.ts';
import {
  ZAddressExceptionRequest,
  ZAddressUseList,
  ZAddressUseQuery,
  ZAdmissionNotice,
  ZApplicationDetail,
  ZApplicationList,
  ZApplicationListQuery,
  ZAreaChoicesRequest,
  ZAttendanceRequest,
  ZBookReviewRequest,
  ZCancelReviewSlotRequest,
  ZCommitRequest,
  ZCreateDrawRequest,
  ZCreateReviewSlotsRequest,
  ZCreateReviewSlotsResponse,
  ZCreateYearRequest,
  ZDecisionRequest,
  ZDirectAdmission,
  ZDirectAdmissionRequest,
  ZDraw,
  ZDrawComparison,
  ZDrawList,
  ZDrawListQuery,
  ZEnrollmentSchoolList,
  ZEnrollmentYear,
  ZEnrollmentYearList,
  ZExpireOffersResponse,
  ZFamilyQuery,
  ZFamilyResult,
  ZFeederList,
  ZFeederListQuery,
  ZInPersonReview,
  ZMyApplications,
  ZOffer,
  ZOfferList,
  ZOfferListQuery,
  ZPublicDrawList,
  ZPublicFeederList,
  ZPublicYearList,
  ZPutFeedersRequest,
  ZPutSchoolsRequest,
  ZRegisterParentRequest,
  ZRegisterParentResponse,
  ZRegistryTransfer,
  ZRegistryTransferRequest,
  ZRequestInPersonReviewRequest,
  ZResubmitRequest,
  ZReturnToArea,
  ZRevealRequest,
  ZReviewBooking,
  ZReviewBookingList,
  ZReviewBookingListQuery,
  ZReviewInput,
  ZReviewSlip,
  ZReviewSlot,
  ZReviewSlotList,
  ZReviewSlotListQuery,
  ZRunDrawResponse,
  ZSubmitApplicationRequest,
  ZSupply,
  ZUpdateReviewSlotRequest,
  ZUpdateYearRequest,
  ZWaitlistList,
  ZWaitlistQuery,
  ZWaitlistSchools,
  ZWaitlistSchoolsQuery,
} from '../../../contracts/enrollment.ts';
import { recordAudit } from '../../core/audit/index.ts';
import { beijingMinute } from '../../core/beijing-time.ts';
import { streamXlsx } from '../../core/excel.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { bookReview, cancelReviewBooking, markReviewAttendance } from './book-review.ts';
import { admitDirectly } from './direct-admission.ts';
import { commitDraw, createDraw, freezeDraw, listDraws, revealDraw, runDraw, toDraw } from './draws.ts';
import { listFeeders, publicFeeders, putFeeders } from './feeders.ts';
import { getApplication } from './get-application.ts';
import { inPersonReview, listReviewBookings, requestInPersonReview, reviewSlip } from './in-person-review.ts';
import { listAddressUses } from './ledger.ts';
import { listApplications } from './list-applications.ts';
import { admissionNotice, confirmOffer, declineOffer, listOffers, registryRows } from './offers.ts';
import { loadDraw, loadYear } from './policy.ts';
import { bundleText, drawComparison, familyResult, publicDraws } from './public-draws.ts';
import { publishDraw } from './publish-draw.ts';
import { registerParent } from './register-parent.ts';
import { rankAreaChoices, returnToArea, returnUnplaced } from './return-to-area.ts';
import { decideApplication, grantAddressException, reviewApplication } from './review-application.ts';
import { cancelReviewSlot, createReviewSlots, listReviewSlots, updateReviewSlot } from './review-slots.ts';
import { resubmitApplication, submitApplication } from './submit-application.ts';
import { seatSupply } from './supply.ts';
import { transferToRegistry } from './transfer-to-registry.ts';
import { uploadDocument } from './upload-document.ts';
import { expireOffersBySchool, listWaitlist, waitlistSchools } from './waitlists.ts';
import {
  createYear,
  getYearSchools,
  listYears,
  publicYears,
  putSchools,
  toYear,
  updateYear,
} from './years.ts';

const tags = ['enrollment'];
const ZIdParams = z.object({ id: ZId });
const statusLabels = {
  submitted: '已提交',
  approved: '已通过',
  rejected: '未通过',
  resubmitted: '已重新提交',
  withdrawn: '已撤回',
} as const;
const routeLabels = {
  throughTrain: '九年一贯直升',
  feederQuota: '对口直升',
  registrationEntry: '登记入学',
  publicBoarding: '公办寄宿',
  private: '民办',
  area: '派位',
} as const;

/** Public pages (no session): open years, registration, draws, bundles, a family's receipt. */
const publicRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/years',
    summary: 'Open enrollment years with their routes, zones and schools (public)',
    tags,
    access: 'public',
    response: ZPublicYearList,
    handler: ({ tx }) => publicYears({ tx }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/public/enrollment/register',
    summary: 'A parent registers (phone + password, same policy as staff) and is logged in',
    tags,
    access: 'public',
    rateLimit: { max: 10, timeWindow: '1 minute' },
    body: ZRegisterParentRequest,
    response: ZRegisterParentResponse,
    handler: ({ actor, tx, body, req, reply }) => registerParent({ actor, tx, input: body, req, reply }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/draws',
    summary: 'Draws with their pool roots and commitments (published: result hash) (public)',
    tags,
    access: 'public',
    response: ZPublicDrawList,
    handler: ({ tx }) => publicDraws({ tx }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/draws/:id/bundle',
    summary: 'The published draw bundle, byte for byte as stored (verify with `edugov lottery verify`)',
    tags,
    access: 'public',
    params: ZIdParams,
    handler: async ({ tx, params, reply }) => {
      const text = await bundleText(tx, params.id);
      reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="draw-${params.id}-bundle.json"`);
      return reply.send(text);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/draws/:id/comparison',
    summary: 'DA and IA on the published pool and seed: first choice, top 3, unassigned, per rank (public)',
    tags,
    access: 'public',
    params: ZIdParams,
    response: ZDrawComparison,
    handler: ({ tx, params }) => drawComparison({ tx, input: params }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/draws/:id/family',
    summary:
      "A family's inclusion receipt and (once published) the priority and number that decided its place",
    tags,
    access: 'public',
    params: ZIdParams,
    query: ZFamilyQuery,
    response: ZFamilyResult,
    handler: ({ tx, params, query }) =>
      familyResult({ tx, input: { id: params.id, lotteryId: query.lotteryId } }),
  }),
];

/** The parent portal (role parent: enrollment.apply; a parent sees only its own applications). */
const parentRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/my/applications',
    summary: "The logged-in parent's applications with reviews, reasons and offers",
    tags,
    access: 'enrollment.apply',
    response: ZMyApplications,
    handler: async ({ actor, tx }) => {
      const mine = await listApplications({ actor, tx, input: { page: 1, pageSize: 20, mine: true } });
      const items = [];
      for (const a of mine.items) items.push(await getApplication({ actor, tx, input: { id: a.id } }));
      return { items };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications',
    summary: 'Submit an application (idempotent by clientKey; never first-come-first-served)',
    tags,
    access: 'enrollment.apply',
    body: ZSubmitApplicationRequest,
    response: ZApplicationDetail,
    handler: ({ actor, tx, body }) => submitApplication({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications/:id/resubmit',
    summary: 'Correct and resubmit a rejected application (once)',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    body: ZResubmitRequest,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, body }) =>
      resubmitApplication({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications/:id/documents',
    summary: 'Upload a document of the application (multipart: kind, then file)',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, req }) => uploadDocument({ actor, tx, req, id: params.id }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/offers/:id/confirm',
    summary: 'Confirm an offer before its deadline',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    response: ZOffer,
    handler: ({ actor, tx, params }) => confirmOffer({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/offers/:id/decline',
    summary: 'Decline an offer (the seat goes to the waitlist)',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    response: ZOffer,
    handler: ({ actor, tx, params }) => declineOffer({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/offers/:id/notice',
    summary: 'The printable admission notice of an offer (its family, or staff in scope)',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZAdmissionNotice,
    handler: ({ actor, tx, params }) => admissionNotice({ actor, tx, input: params }),
  }),
];

const applicationColumns = [
  { header: '随机编号 Lottery id', value: (a: { lotteryId: string }) => a.lotteryId },
  { header: '儿童 Child', value: (a: { childName: string }) => a.childName },
  { header: '身份证号 ID', width: 22, value: (a: { childIdNumber: string }) => a.childIdNumber },
  { header: '学区 Zone', width: 16, value: (a: { zoneName: string }) => a.zoneName },
  { header: '学段 Stage', value: (a: { stage: string }) => (a.stage === 'primary' ? '小学' : '初中') },
  { header: '途径 Route', value: (a: { route: keyof typeof routeLabels }) => routeLabels[a.route] },
  { header: '类别 Category', value: (a: { category: string }) => a.category },
  { header: '状态 Status', value: (a: { status: keyof typeof statusLabels }) => statusLabels[a.status] },
  { header: '地址标记 Flagged', value: (a: { flagged: boolean }) => (a.flagged ? '是' : '') },
  {
    header: '现就读小学 Current school',
    width: 18,
    value: (a: { currentSchoolName: string | null }) => a.currentSchoolName ?? '',
  },
  {
    header: '转入派位 Returned from',
    value: (a: { returnedFrom: keyof typeof routeLabels | null }) =>
      a.returnedFrom ? routeLabels[a.returnedFrom] : '',
  },
  { header: '重新提交 Resubmissions', value: (a: { resubmissions: number }) => a.resubmissions },
  {
    header: '提交时间 Submitted',
    width: 18,
    value: (a: { createdAt: string }) => beijingMinute(a.createdAt),
  },
];

/** The officers' and reviewers' routes. */
const staffRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years',
    summary: 'Enrollment years of the district',
    tags,
    access: 'enrollment.read',
    response: ZEnrollmentYearList,
    handler: ({ actor, tx }) => listYears({ actor, tx }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/years',
    summary: 'Create an enrollment year with its configuration (version 1)',
    tags,
    access: 'enrollment.manage',
    body: ZCreateYearRequest,
    response: ZEnrollmentYear,
    handler: ({ actor, tx, body }) => createYear({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years/:id',
    summary: 'One enrollment year',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    response: ZEnrollmentYear,
    handler: async ({ actor, tx, params }) => toYear(tx, actor, await loadYear(tx, actor, params.id)),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/enrollment/years/:id',
    summary: 'Rename, open or close a year, or change its configuration (a new version)',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZUpdateYearRequest,
    response: ZEnrollmentYear,
    handler: ({ actor, tx, params, body }) => updateYear({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years/:id/schools',
    summary: 'Participating schools and their seats per route',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    response: ZEnrollmentSchoolList,
    handler: ({ actor, tx, params }) => getYearSchools({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/years/:id/schools',
    summary: 'Replace the participating schools and their seats',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZPutSchoolsRequest,
    response: ZEnrollmentSchoolList,
    handler: ({ actor, tx, params, body }) =>
      putSchools({ actor, tx, input: { ...body, yearId: params.id } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years/:id/supply',
    summary: 'Seat supply and demand per 学区 and stage (forecast from birth cohorts, applications, seats)',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    response: ZSupply,
    handler: ({ actor, tx, params }) => seatSupply({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years/:id/registry.xlsx',
    summary:
      'Confirmed children as a student-import workbook for an outside registry system (ID numbers revealed: audited); the hand-over itself is registry-transfer',
    tags,
    access: 'enrollment.manage',
    writes: true,
    params: ZIdParams,
    handler: async ({ actor, tx, params, reply }) => {
      const year = await loadYear(tx, actor, params.id);
      const rows = await registryRows(tx, actor, year.id);
      await recordAudit(tx, actor, {
        action: 'enrollment.export_registry',
        entityType: 'enrollmentYear',
        entityId: year.id,
        orgId: year.orgId,
        districtId: year.districtId,
        after: { rows: rows.length },
      });
      await streamXlsx(reply, {
        fileName: `${year.year}年新生学籍导入`,
        sheetName: '导入',
        columns: [
          { header: '姓名', value: (r: (typeof rows)[number]) => r.name },
          { header: '性别', value: (r: (typeof rows)[number]) => r.gender },
          { header: '身份证号', width: 22, value: (r: (typeof rows)[number]) => r.idNumber },
          { header: '单位代码', value: (r: (typeof rows)[number]) => r.unitCode },
          { header: '年级', value: (r: (typeof rows)[number]) => r.grade },
          { header: '住址', width: 40, value: (r: (typeof rows)[number]) => r.address },
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
    url: '/api/enrollment/applications',
    summary: 'Applications of the 学区 in scope, filtered, sorted and paged',
    tags,
    access: 'enrollment.read',
    query: ZApplicationListQuery,
    response: ZApplicationList,
    handler: ({ actor, tx, query }) => listApplications({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/applications/export.xlsx',
    summary: 'Export the filtered application list (masked) to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZApplicationListQuery,
    list: listApplications,
    audit: { action: 'enrollment.export', entityType: 'enrollmentApplication' },
    fileName: '入学申请',
    sheetName: '申请',
    pageSize: 200,
    columns: applicationColumns as never,
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/applications/:id',
    summary: 'One application: reviews, flag, documents, offers',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params }) => getApplication({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/applications/:id/reviews',
    summary: "An agency's pass or fail (with a reason) on its part",
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZReviewInput,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, body }) =>
      reviewApplication({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/applications/:id/decision',
    summary: "The 学区's decision: approve (every agency passed) or reject with a reason",
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZDecisionRequest,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, body }) =>
      decideApplication({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/applications/:id/address-exception',
    summary: 'Record an approved exception to the address lock (六年一学位)',
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZAddressExceptionRequest,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, body }) =>
      grantAddressException({ actor, tx, input: { id: params.id, reason: body.reason } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/address-uses',
    summary: 'The address ledger (六年一学位), masked',
    tags,
    access: 'enrollment.read',
    query: ZAddressUseQuery,
    response: ZAddressUseList,
    handler: ({ actor, tx, query }) => listAddressUses({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/address-uses/export.xlsx',
    summary: 'Export the address ledger (masked) to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZAddressUseQuery,
    list: listAddressUses,
    audit: { action: 'enrollment.export_ledger', entityType: 'enrollmentAddressUse' },
    fileName: '六年一学位台账',
    sheetName: '台账',
    columns: [
      { header: '地址 Address', width: 36, value: (u) => u.address },
      { header: '儿童 Child', value: (u) => u.childName },
      { header: '入学年度 Year', value: (u) => u.year },
      { header: '学校 School', width: 28, value: (u) => u.schoolName },
      { header: '年限 Span', value: (u) => u.span },
      { header: '锁定至 Locked until', value: (u) => u.lockedUntil },
      { header: '例外原因 Exception', width: 30, value: (u) => u.exceptionReason },
      { header: '批准人 Approver', value: (u) => u.exceptionApproverName },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/draws',
    summary: 'Draws of the district',
    tags,
    access: 'enrollment.read',
    query: ZDrawListQuery,
    response: ZDrawList,
    handler: ({ actor, tx, query }) => listDraws({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws',
    summary: 'Create a draw (stage, route, optional 学区, mechanism, the parties of the commit-reveal)',
    tags,
    access: 'enrollment.manage',
    body: ZCreateDrawRequest,
    response: ZDraw,
    handler: ({ actor, tx, body }) => createDraw({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/draws/:id',
    summary: 'One draw',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    response: ZDraw,
    handler: async ({ actor, tx, params }) => toDraw(tx, actor, await loadDraw(tx, actor, params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/freeze',
    summary: 'Freeze the pool and publish its Merkle root',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    response: ZDraw,
    handler: ({ actor, tx, params }) => freezeDraw({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/commitments',
    summary: "A party's commitment (SHA-256 of its secret), before the draw",
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZCommitRequest,
    response: ZDraw,
    handler: ({ actor, tx, params, body }) => commitDraw({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/reveals',
    summary: "A party's reveal at the draw (checked against its commitment)",
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZRevealRequest,
    response: ZDraw,
    handler: ({ actor, tx, params, body }) => revealDraw({ actor, tx, input: { ...body, id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/run',
    summary: 'Run the draw as a job (seed from the reveals, DA or IA)',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    response: ZRunDrawResponse,
    handler: ({ actor, tx, params }) => runDraw({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/publish',
    summary: 'Publish the bundle; offers and waitlists are made from it',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    response: ZDraw,
    handler: ({ actor, tx, params }) => publishDraw({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/expire-offers',
    summary: 'Expire the offers past their deadline; their seats go down the waitlists',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    response: ZExpireOffersResponse,
    handler: ({ actor, tx, params }) => expireOffersBySchool({ actor, tx, input: { drawId: params.id } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/offers',
    summary: 'Offers of the schools in scope',
    tags,
    access: 'enrollment.read',
    query: ZOfferListQuery,
    response: ZOfferList,
    handler: ({ actor, tx, query }) => listOffers({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/offers/export.xlsx',
    summary: 'Export the filtered offers to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZOfferListQuery,
    list: listOffers,
    audit: { action: 'enrollment.export_offers', entityType: 'enrollmentOffer' },
    fileName: '录取名单',
    sheetName: '录取',
    columns: [
      { header: '通知书编号 Notice no.', width: 20, value: (o) => o.noticeNo },
      { header: '儿童 Child', value: (o) => o.childName },
      { header: '学校 School', width: 28, value: (o) => o.schoolName },
      { header: '来源 Source', value: (o) => offerSourceLabels[o.source] },
      { header: '状态 Status', value: (o) => offerStatusLabels[o.status] },
      // Beijing wall time, as families were told (never the UTC instant).
      { header: '确认截止 Deadline', width: 20, value: (o) => beijingMinute(o.deadline) },
      { header: '答复时间 Responded', width: 20, value: (o) => beijingMinute(o.respondedAt) },
    ],
  }),
];

const offerSourceLabels = { draw: '派位', waitlist: '候补递补', direct: '直升' } as const;
const offerStatusLabels = {
  offered: '待确认',
  confirmed: '已确认',
  declined: '已放弃',
  expired: '逾期未确认',
  superseded: '已递补其他学校',
} as const;

const slotStatusLabels = { open: '开放', cancelled: '已取消' } as const;
const bookingStatusLabels = {
  booked: '已预约',
  attended: '已到场',
  noShow: '未到场',
  cancelled: '已取消',
} as const;
const stageNames = (stages: string[]) =>
  stages.map((s) => (s === 'primary' ? '小学' : '初中')).join('、') || '全部';

/**
 * 预约现场审核: the 学区's slots (enrollment.review at the zone opens, edits, cancels them and records
 * who came), the families' bookings (enrollment.apply, their own applications only) and the slip.
 */
const inPersonReviewRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/applications/:id/in-person-review',
    summary:
      "An application's in-person review: reasons, booking, history and (for its family) the open slots",
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZInPersonReview,
    handler: ({ actor, tx, params }) => inPersonReview({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/applications/:id/in-person-review',
    summary:
      'The 学区 asks an application in review for an in-person review, with a reason (family notified)',
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZRequestInPersonReviewRequest,
    response: ZInPersonReview,
    handler: ({ actor, tx, params, body }) =>
      requestInPersonReview({ actor, tx, input: { id: params.id, reason: body.reason } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications/:id/review-booking',
    summary: 'Book (or move to) a slot of the in-person review; capacity enforced, until the cutoff',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    body: ZBookReviewRequest,
    response: ZInPersonReview,
    handler: ({ actor, tx, params, body }) =>
      bookReview({ actor, tx, input: { id: params.id, slotId: body.slotId } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/review-bookings/:id/cancel',
    summary: "Cancel the family's booking (until the cutoff before the slot)",
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    response: ZInPersonReview,
    handler: ({ actor, tx, params }) => cancelReviewBooking({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/review-bookings/:id/slip',
    summary: 'The printable booking slip (its family, or staff of the 学区)',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZReviewSlip,
    handler: ({ actor, tx, params }) => reviewSlip({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/review-slots',
    summary: 'In-person review slots of the 学区 in scope with places booked, filtered, sorted and paged',
    tags,
    access: 'enrollment.read',
    query: ZReviewSlotListQuery,
    response: ZReviewSlotList,
    handler: ({ actor, tx, query }) => listReviewSlots({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/review-slots/export.xlsx',
    summary: 'Export the filtered in-person review slots to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZReviewSlotListQuery,
    list: listReviewSlots,
    audit: { action: 'enrollment.export_review_slots', entityType: 'enrollmentReviewSlot' },
    fileName: '现场审核时段',
    sheetName: '时段',
    pageSize: 200,
    columns: [
      { header: '学区 Zone', width: 16, value: (s) => s.zoneName },
      { header: '地点 Place', width: 30, value: (s) => s.place },
      { header: '开始 Starts', width: 18, value: (s) => beijingMinute(s.startsAt) },
      { header: '结束 Ends', width: 18, value: (s) => beijingMinute(s.endsAt) },
      { header: '容量 Capacity', value: (s) => s.capacity },
      { header: '已约 Booked', value: (s) => s.booked },
      { header: '剩余 Remaining', value: (s) => s.remaining },
      { header: '学段 Stages', value: (s) => stageNames(s.stages) },
      { header: '类别 Categories', width: 20, value: (s) => s.categories.join('、') || '全部' },
      { header: '状态 Status', value: (s) => slotStatusLabels[s.status] },
      { header: '取消原因 Reason', width: 24, value: (s) => s.cancelReason },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/review-slots',
    summary: 'Open slots for a 学区: one a day or a series; non-working days refused or skipped',
    tags,
    access: 'enrollment.review',
    body: ZCreateReviewSlotsRequest,
    response: ZCreateReviewSlotsResponse,
    handler: ({ actor, tx, body }) => createReviewSlots({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/enrollment/review-slots/:id',
    summary: "Change a slot's capacity (never below the places booked)",
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZUpdateReviewSlotRequest,
    response: ZReviewSlot,
    handler: ({ actor, tx, params, body }) =>
      updateReviewSlot({ actor, tx, input: { id: params.id, capacity: body.capacity } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/review-slots/:id/cancel',
    summary: 'Cancel a slot: its bookings are cancelled and the families notified',
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZCancelReviewSlotRequest,
    response: ZReviewSlot,
    handler: ({ actor, tx, params, body }) =>
      cancelReviewSlot({ actor, tx, input: { id: params.id, reason: body.reason } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/review-bookings',
    summary: 'Bookings of the in-person review in scope (children masked), filtered, sorted and paged',
    tags,
    access: 'enrollment.read',
    query: ZReviewBookingListQuery,
    response: ZReviewBookingList,
    handler: ({ actor, tx, query }) => listReviewBookings({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/review-bookings/export.xlsx',
    summary: 'Export the filtered bookings of the in-person review (masked) to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZReviewBookingListQuery,
    list: listReviewBookings,
    audit: { action: 'enrollment.export_review_bookings', entityType: 'enrollmentReviewBooking' },
    fileName: '现场审核预约',
    sheetName: '预约',
    pageSize: 200,
    columns: [
      { header: '预约号 Booking no.', width: 18, value: (b) => b.bookingNo },
      { header: '摇号编号 Lottery id', width: 20, value: (b) => b.lotteryId },
      { header: '儿童 Child', value: (b) => b.childName },
      { header: '身份证号 ID', width: 22, value: (b) => b.childIdNumber },
      { header: '类别 Category', value: (b) => b.category },
      { header: '学区 Zone', width: 16, value: (b) => b.zoneName },
      { header: '地点 Place', width: 30, value: (b) => b.place },
      { header: '时间 Time', width: 18, value: (b) => beijingMinute(b.startsAt) },
      { header: '状态 Status', value: (b) => bookingStatusLabels[b.status] },
      { header: '登记人 Marked by', value: (b) => b.markedByName },
      { header: '登记时间 Marked at', width: 18, value: (b) => beijingMinute(b.markedAt) },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/review-bookings/:id/attendance',
    summary: 'Record whether the family came (attended / no-show) once the slot has started',
    tags,
    access: 'enrollment.review',
    params: ZIdParams,
    body: ZAttendanceRequest,
    response: ZReviewBooking,
    handler: ({ actor, tx, params, body }) =>
      markReviewAttendance({ actor, tx, input: { id: params.id, attended: body.attended } }),
  }),
];

const waitlistStatusLabels = { waiting: '候补中', offered: '已递补录取', removed: '已失效' } as const;

/** The officers' waitlists and the hand-over of the confirmed children to the student registry. */
const officerRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/waitlists',
    summary: 'Waitlists per draw and school in admission order (children masked), filtered and paged',
    tags,
    access: 'enrollment.read',
    query: ZWaitlistQuery,
    response: ZWaitlistList,
    handler: ({ actor, tx, query }) => listWaitlist({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/enrollment/waitlists/export.xlsx',
    summary: 'Export the filtered waitlists (masked) to Excel',
    tags,
    access: 'enrollment.read',
    listQuery: ZWaitlistQuery,
    list: listWaitlist,
    audit: { action: 'enrollment.export_waitlists', entityType: 'enrollmentWaitlist' },
    fileName: '候补名单',
    sheetName: '候补',
    pageSize: 200,
    columns: [
      { header: '摇号 Draw', width: 28, value: (e) => e.drawName },
      { header: '学校 School', width: 28, value: (e) => e.schoolName },
      { header: '候补序号 Position', value: (e) => e.position },
      { header: '摇号编号 Lottery id', width: 20, value: (e) => e.lotteryId },
      { header: '儿童 Child', value: (e) => e.childName },
      { header: '身份证号 ID', width: 22, value: (e) => e.childIdNumber },
      { header: '状态 Status', value: (e) => waitlistStatusLabels[e.status] },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/waitlists/schools',
    summary: 'Per school of a draw: children waiting, offered a seat from the waitlist, removed',
    tags,
    access: 'enrollment.read',
    query: ZWaitlistSchoolsQuery,
    response: ZWaitlistSchools,
    handler: ({ actor, tx, query }) => waitlistSchools({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/years/:id/registry-transfer',
    summary:
      'Hand the confirmed children of a stage over to the student registry (录取名单转学籍); idempotent',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZRegistryTransferRequest,
    response: ZRegistryTransfer,
    handler: ({ actor, tx, params, body }) =>
      transferToRegistry({ actor, tx, input: { id: params.id, stage: body.stage } }),
  }),
];

/** The junior-entry routes: feeder pairs, direct admission (九年一贯直升), the return to 派位. */
const juniorRouteRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/public/enrollment/years/:id/feeders',
    summary:
      'The feeder pairs (对口直升) of an open year: which middle schools a primary school feeds (public)',
    tags,
    access: 'public',
    params: ZIdParams,
    response: ZPublicFeederList,
    handler: ({ tx, params }) => publicFeeders({ tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications/:id/return-to-area',
    summary: 'Return the family’s own unplaced child (and its twins) to 派位; lottery id and reviews kept',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params }) => returnToArea({ actor, tx, input: params }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/my/applications/:id/area-choices',
    summary: 'Rank the area schools of a child returned to 派位 (until its area pool is frozen)',
    tags,
    access: 'enrollment.apply',
    params: ZIdParams,
    body: ZAreaChoicesRequest,
    response: ZApplicationDetail,
    handler: ({ actor, tx, params, body }) =>
      rankAreaChoices({ actor, tx, input: { id: params.id, choices: body.choices } }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/enrollment/years/:id/feeders',
    summary: 'The feeder pairs (对口直升) of a year with leavers and quota seats',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    query: ZFeederListQuery,
    response: ZFeederList,
    handler: ({ actor, tx, params, query }) => listFeeders({ actor, tx, input: { ...query, id: params.id } }),
  }),
  exportRoute({
    url: '/api/enrollment/years/:id/feeders/export.xlsx',
    summary: 'Export the feeder pairs to Excel',
    tags,
    access: 'enrollment.read',
    params: ZIdParams,
    listQuery: ZFeederListQuery,
    list: listFeeders,
    audit: { action: 'enrollment.export_feeders', entityType: 'enrollmentFeeder' },
    fileName: '对口直升小学',
    sheetName: '对口',
    columns: [
      { header: '中学代码 Middle code', value: (f) => f.middleCode },
      { header: '中学 Middle school', width: 28, value: (f) => f.middleName },
      { header: '小学代码 Primary code', value: (f) => f.feederCode },
      { header: '对口小学 Feeder school', width: 28, value: (f) => f.feederName },
      { header: '六年级人数 Leavers', value: (f) => f.leavers },
      { header: '直升名额 Quota seats', value: (f) => f.quotaSeats },
    ],
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/years/:id/feeders',
    summary: 'Replace the feeder pairs (leavers from the registry unless given; quota seats computed)',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZPutFeedersRequest,
    response: ZFeederList,
    handler: ({ actor, tx, params, body }) =>
      putFeeders({ actor, tx, input: { ...body, yearId: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/years/:id/direct-admission',
    summary:
      'Admit a nine-year school’s approved through-train children without a draw (refused if oversubscribed)',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    body: ZDirectAdmissionRequest,
    response: ZDirectAdmission,
    handler: ({ actor, tx, params, body }) =>
      admitDirectly({ actor, tx, input: { yearId: params.id, schoolId: body.schoolId } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/enrollment/draws/:id/return-unplaced',
    summary: 'Return every unplaced child of a published draw to 派位 of its stage (idempotent)',
    tags,
    access: 'enrollment.manage',
    params: ZIdParams,
    response: ZReturnToArea,
    handler: ({ actor, tx, params }) => returnUnplaced({ actor, tx, input: params }),
  }),
];

export const enrollmentRoutes: AnyRoute[] = [
  ...publicRoutes,
  ...parentRoutes,
  ...staffRoutes,
  ...officerRoutes,
  ...inPersonReviewRoutes,
  ...juniorRouteRoutes,
];
