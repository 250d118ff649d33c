import { z } from 'zod';
import { ZId, ZListQuery, ZListResponse } from './common.ts';

export const roleIds = [
  'sysAdmin',
  'districtOfficer',
  'zoneManager',
  'principal',
  'schoolStaff',
  'supervisor',
  'auditor',
  'parent',
] as const;
export const ZRole = z.enum(roleIds);
export type TRole = z.infer<typeof ZRole>;

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** A module the user may open: the web builds its menu from these. */
export const ZModuleEntry = z.object({ id: z.string(), path: z.string(), zh: z.string(), en: z.string() });

export const ZMe = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  districtId: z.number().int(),
  mustChangePassword: z.boolean(),
  grants: z.array(z.object({ role: ZRole, orgId: z.number().int(), orgName: z.string() })),
  permissions: z.array(z.string()),
  modules: z.array(ZModuleEntry),
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const ZGrant = z.object({
  id: z.number().int(),
  role: ZRole,
  orgId: z.number().int(),
  orgName: z.string(),
  createdAt: z.string(),
});
export type TGrant = z.infer<typeof ZGrant>;

export const ZAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(ZGrant),
  actions: z.array(z.enum(['edit', 'disable', 'enable', 'resetPassword', 'unlock', 'grant'])),
});
export type TAccount = z.infer<typeof ZAccount>;

export const ZAccountListQuery = ZListQuery.extend({
  orgId: ZId.optional(),
  role: ZRole.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type TAccountListQuery = z.infer<typeof ZAccountListQuery>;
export const ZAccountList = ZListResponse(ZAccount);
export type TAccountList = z.infer<typeof ZAccountList>;

export const ZCreateAccountRequest = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
  displayName: z.string().trim().min(1).max(50),
  orgId: ZId,
  /** When absent, a one-time password is generated and returned once. */
  password: z.string().min(1).max(256).optional(),
  grants: z
    .array(z.object({ role: ZRole, orgId: ZId }))
    .max(20)
    .default([]),
});
export type TCreateAccountRequest = z.infer<typeof ZCreateAccountRequest>;

export const ZUpdateAccountRequest = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export type TUpdateAccountRequest = z.infer<typeof ZUpdateAccountRequest>;

export const ZAccountCreated = z.object({ account: ZAccount, initialPassword: z.string().nullable() });
export const ZPasswordReset = z.object({ initialPassword: z.string() });

export const ZAddGrantRequest = z.object({ role: ZRole, orgId: ZId });
export type TAddGrantRequest = z.infer<typeof ZAddGrantRequest>;
