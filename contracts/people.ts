import { z } from 'zod';
import { ZId, ZIsoDate, ZListQuery, ZListResponse } from './common.ts';

export const ZPersonKind = z.enum(['student', 'staff', 'guardian']);
export type TPersonKind = z.infer<typeof ZPersonKind>;

/** A person as lists show them: personal data masked (110108********1234, 138****5678). */
export const ZPerson = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: ZPersonKind,
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  studentNumber: z.string().nullable(),
  grade: z.number().int().nullable(),
  className: z.string().nullable(),
  /** 入学日期 (students): the intake a child entered with, e.g. from enrollment's hand-over. */
  entryDate: z.string().nullable(),
  position: z.string().nullable(),
  subject: z.string().nullable(),
  status: z.enum(['active', 'left']),
  actions: z.array(z.enum(['reveal', 'edit'])),
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZPersonListQuery = ZListQuery.extend({
  kind: ZPersonKind.optional(),
  /** Only people of this unit's subtree. */
  orgId: ZId.optional(),
  grade: z.coerce.number().int().min(0).max(12).optional(),
  status: z.enum(['active', 'left']).optional(),
});
export type TPersonListQuery = z.infer<typeof ZPersonListQuery>;
export const ZPersonList = ZListResponse(ZPerson);
export type TPersonList = z.infer<typeof ZPersonList>;

export const ZPersonDetail = ZPerson.extend({
  guardians: z.array(
    z.object({ id: z.number().int(), name: z.string(), relation: z.string(), phone: z.string().nullable() }),
  ),
  children: z.array(
    z.object({ id: z.number().int(), name: z.string(), relation: z.string(), orgName: z.string() }),
  ),
});
export type TPersonDetail = z.infer<typeof ZPersonDetail>;

export const ZRevealField = z.enum(['idNumber', 'phone', 'address']);
export const ZRevealRequest = z.object({
  field: ZRevealField,
  /** Why the plain value is needed; kept in the audit trail. */
  reason: z.string().trim().min(2).max(200),
});
export type TRevealRequest = z.infer<typeof ZRevealRequest>;
export const ZRevealResponse = z.object({ field: ZRevealField, value: z.string().nullable() });

const personFields = {
  name: z.string().trim().min(1).max(50),
  gender: z.enum(['M', 'F']).nullable().optional(),
  birthDate: ZIsoDate.nullable().optional(),
  idNumber: z.string().trim().max(18).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d -]{5,20}$/)
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
  studentNumber: z.string().trim().max(30).nullable().optional(),
  grade: z.number().int().min(0).max(12).nullable().optional(),
  className: z.string().trim().max(30).nullable().optional(),
  position: z.string().trim().max(30).nullable().optional(),
  subject: z.string().trim().max(30).nullable().optional(),
};
export const ZCreatePersonRequest = z.object({ ...personFields, kind: ZPersonKind, orgId: ZId });
export type TCreatePersonRequest = z.infer<typeof ZCreatePersonRequest>;
export const ZUpdatePersonRequest = z
  .object({ ...personFields, status: z.enum(['active', 'left']) })
  .partial();
export type TUpdatePersonRequest = z.infer<typeof ZUpdatePersonRequest>;
