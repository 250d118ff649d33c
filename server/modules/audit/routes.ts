import { ZAuditList, ZAuditListQuery, ZAuditVerifyResult } from '../../../contracts/audit.ts';
import type { verifyAuditChain } from '../../core/audit/index.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { listAuditEvents } from './list-audit-events.ts';

const tags = ['audit'];

export function auditRoutes(verify: () => ReturnType<typeof verifyAuditChain>): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/audit/events',
      summary: 'List audit events in scope',
      tags,
      access: 'audit.read',
      query: ZAuditListQuery,
      response: ZAuditList,
      handler: ({ actor, tx, query }) => listAuditEvents({ actor, tx, input: query }),
    }),
    exportRoute({
      url: '/api/audit/events/export.xlsx',
      summary: 'Export the filtered audit events to Excel',
      tags,
      access: 'audit.read',
      listQuery: ZAuditListQuery,
      list: listAuditEvents,
      audit: { action: 'audit.export', entityType: 'auditEvent' },
      fileName: '审计日志',
      sheetName: '审计日志',
      columns: [
        { header: '序号 Seq', value: (e) => e.seq },
        { header: '时间 Time', width: 24, value: (e) => e.at },
        { header: '操作人 Actor', width: 18, value: (e) => e.actorName },
        { header: '操作 Action', width: 22, value: (e) => e.action },
        { header: '对象 Entity', value: (e) => e.entityType },
        { header: '对象编号 Entity id', value: (e) => e.entityId },
        { header: '单位 Unit', width: 26, value: (e) => e.orgName },
        {
          header: '变更前 Before',
          width: 40,
          value: (e) => (e.before == null ? null : JSON.stringify(e.before)),
        },
        {
          header: '变更后 After',
          width: 40,
          value: (e) => (e.after == null ? null : JSON.stringify(e.after)),
        },
        { header: 'IP', value: (e) => e.ip },
        { header: '哈希 Hash', width: 66, value: (e) => e.hash },
      ],
    }),
    defineRoute({
      method: 'POST',
      url: '/api/audit/verify',
      summary: 'Walk the hash chain and report the first broken event',
      tags,
      access: 'audit.read',
      response: ZAuditVerifyResult,
      handler: () => verify(),
    }),
  ];
}
