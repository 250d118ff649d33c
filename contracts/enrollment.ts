import { z } from 'zod';
import { ZId, ZIsoDate, ZListQuery, ZListResponse } from './common.ts';

/**
 * 招生入学: enrollment years and their configuration, participating schools and seats, parent
 * registration and applications, agency reviews and the 学区's decision, the address ledger
 * (六年一学位), draws (freeze → commit → reveal → run → publish), offers, waitlists, notices and
 * the seat supply/demand per 学区. The draw bundle itself is the engine's (engines/lottery).
 */

export const ZStage = z.enum(['primary', 'junior']);
export type TStage = z.infer<typeof ZStage>;
/** 九年一贯直升, 对口直升, 登记入学, 公办寄宿, 民办, 派位 */
export const ZRoute = z.enum([
  'throughTrain',
  'feederQuota',
  'registrationEntry',
  'publicBoarding',
  'private',
  'area',
]);
export type TRoute = z.infer<typeof ZRoute>;
export const ZHukouType = z.enum(['district', 'otherDistrict', 'nonBeijing']);
export const ZResidenceKind = z.enum(['property', 'rental']);
export const ZAgency = z.enum(['education', 'police', 'housing', 'socialSecurity']);
export type TAgency = z.infer<typeof ZAgency>;
export const ZApplicationStatus = z.enum(['submitted', 'approved', 'rejected', 'resubmitted', 'withdrawn']);
export type TApplicationStatus = z.infer<typeof ZApplicationStatus>;
export const ZDrawStatus = z.enum(['created', 'frozen', 'running', 'drawn', 'published', 'failed']);
export type TDrawStatus = z.infer<typeof ZDrawStatus>;
export const ZOfferStatus = z.enum(['offered', 'confirmed', 'declined', 'expired', 'superseded']);
/** The five documents of a non-Beijing family, and the residence proof of everyone. */
export const ZDocumentKind = z.enum([
  'residencePermit',
  'residenceProof',
  'employmentProof',
  'noGuardianProof',
  'householdRegister',
  'propertyOrRental',
]);
export const FIVE_DOCUMENTS = [
  'residencePermit',
  'residenceProof',
  'employmentProof',
  'noGuardianProof',
  'householdRegister',
] as const;

// ── the year ──
export const ZRouteConfig = z.object({
  route: ZRoute,
  stage: ZStage,
  /** Parents rank up to this many schools (1 = one choice, e.g. private). */
  maxChoices: z.number().int().min(1).max(10),
  /** 对口直升: the share of a feeder school's leavers (percent). */
  quotaPercent: z.number().int().min(0).max(100).optional(),
  /** The route places by a draw (派位/摇号) when oversubscribed. */
  lottery: z.boolean(),
});
export const ZPhase = z.object({
  id: z.enum([
    'platformOpen',
    'dataCollection',
    'privateRegistration',
    'schoolReview',
    'areaDraw',
    'notices',
  ]),
  from: ZIsoDate,
  to: ZIsoDate,
});
export const ZCategory = z.object({
  id: z.string().trim().min(1).max(30),
  zh: z.string().trim().min(1).max(40),
  en: z.string().trim().min(1).max(60),
  /** Priority class in draws: smaller is served first. */
  priorityClass: z.number().int().min(0).max(20),
  /** Reviewed in person at the 学区 (over-age, military, collective hukou …): the family books a slot. */
  inPersonReview: z.boolean().optional(),
});
export const ZEnrollmentConfig = z.object({
  routes: z.array(ZRouteConfig).min(1).max(20),
  phases: z.array(ZPhase).max(10),
  categories: z.array(ZCategory).min(1).max(10),
  /** Working days a family has to confirm an offer (legal-clock engine). */
  confirmWorkingDays: z.number().int().min(1).max(30),
  /** Primary entry: six years old by this date. */
  birthCutoff: ZIsoDate,
  /** Families book, rebook or cancel an in-person review until this many hours before it (default 24). */
  reviewCutoffHours: z.number().int().min(0).max(168).optional(),
});
export type TEnrollmentConfig = z.infer<typeof ZEnrollmentConfig>;

export const ZEnrollmentYearStatus = z.enum(['draft', 'open', 'closed']);
export const ZEnrollmentYear = z.object({
  id: z.number().int(),
  districtId: z.number().int(),
  orgId: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  status: ZEnrollmentYearStatus,
  config: ZEnrollmentConfig,
  configVersion: z.number().int(),
  applications: z.number().int(),
  seats: z.number().int(),
  actions: z.array(z.enum(['edit'])),
});
export type TEnrollmentYear = z.infer<typeof ZEnrollmentYear>;
export const ZEnrollmentYearList = z.object({ items: z.array(ZEnrollmentYear) });
export const ZCreateYearRequest = z.object({
  orgId: ZId,
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(60),
  config: ZEnrollmentConfig,
});
export type TCreateYearRequest = z.infer<typeof ZCreateYearRequest>;
export const ZUpdateYearRequest = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  status: ZEnrollmentYearStatus.optional(),
  config: ZEnrollmentConfig.optional(),
});
export const ZSchoolSeats = z.object({
  schoolId: ZId,
  stage: ZStage,
  route: ZRoute,
  seats: z.number().int().min(0).max(10_000),
  nineYear: z.boolean().default(false),
});
export const ZPutSchoolsRequest = z.object({ schools: z.array(ZSchoolSeats).max(5000) });
export const ZEnrollmentSchool = z.object({
  schoolId: z.number().int(),
  code: z.string(),
  name: z.string(),
  zoneId: z.number().int().nullable(),
  zoneName: z.string().nullable(),
  stage: ZStage,
  route: ZRoute,
  seats: z.number().int(),
  nineYear: z.boolean(),
});
export type TEnrollmentSchool = z.infer<typeof ZEnrollmentSchool>;
export const ZEnrollmentSchoolList = z.object({ items: z.array(ZEnrollmentSchool) });

/** What the public portal needs to fill an application: open years, zones, schools per route. */
export const ZPublicYear = z.object({
  id: z.number().int(),
  districtId: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  config: ZEnrollmentConfig,
  zones: z.array(z.object({ id: z.number().int(), name: z.string() })),
  schools: z.array(ZEnrollmentSchool),
});
export const ZPublicYearList = z.object({ items: z.array(ZPublicYear) });

// ── parents ──
export const ZPhone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, 'a mainland mobile number of 11 digits');
export const ZRegisterParentRequest = z.object({
  districtId: ZId,
  phone: ZPhone,
  name: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(256),
});
export type TRegisterParentRequest = z.infer<typeof ZRegisterParentRequest>;

export const ZGuardianInput = z.object({
  name: z.string().trim().min(1).max(40),
  relation: z.string().trim().min(1).max(20),
  phone: ZPhone,
});
export const ZApplicationInput = z.object({
  yearId: ZId,
  zoneId: ZId,
  stage: ZStage,
  route: ZRoute,
  category: z.string().trim().min(1).max(30),
  childName: z.string().trim().min(1).max(40),
  childIdNumber: z.string().trim().min(15).max(18),
  birthDate: ZIsoDate,
  gender: z.enum(['M', 'F']).optional(),
  hukouType: ZHukouType,
  residenceKind: ZResidenceKind,
  address: z.string().trim().min(4).max(200),
  certificateNo: z.string().trim().max(60).optional(),
  guardians: z.array(ZGuardianInput).min(1).max(2),
  /** Ranked school ids (org unit ids); length limited by the route's maxChoices. */
  choices: z.array(ZId).max(10),
  /** Another application of this account for a twin: both are placed together. */
  twinOfApplicationId: ZId.optional(),
  /**
   * Junior entry: the primary school the child leaves (an org unit id). Required on the
   * through-train route (it is the school itself) and the feeder-quota route (it must feed the choice).
   */
  currentSchoolId: ZId.optional(),
});
export const ZSubmitApplicationRequest = ZApplicationInput.extend({
  /** Idempotency key chosen by the client: the same key returns the same application. */
  clientKey: z.string().trim().min(8).max(64),
});
export type TSubmitApplicationRequest = z.infer<typeof ZSubmitApplicationRequest>;
export const ZResubmitRequest = ZApplicationInput.omit({
  yearId: true,
  stage: true,
  twinOfApplicationId: true,
});
export type TResubmitRequest = z.infer<typeof ZResubmitRequest>;

export const ZReviewInput = z.object({
  agency: ZAgency,
  passed: z.boolean(),
  reason: z.string().trim().max(300).optional(),
});
export type TReviewInput = z.infer<typeof ZReviewInput>;
export const ZDecisionRequest = z.object({
  approve: z.boolean(),
  reason: z.string().trim().max(300).optional(),
});
export type TDecisionRequest = z.infer<typeof ZDecisionRequest>;
export const ZAddressExceptionRequest = z.object({ reason: z.string().trim().min(2).max(300) });

export const ZReview = z.object({
  agency: ZAgency,
  round: z.number().int(),
  passed: z.boolean(),
  reason: z.string().nullable(),
  reviewerName: z.string(),
  at: z.string(),
});
export const ZAddressFlag = z.object({
  useId: z.number().int(),
  year: z.number().int(),
  schoolName: z.string().nullable(),
  childName: z.string(),
  span: z.number().int(),
});
/** Where an offer came from: a draw, a waitlist, or direct admission (九年一贯直升, no draw). */
export const ZOfferSource = z.enum(['draw', 'waitlist', 'direct']);
export const ZOffer = z.object({
  id: z.number().int(),
  applicationId: z.number().int(),
  childName: z.string(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  drawId: z.number().int().nullable(),
  source: ZOfferSource,
  status: ZOfferStatus,
  deadline: z.string(),
  noticeNo: z.string(),
  respondedAt: z.string().nullable(),
  actions: z.array(z.enum(['confirm', 'decline'])),
});
export type TOffer = z.infer<typeof ZOffer>;

/** returnToArea: the family may return its unplaced child to 派位; rankArea: rank area schools once returned. */
export const ZApplicationAction = z.enum([
  'review',
  'decide',
  'except',
  'resubmit',
  'upload',
  'returnToArea',
  'rankArea',
]);
export const ZApplication = z.object({
  id: z.number().int(),
  yearId: z.number().int(),
  year: z.number().int(),
  zoneId: z.number().int(),
  zoneName: z.string(),
  lotteryId: z.string(),
  stage: ZStage,
  route: ZRoute,
  category: z.string(),
  childName: z.string(),
  childIdNumber: z.string(),
  birthDate: z.string(),
  hukouType: ZHukouType,
  residenceKind: ZResidenceKind,
  address: z.string(),
  status: ZApplicationStatus,
  resubmissions: z.number().int(),
  flagged: z.boolean(),
  siblingGroup: z.string().nullable(),
  /** Junior entry: the primary school the child leaves. */
  currentSchoolId: z.number().int().nullable(),
  /** The name of `currentSchoolId`. */
  currentSchoolName: z.string().nullable(),
  /** Returned to 派位 from this route (the child was not placed there); null otherwise. */
  returnedFrom: ZRoute.nullable(),
  createdAt: z.string(),
  actions: z.array(ZApplicationAction),
});
export type TApplication = z.infer<typeof ZApplication>;
export const ZApplicationDetail = ZApplication.extend({
  gender: z.string().nullable(),
  guardians: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
  choices: z.array(z.object({ schoolId: z.number().int(), name: z.string() })),
  documents: z.array(z.object({ kind: ZDocumentKind, fileId: z.number().int(), name: z.string() })),
  missingDocuments: z.array(ZDocumentKind),
  reviews: z.array(ZReview),
  decisionReason: z.string().nullable(),
  addressFlag: ZAddressFlag.nullable(),
  addressException: z.object({ reason: z.string(), approverName: z.string(), at: z.string() }).nullable(),
  offers: z.array(ZOffer),
  /** The published draws this child was in, for its receipt and explanation. */
  draws: z.array(z.object({ id: z.number().int(), name: z.string(), status: ZDrawStatus })),
});
export type TApplicationDetail = z.infer<typeof ZApplicationDetail>;
export const ZApplicationListQuery = ZListQuery.extend({
  yearId: ZId.optional(),
  zoneId: ZId.optional(),
  stage: ZStage.optional(),
  route: ZRoute.optional(),
  status: ZApplicationStatus.optional(),
  flagged: z.enum(['true', 'false']).optional(),
});
export type TApplicationListQuery = z.infer<typeof ZApplicationListQuery>;
export const ZApplicationList = ZListResponse(ZApplication);
export type TApplicationList = z.infer<typeof ZApplicationList>;

// ── the address ledger ──
export const ZAddressUse = z.object({
  id: z.number().int(),
  address: z.string(),
  childName: z.string(),
  year: z.number().int(),
  schoolName: z.string().nullable(),
  span: z.number().int(),
  lockedUntil: z.number().int(),
  exceptionReason: z.string().nullable(),
  exceptionApproverName: z.string().nullable(),
});
export const ZAddressUseList = ZListResponse(ZAddressUse);
export const ZAddressUseQuery = ZListQuery.extend({ year: z.coerce.number().int().optional() });

// ── draws ──
export const ZCreateDrawRequest = z.object({
  yearId: ZId,
  name: z.string().trim().min(1).max(80),
  stage: ZStage,
  route: ZRoute,
  zoneId: ZId.optional(),
  mechanism: z.enum(['da', 'ia']).default('da'),
  parties: z
    .array(z.string().trim().min(1).max(40))
    .min(1)
    .max(10)
    .refine((p) => new Set(p).size === p.length, 'parties must differ'),
});
export type TCreateDrawRequest = z.infer<typeof ZCreateDrawRequest>;
export const ZCommitRequest = z.object({
  party: z.string().trim().min(1).max(40),
  commitment: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 hex'),
});
export const ZRevealRequest = z.object({
  party: z.string().trim().min(1).max(40),
  reveal: z.string().regex(/^(?:[0-9a-fA-F]{2}){16,64}$/, 'hex of 32 to 128 digits'),
});
export const ZDraw = z.object({
  id: z.number().int(),
  yearId: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  stage: ZStage,
  route: ZRoute,
  zoneId: z.number().int().nullable(),
  zoneName: z.string().nullable(),
  mechanism: z.enum(['da', 'ia']),
  parties: z.array(z.string()),
  status: ZDrawStatus,
  poolRoot: z.string().nullable(),
  poolSize: z.number().int().nullable(),
  frozenAt: z.string().nullable(),
  commitments: z.array(z.object({ party: z.string(), commitment: z.string() })),
  revealed: z.array(z.string()),
  seed: z.string().nullable(),
  resultHash: z.string().nullable(),
  jobId: z.string().nullable(),
  failure: z.string().nullable(),
  publishedAt: z.string().nullable(),
  placed: z.number().int().nullable(),
  /** Approved applicants left out at the freeze because they hold an open or confirmed offer. */
  poolExcluded: z.number().int().nullable(),
  /** returnUnplaced: a published draw of a route other than 派位, whose stage has a 派位 route. */
  actions: z.array(z.enum(['freeze', 'commit', 'reveal', 'run', 'publish', 'returnUnplaced'])),
});
export type TDraw = z.infer<typeof ZDraw>;
export const ZDrawList = z.object({ items: z.array(ZDraw) });
export const ZDrawListQuery = z.object({ yearId: ZId.optional() });
export const ZRunDrawResponse = z.object({ draw: ZDraw, jobId: z.string() });

/** Public: a draw as anyone may see it (no personal data). */
export const ZPublicDraw = z.object({
  id: z.number().int(),
  year: z.number().int(),
  name: z.string(),
  stage: ZStage,
  route: ZRoute,
  zoneName: z.string().nullable(),
  status: ZDrawStatus,
  poolRoot: z.string().nullable(),
  poolSize: z.number().int().nullable(),
  commitments: z.array(z.object({ party: z.string(), commitment: z.string() })),
  resultHash: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Engine school id (org code) → name, to show the bundle's result. */
  schools: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const ZPublicDrawList = z.object({ items: z.array(ZPublicDraw) });
export const ZFamilyQuery = z.object({ lotteryId: z.string().trim().min(4).max(40) });
export const ZFamilyResult = z.object({
  drawId: z.number().int(),
  lotteryId: z.string(),
  receipt: z.object({
    poolRoot: z.string(),
    entry: z.unknown(),
    proof: z.array(z.object({ side: z.enum(['left', 'right']), hash: z.string() })),
  }),
  /** From the published bundle only: null before publication. */
  explanation: z
    .object({
      lotteryNumber: z.string(),
      groupLotteryNumber: z.string().optional(),
      assigned: z.string().nullable(),
      choices: z.array(
        z.object({
          schoolId: z.string(),
          rank: z.number().int(),
          priorityClass: z.number().int().nullable(),
          outcome: z.enum(['assigned', 'not admitted']),
          cutoff: z.object({
            priorityClass: z.number().int().nullable(),
            lotteryNumber: z.string().nullable(),
            seatsLeft: z.number().int(),
          }),
        }),
      ),
    })
    .nullable(),
});
export type TFamilyResult = z.infer<typeof ZFamilyResult>;

// ── offers, notices, supply ──
export const ZOfferList = ZListResponse(ZOffer);
export const ZOfferListQuery = ZListQuery.extend({
  drawId: ZId.optional(),
  status: ZOfferStatus.optional(),
  /** The admitting school. */
  schoolId: ZId.optional(),
  source: ZOfferSource.optional(),
});
export const ZAdmissionNotice = z.object({
  noticeNo: z.string(),
  districtName: z.string(),
  childName: z.string(),
  childIdNumber: z.string(),
  schoolName: z.string(),
  year: z.number().int(),
  stage: ZStage,
  route: ZRoute,
  confirmedAt: z.string().nullable(),
  status: ZOfferStatus,
});
export type TAdmissionNotice = z.infer<typeof ZAdmissionNotice>;
export const ZSupplyRow = z.object({
  zoneId: z.number().int(),
  zoneName: z.string(),
  stage: ZStage,
  /** Children of the entry cohort living in the zone (from people's birth dates). */
  forecast: z.number().int(),
  applications: z.number().int(),
  seats: z.number().int(),
  /** seats − max(forecast, applications): negative = shortage. */
  gap: z.number().int(),
});
export const ZSupply = z.object({ year: z.number().int(), rows: z.array(ZSupplyRow) });
export type TSupply = z.infer<typeof ZSupply>;
export const ZRegisterParentResponse = z.object({ accountId: z.number().int(), csrfToken: z.string() });
export const ZMyApplications = z.object({ items: z.array(ZApplicationDetail) });
const ZOutcome = z.object({
  students: z.number().int(),
  firstChoice: z.number().int(),
  top3: z.number().int(),
  unassigned: z.number().int(),
  byRank: z.array(z.number().int()),
  resultHash: z.string(),
});
/** DA and IA on the same published pool and lottery numbers (engines/lottery compareMechanisms). */
export const ZDrawComparison = z.object({ da: ZOutcome, ia: ZOutcome, changed: z.number().int() });
export type TDrawComparison = z.infer<typeof ZDrawComparison>;
export const ZExpireOffersResponse = z.object({
  expired: z.number().int(),
  filled: z.number().int(),
  /** Per school: offers that expired there, and offers made there from its waitlist. */
  schools: z.array(
    z.object({
      schoolId: z.number().int(),
      schoolName: z.string(),
      expired: z.number().int(),
      filled: z.number().int(),
    }),
  ),
});

// ── in-person review (预约现场审核) ──
/** "09:00" … "23:59", Beijing wall-clock time. */
const ZClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
export const ZReviewSlotStatus = z.enum(['open', 'cancelled']);
export const ZReviewBookingStatus = z.enum(['booked', 'attended', 'noShow', 'cancelled']);
export type TReviewBookingStatus = z.infer<typeof ZReviewBookingStatus>;
/**
 * Slots of a 学区 on some dates: one slot `from`–`to` a day, or (with `everyMinutes`) a series of
 * slots of that length from `from` until `to`. A date that is not a working day (working-day
 * calendar) is refused, or skipped with `skipNonWorkingDays`.
 */
export const ZCreateReviewSlotsRequest = z.object({
  yearId: ZId,
  zoneId: ZId,
  place: z.string().trim().min(2).max(120),
  dates: z.array(ZIsoDate).min(1).max(60),
  from: ZClockTime,
  to: ZClockTime,
  everyMinutes: z.number().int().min(10).max(480).optional(),
  capacity: z.number().int().min(1).max(500),
  stages: z.array(ZStage).max(2).default([]),
  categories: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  skipNonWorkingDays: z.boolean().default(false),
});
export type TCreateReviewSlotsRequest = z.infer<typeof ZCreateReviewSlotsRequest>;
export const ZReviewSlot = z.object({
  id: z.number().int(),
  yearId: z.number().int(),
  zoneId: z.number().int(),
  zoneName: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  /** Bookings holding a place (booked, attended, no-show). */
  booked: z.number().int(),
  remaining: z.number().int(),
  stages: z.array(ZStage),
  categories: z.array(z.string()),
  status: ZReviewSlotStatus,
  cancelReason: z.string().nullable(),
  actions: z.array(z.enum(['edit', 'cancel', 'mark'])),
});
export type TReviewSlot = z.infer<typeof ZReviewSlot>;
export const ZCreateReviewSlotsResponse = z.object({
  created: z.array(ZReviewSlot),
  /** Dates left out because they are not working days (with the holiday's name, if any). */
  skipped: z.array(z.object({ date: z.string(), kind: z.string(), name: z.string().nullable() })),
});
export const ZReviewSlotListQuery = ZListQuery.extend({
  yearId: ZId.optional(),
  zoneId: ZId.optional(),
  /** Slots on this Beijing date. */
  date: ZIsoDate.optional(),
  status: ZReviewSlotStatus.optional(),
});
export type TReviewSlotListQuery = z.infer<typeof ZReviewSlotListQuery>;
export const ZReviewSlotList = ZListResponse(ZReviewSlot);
export const ZUpdateReviewSlotRequest = z.object({ capacity: z.number().int().min(1).max(500) });
export const ZCancelReviewSlotRequest = z.object({ reason: z.string().trim().min(2).max(200) });
export const ZRequestInPersonReviewRequest = z.object({ reason: z.string().trim().min(2).max(200) });

export const ZReviewBooking = z.object({
  id: z.number().int(),
  bookingNo: z.string(),
  applicationId: z.number().int(),
  lotteryId: z.string(),
  childName: z.string(),
  childIdNumber: z.string(),
  category: z.string(),
  slotId: z.number().int(),
  zoneName: z.string(),
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: ZReviewBookingStatus,
  cancelReason: z.enum(['family', 'rebooked', 'slot']).nullable(),
  createdAt: z.string(),
  markedAt: z.string().nullable(),
  markedByName: z.string().nullable(),
  actions: z.array(z.enum(['cancel', 'mark'])),
});
export type TReviewBooking = z.infer<typeof ZReviewBooking>;
export const ZReviewBookingListQuery = ZListQuery.extend({
  yearId: ZId.optional(),
  zoneId: ZId.optional(),
  slotId: ZId.optional(),
  status: ZReviewBookingStatus.optional(),
});
export type TReviewBookingListQuery = z.infer<typeof ZReviewBookingListQuery>;
export const ZReviewBookingList = ZListResponse(ZReviewBooking);
export const ZAttendanceRequest = z.object({ attended: z.boolean() });

/** What the family sees of an application's in-person review: why, its booking, the slots it may book. */
export const ZInPersonReview = z.object({
  applicationId: z.number().int(),
  /** The application must be reviewed in person (its category, or the 学区 asked, with the reasons). */
  needed: z.boolean(),
  reasons: z.array(z.string()),
  /** Still to do: needed, in review and not yet attended. */
  required: z.boolean(),
  attended: z.boolean(),
  cutoffHours: z.number().int(),
  booking: ZReviewBooking.nullable(),
  history: z.array(ZReviewBooking),
  /** Open slots of the family's 学区 it may book (not past the cutoff), soonest first. */
  slots: z.array(ZReviewSlot.omit({ actions: true, cancelReason: true })),
  actions: z.array(z.enum(['book', 'cancel'])),
});
export type TInPersonReview = z.infer<typeof ZInPersonReview>;
export const ZBookReviewRequest = z.object({ slotId: ZId });
/** The printable booking slip (预约单): the family brings it; its QR code is the booking number. */
export const ZReviewSlip = z.object({
  bookingNo: z.string(),
  districtName: z.string(),
  zoneName: z.string(),
  year: z.number().int(),
  childName: z.string(),
  childIdNumber: z.string(),
  lotteryId: z.string(),
  stage: ZStage,
  route: ZRoute,
  place: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: ZReviewBookingStatus,
  reasons: z.array(z.string()),
  bookedAt: z.string(),
});
export type TReviewSlip = z.infer<typeof ZReviewSlip>;

// ── the officers' year form, waitlists and the hand-over to the student registry ──
/** A year moves draft → open → closed, never back. */
export const YEAR_STATUS_NEXT: Record<z.infer<typeof ZEnrollmentYearStatus>, readonly string[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: [],
};
/** The rules of a configuration that its schema cannot say, with the message the form and the API show. */
export const yearConfigRules = {
  'enrollment.route_duplicate': {
    zh: '同一学段的同一入学途径只能配置一次',
    en: 'A route can be configured once per stage',
  },
  'enrollment.quota_required': {
    zh: '对口直升须填写直升比例（%）',
    en: 'A feeder-quota route needs its quota (%)',
  },
  'enrollment.phase_duplicate': { zh: '每个阶段只能出现一次', en: 'Each phase may appear only once' },
  'enrollment.phase_dates': {
    zh: '阶段的结束日期不能早于开始日期',
    en: 'A phase cannot end before it starts',
  },
  'enrollment.phases_order': {
    zh: '各阶段须按顺序排列且日期不重叠（平台开放 → 信息采集 → 民办报名 → 学校审核 → 派位 → 发放通知书）',
    en: 'Phases must follow their order without overlapping dates (platform open → data collection → private registration → school review → area draw → notices)',
  },
  'enrollment.category_duplicate': {
    zh: '入学类别编码不能重复',
    en: 'Category ids must differ',
  },
} as const;
export type TYearConfigRule = keyof typeof yearConfigRules;

/**
 * Problems of a configuration beyond its schema (the server refuses the first with its code; the
 * form shows each at its field). `field` is the path inside the configuration, e.g. `routes.1.route`.
 */
export function yearConfigProblems(config: TEnrollmentConfig): { code: TYearConfigRule; field: string }[] {
  const out: { code: TYearConfigRule; field: string }[] = [];
  const routes = new Set<string>();
  config.routes.forEach((r, i) => {
    const key = `${r.stage}:${r.route}`;
    if (routes.has(key)) out.push({ code: 'enrollment.route_duplicate', field: `routes.${i}.route` });
    routes.add(key);
    if (r.route === 'feederQuota' && r.quotaPercent === undefined)
      out.push({ code: 'enrollment.quota_required', field: `routes.${i}.quotaPercent` });
  });
  const order = ZPhase.shape.id.options;
  const phases = new Set<string>();
  config.phases.forEach((p, i) => {
    if (phases.has(p.id)) out.push({ code: 'enrollment.phase_duplicate', field: `phases.${i}.id` });
    phases.add(p.id);
    if (p.from > p.to) out.push({ code: 'enrollment.phase_dates', field: `phases.${i}.to` });
    const before = config.phases[i - 1];
    if (before && (order.indexOf(before.id) >= order.indexOf(p.id) || before.to >= p.from))
      out.push({ code: 'enrollment.phases_order', field: `phases.${i}.from` });
  });
  const categories = new Set<string>();
  config.categories.forEach((c, i) => {
    if (categories.has(c.id))
      out.push({ code: 'enrollment.category_duplicate', field: `categories.${i}.id` });
    categories.add(c.id);
  });
  return out;
}

/** 候补: waiting, offered a seat from this waitlist, or removed (confirmed elsewhere, declined, expired). */
export const ZWaitlistStatus = z.enum(['waiting', 'offered', 'removed']);
export const ZWaitlistEntry = z.object({
  drawId: z.number().int(),
  drawName: z.string(),
  schoolId: z.number().int(),
  schoolName: z.string(),
  position: z.number().int(),
  applicationId: z.number().int(),
  lotteryId: z.string(),
  childName: z.string(),
  /** Masked (110108********1234). */
  childIdNumber: z.string(),
  status: ZWaitlistStatus,
});
export type TWaitlistEntry = z.infer<typeof ZWaitlistEntry>;
export const ZWaitlistQuery = ZListQuery.extend({
  yearId: ZId.optional(),
  drawId: ZId.optional(),
  schoolId: ZId.optional(),
  status: ZWaitlistStatus.optional(),
});
export type TWaitlistQuery = z.infer<typeof ZWaitlistQuery>;
export const ZWaitlistList = ZListResponse(ZWaitlistEntry);
export type TWaitlistList = z.infer<typeof ZWaitlistList>;
/** How each school's waitlist of a draw stands: waiting, offered from it, removed. */
export const ZWaitlistSchools = z.object({
  items: z.array(
    z.object({
      schoolId: z.number().int(),
      schoolName: z.string(),
      waiting: z.number().int(),
      offered: z.number().int(),
      removed: z.number().int(),
    }),
  ),
});
export type TWaitlistSchools = z.infer<typeof ZWaitlistSchools>;
export const ZWaitlistSchoolsQuery = z.object({ drawId: ZId });

/** 录取名单转学籍: every confirmed offer of a year and stage becomes a student of the registry. */
export const ZRegistryTransferRequest = z.object({ stage: ZStage });
export const ZRegistryTransfer = z.object({
  yearId: z.number().int(),
  stage: ZStage,
  /** Grade 1 (primary) or 7 (junior). */
  grade: z.number().int(),
  /** The September intake of the year. */
  entryDate: z.string(),
  /** Confirmed offers of the year and stage in scope. */
  confirmed: z.number().int(),
  /** New students in the registry. */
  added: z.number().int(),
  /** Children already in the registry (same ID number): moved to the admitting school and grade. */
  updated: z.number().int(),
  /** Already handed over for this intake: nothing done. */
  unchanged: z.number().int(),
  /** The ID number belongs to a registry record that is not a student: left for a person to resolve. */
  conflicts: z.number().int(),
  /** The updated and conflicting children (at most 200), masked. */
  children: z.array(
    z.object({
      childName: z.string(),
      idNumber: z.string(),
      schoolName: z.string(),
      fromOrgName: z.string().nullable(),
      outcome: z.enum(['updated', 'conflict']),
    }),
  ),
});
export type TRegistryTransfer = z.infer<typeof ZRegistryTransfer>;

// ── the junior-entry routes: 九年一贯直升, 对口直升, 登记入学, and the return to 派位 ──
/** A feeder pair (对口直升) of a year: the middle school, its feeder primary school, leavers, quota. */
export const ZFeeder = z.object({
  middleSchoolId: z.number().int(),
  middleCode: z.string(),
  middleName: z.string(),
  feederSchoolId: z.number().int(),
  feederCode: z.string(),
  feederName: z.string(),
  /** The primary school's grade-6 children (from the registry unless entered). */
  leavers: z.number().int(),
  /** ceil(leavers × quotaPercent / 100), stored when the pairs are saved. */
  quotaSeats: z.number().int(),
});
export type TFeeder = z.infer<typeof ZFeeder>;
export const ZFeederList = ZListResponse(ZFeeder);
export type TFeederList = z.infer<typeof ZFeederList>;
export const ZFeederListQuery = ZListQuery.extend({ middleSchoolId: ZId.optional() });
export const ZPutFeedersRequest = z.object({
  feeders: z
    .array(
      z.object({
        middleSchoolId: ZId,
        feederSchoolId: ZId,
        /** Omitted: the registry's grade-6 count of the feeder school. */
        leavers: z.number().int().min(0).max(10_000).optional(),
      }),
    )
    .max(5000),
});
export type TPutFeedersRequest = z.infer<typeof ZPutFeedersRequest>;
/** Public: the pairs of an open year (which middle schools a primary school feeds), no personal data. */
export const ZPublicFeederList = z.object({
  items: z.array(
    ZFeeder.pick({
      middleSchoolId: true,
      middleName: true,
      feederSchoolId: true,
      feederName: true,
      quotaSeats: true,
    }),
  ),
});
export const ZDirectAdmissionRequest = z.object({ schoolId: ZId });
export const ZDirectAdmission = z.object({
  schoolId: z.number().int(),
  /** The route's seats at the school. */
  seats: z.number().int(),
  /** Open or confirmed offers the school already holds on this route. */
  held: z.number().int(),
  /** Approved through-train children of the school offered a seat now. */
  offers: z.number().int(),
});
export type TDirectAdmission = z.infer<typeof ZDirectAdmission>;
export const ZReturnToArea = z.object({
  drawId: z.number().int(),
  route: ZRoute,
  /** Applications moved to 派位 now (0 when run again: it is idempotent). */
  moved: z.number().int(),
});
export type TReturnToArea = z.infer<typeof ZReturnToArea>;
/** A child returned to 派位: its family ranks the area schools. */
export const ZAreaChoicesRequest = z.object({ choices: z.array(ZId).min(1).max(10) });
