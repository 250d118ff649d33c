import { z } from 'zod';
import { ZId, ZIsoDate } from '../../../contracts/common.ts';
import {
  ZCreateOrgUnitRequest,
  ZMoveOrgUnitRequest,
  ZOrgTree,
  ZOrgTreeQuery,
  ZOrgUnit,
  ZOrgUnitDetail,
  ZOrgUnitList,
  ZOrgUnitListQuery,
  ZUpdateOrgUnitRequest,
} from '../../../contracts/org.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { createOrgUnit } from './create-org-unit.ts';
import { getOrgTree } from './get-org-tree.ts';
import { getOrgUnit } from './get-org-unit.ts';
import { kindLabel, ownershipLabel, stageLabel } from './labels.ts';
import { listOrgUnits } from './list-org-units.ts';
import { moveOrgUnit } from './move-org-unit.ts';
import { updateOrgUnit } from './update-org-unit.ts';

const tags = ['org'];
const ZIdParams = z.object({ id: ZId });

export const orgRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/org/units',
    summary: 'List org units in scope (filter by kind, stage, ownership, subtree, as-of date)',
    tags,
    access: 'org.read',
    query: ZOrgUnitListQuery,
    response: ZOrgUnitList,
    handler: ({ actor, tx, query }) => listOrgUnits({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/org/units/export.xlsx',
    summary: 'Export the filtered org-unit list to Excel',
    tags,
    access: 'org.read',
    listQuery: ZOrgUnitListQuery,
    list: listOrgUnits,
    audit: { action: 'org.export_units', entityType: 'orgUnit' },
    fileName: '组织机构',
    sheetName: '组织机构',
    pageSize: 200,
    columns: [
      { header: '代码 Code', value: (u) => u.code },
      { header: '名称 Name', width: 36, value: (u) => u.name },
      { header: '类型 Kind', value: (u) => kindLabel(u.kind) },
      { header: '学段 Stage', value: (u) => stageLabel(u.stage) },
      { header: '办学性质 Ownership', value: (u) => ownershipLabel(u.ownership) },
      { header: '普惠 Subsidised', value: (u) => (u.subsidised ? '是' : '') },
      { header: '上级 Parent', width: 24, value: (u) => u.parentName },
      { header: '地址 Address', width: 40, value: (u) => u.address },
      { header: '规模 Capacity', value: (u) => u.capacity },
      { header: '电话 Phone', value: (u) => u.phone },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/org/tree',
    summary: 'One level of the org tree as of a date',
    tags,
    access: 'org.read',
    query: ZOrgTreeQuery,
    response: ZOrgTree,
    handler: ({ actor, tx, query }) => getOrgTree({ actor, tx, input: query }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/org/units/:id',
    summary: 'One org unit with its placement history and path',
    tags,
    access: 'org.read',
    params: ZIdParams,
    query: z.object({ asOf: ZIsoDate.optional() }),
    response: ZOrgUnitDetail,
    handler: ({ actor, tx, params, query }) =>
      getOrgUnit({ actor, tx, input: { id: params.id, asOf: query.asOf } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/org/units',
    summary: 'Create an org unit under a parent',
    tags,
    access: 'org.manage',
    body: ZCreateOrgUnitRequest,
    response: ZOrgUnit,
    handler: ({ actor, tx, body }) => createOrgUnit({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/org/units/:id',
    summary: "Change an org unit's descriptive fields",
    tags,
    access: 'org.manage',
    params: ZIdParams,
    body: ZUpdateOrgUnitRequest,
    response: ZOrgUnit,
    handler: ({ actor, tx, params, body }) =>
      updateOrgUnit({ actor, tx, input: { id: params.id, changes: body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/org/units/:id/move',
    summary: 'Move an org unit to another parent from a date, keeping history',
    tags,
    access: 'org.manage',
    params: ZIdParams,
    body: ZMoveOrgUnitRequest,
    response: ZOrgUnitDetail,
    handler: ({ actor, tx, params, body }) => moveOrgUnit({ actor, tx, input: { id: params.id, ...body } }),
  }),
];
