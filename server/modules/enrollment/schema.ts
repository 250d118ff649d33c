import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { account, orgUnit } from '../../core/db/schema.ts';

/**
 * 招生入学. An enrollment year (per district and year) holds its versioned configuration (stages,
 * routes, phases, categories) and the schools taking part with their seats per route; families
 * apply through parent accounts; agencies review; the 学区 decides; draws run on the pure engine
 * (engines/lottery) and their bundles are stored as `json` (exact bytes: jsonb reorders keys and
 * would break the hashes); offers, waitlists and the address ledger (六年一学位) follow.
 */
export const enrollmentYear = pgTable(
  'enrollment_year',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The organising unit (district or its 基教科): enrollment.manage there manages the year. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    year: smallint('year').notNull(),
    name: text('name').notNull(),
    /** draft → open (parents apply) → closed */
    status: text('status').notNull().default('draft'),
    /** Routes, phases, categories, confirmation clock (contracts/enrollment.ts ZEnrollmentConfig). */
    config: jsonb('config').notNull(),
    configVersion: integer('config_version').notNull().default(1),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollment_year_district_year_uq').on(t.districtId, t.year),
    check('enrollment_year_status_ck', sql`${t.status} IN ('draft','open','closed')`),
  ],
);

/** Every configuration a year has had: a change is a new version, never an overwrite. */
export const enrollmentYearVersion = pgTable(
  'enrollment_year_version',
  {
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    config: jsonb('config').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.yearId, t.version] })],
);

/** A school taking part in a year: its seats (学位) per stage and route. */
export const enrollmentSchool = pgTable(
  'enrollment_school',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => orgUnit.id),
    zoneId: integer('zone_id').references(() => orgUnit.id),
    stage: text('stage').notNull(),
    route: text('route').notNull(),
    seats: integer('seats').notNull(),
    /** A nine-year school locks an address for 9 years instead of 6. */
    nineYear: boolean('nine_year').notNull().default(false),
  },
  (t) => [
    uniqueIndex('enrollment_school_uq').on(t.yearId, t.schoolId, t.stage, t.route),
    index('enrollment_school_zone_idx').on(t.yearId, t.zoneId),
    check('enrollment_school_seats_ck', sql`${t.seats} >= 0`),
  ],
);

/**
 * 入学申请: one child in one year, owned by the parent account that submitted it. The child's ID
 * number is sealed (encrypted, keyed hash, masked); the address keys the ledger by its keyed hash.
 * `lottery_id` is the child's pseudonymous id in draws: set once, never re-issued on edits.
 */
export const enrollmentApplication = pgTable(
  'enrollment_application',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The 学区 the family lives in: it decides the application. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id),
    accountId: integer('account_id').references(() => account.id),
    clientKey: text('client_key'),
    lotteryId: text('lottery_id').notNull(),
    stage: text('stage').notNull(),
    route: text('route').notNull(),
    category: text('category').notNull(),
    childName: text('child_name').notNull(),
    childIdEnc: text('child_id_enc').notNull(),
    childIdHash: text('child_id_hash').notNull(),
    childIdMasked: text('child_id_masked').notNull(),
    birthDate: date('birth_date').notNull(),
    gender: text('gender'),
    /** district | otherDistrict | nonBeijing */
    hukouType: text('hukou_type').notNull(),
    /** property | rental */
    residenceKind: text('residence_kind').notNull(),
    addressEnc: text('address_enc').notNull(),
    addressMasked: text('address_masked').notNull(),
    addressHash: text('address_hash').notNull(),
    /** 房产证号 or 租房备案号, sealed. */
    certificateEnc: text('certificate_enc'),
    /** {name, relation, phoneEnc, phoneMasked}[] */
    guardians: jsonb('guardians').notNull(),
    guardianPhoneHash: text('guardian_phone_hash').notNull(),
    /** The five documents of non-Beijing families and other uploads: {kind, fileId, name}[] */
    documents: jsonb('documents').notNull().default(sql`'[]'::jsonb`),
    siblingGroup: text('sibling_group'),
    /** Ranked school ids (one for a private school). */
    choices: integer('choices').array().notNull().default(sql`'{}'`),
    /** submitted → approved | rejected → resubmitted → approved | rejected; withdrawn */
    status: text('status').notNull().default('submitted'),
    resubmissions: smallint('resubmissions').notNull().default(0),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The earlier use of a locked address: {useId, year, schoolName, childMasked}. */
    addressFlag: jsonb('address_flag'),
    /** A policy-permitted exception: {reason, approverId, approverName, at}. */
    addressException: jsonb('address_exception'),
    /** Junior entry: the primary school the child leaves (九年一贯直升 and 对口直升 are decided by it). */
    currentSchoolId: integer('current_school_id').references(() => orgUnit.id),
    /** The route a child came from when it was returned to 派位 (private, feederQuota …); null otherwise. */
    returnedFrom: text('returned_from'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollment_application_child_uq').on(t.yearId, t.childIdHash),
    uniqueIndex('enrollment_application_lottery_uq').on(t.lotteryId),
    uniqueIndex('enrollment_application_client_uq').on(t.accountId, t.clientKey),
    index('enrollment_application_list_idx').on(t.yearId, t.orgId, t.status),
    index('enrollment_application_account_idx').on(t.accountId),
    index('enrollment_application_child_idx').on(t.childIdHash),
    index('enrollment_application_phone_idx').on(t.guardianPhoneHash),
    check(
      'enrollment_application_status_ck',
      sql`${t.status} IN ('submitted','approved','rejected','resubmitted','withdrawn')`,
    ),
  ],
);

/** 联审: one agency's verdict on its part of an application, per submission round. */
export const enrollmentReview = pgTable(
  'enrollment_review',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentApplication.id, { onDelete: 'cascade' }),
    /** education | police | housing | socialSecurity */
    agency: text('agency').notNull(),
    round: smallint('round').notNull(),
    passed: boolean('passed').notNull(),
    reason: text('reason'),
    reviewerId: integer('reviewer_id'),
    reviewerName: text('reviewer_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('enrollment_review_uq').on(t.applicationId, t.agency, t.round)],
);

/**
 * 六年一学位: each use of an address (child, year, school, span 6 or 9 years). A new application on
 * an address used within its span is flagged; a policy-permitted exception names its approver.
 */
export const enrollmentAddressUse = pgTable(
  'enrollment_address_use',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    addressHash: text('address_hash').notNull(),
    addressMasked: text('address_masked').notNull(),
    childIdHash: text('child_id_hash').notNull(),
    childName: text('child_name').notNull(),
    year: smallint('year').notNull(),
    schoolId: integer('school_id').references(() => orgUnit.id),
    span: smallint('span').notNull(),
    applicationId: bigint('application_id', { mode: 'number' }),
    exceptionReason: text('exception_reason'),
    exceptionApproverId: integer('exception_approver_id'),
    exceptionApproverName: text('exception_approver_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrollment_address_use_hash_idx').on(t.districtId, t.addressHash, t.year),
    check('enrollment_address_use_span_ck', sql`${t.span} IN (6, 9)`),
  ],
);

/**
 * 摇号: one draw of a year (stage, route, optionally one 学区). The pool is frozen (root published)
 * before the commitments; the reveals at the draw give the seed; the bundle is the published record.
 */
export const enrollmentDraw = pgTable(
  'enrollment_draw',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id),
    name: text('name').notNull(),
    stage: text('stage').notNull(),
    route: text('route').notNull(),
    zoneId: integer('zone_id').references(() => orgUnit.id),
    mechanism: text('mechanism').notNull().default('da'),
    /** The parties expected to commit (区教委, 公证处, 家长代表 …). */
    parties: text('parties').array().notNull(),
    /** created → frozen → running → drawn → published; failed */
    status: text('status').notNull().default('created'),
    poolRoot: text('pool_root'),
    poolSize: integer('pool_size'),
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    /** The frozen pool entries, exactly as hashed into `pool_root` (json: exact bytes). */
    pool: json('pool'),
    schools: json('schools'),
    commitments: json('commitments').notNull().default(sql`'[]'::json`),
    reveals: json('reveals').notNull().default(sql`'[]'::json`),
    seed: text('seed'),
    bundle: json('bundle'),
    resultHash: text('result_hash'),
    jobId: text('job_id'),
    failure: text('failure'),
    /** Approved applications left out at the freeze because they hold an open or confirmed offer. */
    poolExcluded: integer('pool_excluded'),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrollment_draw_year_idx').on(t.yearId),
    check(
      'enrollment_draw_status_ck',
      sql`${t.status} IN ('created','frozen','running','drawn','published','failed')`,
    ),
  ],
);

/** The frozen pool: one entry per child, exactly as hashed into the Merkle root. */
export const enrollmentDrawEntry = pgTable(
  'enrollment_draw_entry',
  {
    drawId: bigint('draw_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentDraw.id, { onDelete: 'cascade' }),
    lotteryId: text('lottery_id').notNull(),
    applicationId: bigint('application_id', { mode: 'number' }).notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.drawId, t.lotteryId] }),
    index('enrollment_draw_entry_app_idx').on(t.applicationId),
  ],
);

/** 录取: an offer of a seat, confirmed or declined before its deadline (working days, clock engine). */
export const enrollmentOffer = pgTable(
  'enrollment_offer',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The school offering the seat. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    drawId: bigint('draw_id', { mode: 'number' }).references(() => enrollmentDraw.id),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentApplication.id),
    /** draw | waitlist */
    source: text('source').notNull(),
    /** offered → confirmed | declined | expired; superseded (a better seat from a waitlist) */
    status: text('status').notNull().default('offered'),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    noticeNo: text('notice_no').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    transferredAt: timestamp('transferred_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrollment_offer_app_idx').on(t.applicationId),
    index('enrollment_offer_draw_idx').on(t.drawId, t.orgId, t.status),
    uniqueIndex('enrollment_offer_notice_uq').on(t.noticeNo),
    check(
      'enrollment_offer_status_ck',
      sql`${t.status} IN ('offered','confirmed','declined','expired','superseded')`,
    ),
  ],
);

/**
 * 按比例对口直升: a middle school's feeder primary school in a year, its leavers (grade-6 children,
 * from the registry unless entered) and the quota seats = ceil(leavers × quotaPercent / 100), stored.
 * Each pair is one "school" of the feeder-quota draw.
 */
export const enrollmentFeeder = pgTable(
  'enrollment_feeder',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    middleSchoolId: integer('middle_school_id')
      .notNull()
      .references(() => orgUnit.id),
    feederSchoolId: integer('feeder_school_id')
      .notNull()
      .references(() => orgUnit.id),
    leavers: integer('leavers').notNull(),
    quotaSeats: integer('quota_seats').notNull(),
  },
  (t) => [
    uniqueIndex('enrollment_feeder_uq').on(t.yearId, t.middleSchoolId, t.feederSchoolId),
    index('enrollment_feeder_primary_idx').on(t.yearId, t.feederSchoolId),
    check('enrollment_feeder_counts_ck', sql`${t.leavers} >= 0 AND ${t.quotaSeats} >= 0`),
  ],
);

/** 候补: children a school did not admit, in the order it would admit them (class, lottery number). */
export const enrollmentWaitlist = pgTable(
  'enrollment_waitlist',
  {
    drawId: bigint('draw_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentDraw.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => orgUnit.id),
    applicationId: bigint('application_id', { mode: 'number' }).notNull(),
    position: integer('position').notNull(),
    /** waiting | offered | removed */
    status: text('status').notNull().default('waiting'),
  },
  (t) => [
    primaryKey({ columns: [t.drawId, t.schoolId, t.applicationId] }),
    index('enrollment_waitlist_order_idx').on(t.drawId, t.schoolId, t.position),
  ],
);

/**
 * 现场审核时段: a time at a place where a 学区 reviews families in person (over-age children,
 * military families, collective hukou, the five documents of non-Beijing families …), with its
 * capacity. `stages` / `categories` narrow who may book it (empty: every application the 学区
 * reviews in person). Times are instants; the screens show them in Beijing time.
 */
export const enrollmentReviewSlot = pgTable(
  'enrollment_review_slot',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The 学区 holding the review: enrollment.review there manages the slot. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    yearId: bigint('year_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentYear.id),
    place: text('place').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    stages: text('stages').array().notNull().default(sql`'{}'`),
    categories: text('categories').array().notNull().default(sql`'{}'`),
    /** open → cancelled (its bookings are cancelled and the families told) */
    status: text('status').notNull().default('open'),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('enrollment_review_slot_list_idx').on(t.yearId, t.orgId, t.startsAt),
    check('enrollment_review_slot_capacity_ck', sql`${t.capacity} >= 1`),
    check('enrollment_review_slot_time_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('enrollment_review_slot_status_ck', sql`${t.status} IN ('open','cancelled')`),
  ],
);

/** The 学区 asked one application for an in-person review during the review, with a reason the family sees. */
export const enrollmentReviewRequest = pgTable('enrollment_review_request', {
  applicationId: bigint('application_id', { mode: 'number' })
    .primaryKey()
    .references(() => enrollmentApplication.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  requestedBy: integer('requested_by'),
  requestedByName: text('requested_by_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 现场审核预约: a family's booking of a slot for one application. At most one is `booked` per
 * application (a rebooking cancels the earlier one in the same transaction); every booking not
 * cancelled holds one place of its slot.
 */
export const enrollmentReviewBooking = pgTable(
  'enrollment_review_booking',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The slot's 学区. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    slotId: bigint('slot_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentReviewSlot.id),
    applicationId: bigint('application_id', { mode: 'number' })
      .notNull()
      .references(() => enrollmentApplication.id),
    accountId: integer('account_id').references(() => account.id),
    /** Printed on the slip and in its QR code; looked up at the door. */
    bookingNo: text('booking_no').notNull(),
    /** booked → attended | noShow; cancelled (by the family, by a rebooking, or with its slot) */
    status: text('status').notNull().default('booked'),
    /** family | rebooked | slot */
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    markedAt: timestamp('marked_at', { withTimezone: true }),
    markedByName: text('marked_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enrollment_review_booking_no_uq').on(t.bookingNo),
    uniqueIndex('enrollment_review_booking_active_uq').on(t.applicationId).where(sql`${t.status} = 'booked'`),
    index('enrollment_review_booking_slot_idx').on(t.slotId, t.status),
    index('enrollment_review_booking_app_idx').on(t.applicationId),
    check(
      'enrollment_review_booking_status_ck',
      sql`${t.status} IN ('booked','attended','noShow','cancelled')`,
    ),
  ],
);
