import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgUnit } from '../../core/db/schema.ts';

/**
 * 学生 / 教职工 / 监护人. ID numbers, phones and addresses are sealed (`*_enc`), looked up by a
 * keyed hash (`*_hash`) and shown masked (`*_masked`); the plain value is never stored.
 */
export const person = pgTable(
  'person',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    districtId: integer('district_id').notNull(),
    /** The unit the person belongs to: a student's or staff member's school; a guardian's child's. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgUnit.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    gender: text('gender'),
    birthDate: date('birth_date'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    addressEnc: text('address_enc'),
    addressMasked: text('address_masked'),
    /** 学籍号 for students. */
    studentNumber: text('student_number'),
    /** Grade 1–12 for students (0 for kindergarten). */
    grade: smallint('grade'),
    className: text('class_name'),
    /** 入学日期: the intake a student entered with (the September intake after an enrollment year). */
    entryDate: date('entry_date'),
    /** For staff: 教师, 行政, 教辅, 工勤. */
    position: text('position'),
    subject: text('subject'),
    status: text('status').notNull().default('active'),
    /** The import batch that created this row, so that the batch can be rolled back as a whole. */
    importBatchId: bigint('import_batch_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('person_org_kind_name_idx').on(t.orgId, t.kind, t.name),
    index('person_name_idx').on(t.name, t.id),
    index('person_id_number_hash_idx').on(t.idNumberHash),
    index('person_phone_hash_idx').on(t.phoneHash),
    index('person_student_number_idx').on(t.studentNumber),
    check('person_kind_ck', sql`${t.kind} IN ('student','staff','guardian')`),
    check('person_gender_ck', sql`${t.gender} IS NULL OR ${t.gender} IN ('M','F')`),
    check('person_status_ck', sql`${t.status} IN ('active','left')`),
  ],
);

/** 监护关系: a guardian of a student. */
export const guardianship = pgTable(
  'guardianship',
  {
    guardianId: bigint('guardian_id', { mode: 'number' })
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    studentId: bigint('student_id', { mode: 'number' })
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    districtId: integer('district_id').notNull(),
    relation: text('relation').notNull(),
  },
  (t) => [
    index('guardianship_student_idx').on(t.studentId),
    index('guardianship_guardian_idx').on(t.guardianId),
  ],
);

/**
 * People counted per unit, kind, status and grade (grade -1 = none), kept by statement-level
 * triggers on `person`. A district-wide list's total then sums ≤ a few thousand rows instead of
 * counting ~900k people on every page (see migration 0004).
 */
export const personCount = pgTable(
  'person_count',
  {
    orgId: integer('org_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    grade: smallint('grade').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.status, t.grade] })],
);
