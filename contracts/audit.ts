import { z } from 'zod';
import { ZId, ZIsoDate, ZListQuery, ZListResponse } from './common.ts';

export const ZAuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().int().nullable(),
  orgName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditListQuery = ZListQuery.extend({
  action: z.string().max(60).optional(),
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actorId: ZId.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;
export const ZAuditList = ZListResponse(ZAuditEvent);
export type TAuditList = z.infer<typeof ZAuditList>;

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  lastSeq: z.number().int(),
  brokenAt: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
