import { z } from 'zod';
import { ZId, ZIsoDate, ZListQuery, ZListResponse } from './common.ts';

export const orgKinds = [
  'district',
  'department',
  'zone',
  'school',
  'kindergarten',
  'communitySite',
  'trainingInstitution',
  'supplier',
] as const;
export const ZOrgKind = z.enum(orgKinds);
export type TOrgKind = z.infer<typeof ZOrgKind>;

/** 学段/办学类型: 小学, 初中, 高中, 九年一贯, 完全中学, 十二年一贯, 职业, 特教, 学前. */
export const schoolStages = [
  'primary',
  'junior',
  'senior',
  'nineYear',
  'complete',
  'twelveYear',
  'vocational',
  'special',
  'preschool',
] as const;
export const ZStage = z.enum(schoolStages);
export const ZOwnership = z.enum(['public', 'private']);

export const ZOrgUnit = z.object({
  id: z.number().int(),
  districtId: z.number().int(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  code: z.string(),
  kind: ZOrgKind,
  name: z.string(),
  shortName: z.string().nullable(),
  stage: ZStage.nullable(),
  ownership: ZOwnership.nullable(),
  subsidised: z.boolean(),
  address: z.string().nullable(),
  capacity: z.number().int().nullable(),
  phone: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  childCount: z.number().int(),
  actions: z.array(z.enum(['edit', 'move', 'addChild'])),
});
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

export const ZOrgUnitListQuery = ZListQuery.extend({
  kind: ZOrgKind.optional(),
  stage: ZStage.optional(),
  ownership: ZOwnership.optional(),
  subsidised: z.enum(['true', 'false']).optional(),
  /** Only units in this unit's subtree (e.g. the schools of one zone). */
  within: ZId.optional(),
  /** Placement as of this date (default: today). */
  asOf: ZIsoDate.optional(),
});
export type TOrgUnitListQuery = z.infer<typeof ZOrgUnitListQuery>;
export const ZOrgUnitList = ZListResponse(ZOrgUnit);
export type TOrgUnitList = z.infer<typeof ZOrgUnitList>;

/** One level of the tree: the children of `parentId` (the roots in scope when absent). */
export const ZOrgTreeQuery = z.object({ parentId: ZId.optional(), asOf: ZIsoDate.optional() });
export const ZOrgTreeNode = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ZOrgKind,
  code: z.string(),
  stage: ZStage.nullable(),
  childCount: z.number().int(),
});
export type TOrgTreeNode = z.infer<typeof ZOrgTreeNode>;
export const ZOrgTree = z.object({ asOf: z.string(), nodes: z.array(ZOrgTreeNode) });
export type TOrgTree = z.infer<typeof ZOrgTree>;

const unitFields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(40).nullable().optional(),
  stage: ZStage.nullable().optional(),
  ownership: ZOwnership.nullable().optional(),
  subsidised: z.boolean().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  capacity: z.number().int().min(0).max(100_000).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
};

export const ZCreateOrgUnitRequest = z.object({
  ...unitFields,
  kind: ZOrgKind.exclude(['district']),
  parentId: ZId,
  openedOn: ZIsoDate.optional(),
});
export type TCreateOrgUnitRequest = z.infer<typeof ZCreateOrgUnitRequest>;

export const ZUpdateOrgUnitRequest = z.object(unitFields).partial().omit({ code: true });
export type TUpdateOrgUnitRequest = z.infer<typeof ZUpdateOrgUnitRequest>;

/** Move a unit under another parent from a date; the earlier placement is kept as history. */
export const ZMoveOrgUnitRequest = z.object({
  parentId: ZId,
  effectiveFrom: ZIsoDate,
  reason: z.string().trim().min(1).max(200),
});
export type TMoveOrgUnitRequest = z.infer<typeof ZMoveOrgUnitRequest>;

export const ZOrgPlacement = z.object({
  parentId: z.number().int(),
  parentName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  reason: z.string().nullable(),
});
export const ZOrgUnitDetail = ZOrgUnit.extend({
  history: z.array(ZOrgPlacement),
  path: z.array(ZOrgTreeNode),
});
export type TOrgUnitDetail = z.infer<typeof ZOrgUnitDetail>;
