import { ZAuditList, ZAuditListQuery, ZAuditVerifyResult } from '../../../contracts/audit.ts';
import { recordAudit, type verifyAuditChain } from '../../core/audit/index.ts';
import { DomainError } from '../../core/errors.ts';
import { EXPORT_MAX_ROWS, pagesOf, streamXlsx } from '../../core/excel.ts';
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
    defineRoute({
      method: 'GET',
      url: '/api/audit/events/export.xlsx',
      summary: 'Export the filtered audit events to Excel',
      tags,
      access: 'audit.read',
      writes: true,
      query: ZAuditListQuery.omit({ page: true, pageSize: true }),
      handler: async ({ actor, tx, query, reply }) => {
        const { total } = await listAuditEvents({ actor, tx, input: { ...query, page: 1, pageSize: 1 } });
        if (total > EXPORT_MAX_ROWS) throw new DomainError('export.too_many_rows');
        await recordAudit(tx, actor, {
          action: 'audit.export',
          entityType: 'auditEvent',
          orgId: actor.orgId,
          after: { filters: query, rows: total },
        });
        await streamXlsx(reply, {
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
          pages: pagesOf(
            async (page, pageSize) =>
              (await listAuditEvents({ actor, tx, input: { ...query, page, pageSize } })).items,
          ),
        });
        return reply;
      },
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
