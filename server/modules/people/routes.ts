import { z } from 'zod';
import { ZId } from '../../../contracts/common.ts';
import {
  ZCreatePersonRequest,
  ZPerson,
  ZPersonDetail,
  ZPersonList,
  ZPersonListQuery,
  ZRevealRequest,
  ZRevealResponse,
  ZUpdatePersonRequest,
} from '../../../contracts/people.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { createPerson } from './create-person.ts';
import { getPerson } from './get-person.ts';
import { listPeople } from './list-people.ts';
import { revealPersonField } from './reveal-person-field.ts';
import { updatePerson } from './update-person.ts';

const tags = ['people'];
const ZIdParams = z.object({ id: ZId });
const kindLabels: Record<string, string> = { student: '学生', staff: '教职工', guardian: '监护人' };
const genderLabels: Record<string, string> = { M: '男', F: '女' };

export const peopleRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/people',
    summary: 'List people in scope, personal data masked',
    tags,
    access: 'people.read',
    query: ZPersonListQuery,
    response: ZPersonList,
    handler: ({ actor, tx, query }) => listPeople({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/people/export.xlsx',
    summary: 'Export the filtered people list to Excel (masked)',
    tags,
    access: 'people.read',
    listQuery: ZPersonListQuery,
    list: listPeople,
    audit: { action: 'people.export', entityType: 'person' },
    fileName: '人员名单',
    sheetName: '人员',
    columns: [
      { header: '姓名 Name', value: (p) => p.name },
      { header: '类别 Kind', value: (p) => kindLabels[p.kind] },
      { header: '性别 Gender', value: (p) => (p.gender ? genderLabels[p.gender] : null) },
      { header: '单位 Unit', width: 30, value: (p) => p.orgName },
      { header: '身份证号 ID number', width: 22, value: (p) => p.idNumber },
      { header: '电话 Phone', width: 14, value: (p) => p.phone },
      { header: '学籍号 Student number', width: 22, value: (p) => p.studentNumber },
      { header: '年级 Grade', value: (p) => p.grade },
      { header: '班级 Class', value: (p) => p.className },
      { header: '入学日期 Entry date', width: 14, value: (p) => p.entryDate },
      { header: '岗位 Position', value: (p) => p.position },
      { header: '学科 Subject', value: (p) => p.subject },
      { header: '状态 Status', value: (p) => (p.status === 'active' ? '在籍/在岗' : '离开') },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/people/:id',
    summary: 'One person with guardians or children (masked)',
    tags,
    access: 'people.read',
    params: ZIdParams,
    response: ZPersonDetail,
    handler: ({ actor, tx, params }) => getPerson({ actor, tx, input: { id: params.id } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/people',
    summary: 'Register a person at a unit',
    tags,
    access: 'people.manage',
    body: ZCreatePersonRequest,
    response: ZPerson,
    handler: ({ actor, tx, body }) => createPerson({ actor, tx, input: body }),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/people/:id',
    summary: "Change a person's fields",
    tags,
    access: 'people.manage',
    params: ZIdParams,
    body: ZUpdatePersonRequest,
    response: ZPerson,
    handler: ({ actor, tx, params, body }) =>
      updatePerson({ actor, tx, input: { id: params.id, changes: body } }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/people/:id/reveal',
    summary: 'Reveal one sealed field (audited, with a reason)',
    tags,
    access: 'people.reveal',
    params: ZIdParams,
    body: ZRevealRequest,
    response: ZRevealResponse,
    handler: ({ actor, tx, params, body }) =>
      revealPersonField({ actor, tx, input: { id: params.id, ...body } }),
  }),
];
