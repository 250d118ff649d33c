import { and, asc, desc, eq, gte, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  TOpen311Request,
  TOpen311RequestsQuery,
  ZOpen311Post,
  ZOpen311Services,
} from '../../../contracts/cases.ts';
import { formatInstant } from '../../../engines/clock/index.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { currentCatalogue } from './catalogue.ts';
import { insertHotlineOrders } from './intake-hotline.ts';
import { caseApiKey, caseCatalogue, caseRecord } from './schema.ts';

/**
 * Open311 GeoReport v2 over the 12345 work orders. The GETs are public, as the specification
 * intends, and carry no personal data: no complainant, no free text (the description stays
 * inside), no accusations, no petitions. `expected_datetime` is the reply clock's due instant from
 * the clock engine; `agency_responsible` the handling unit.
 */

const closedStates = ['replied', 'callback', 'closed', 'returned', 'merged'];
const stateNotes: Record<string, string> = {
  dispatched: '已派单，待签收',
  signed_for: '已签收',
  return_requested: '承办单位申请退单',
  returned: '已退单',
  contacted: '已联系诉求人',
  in_progress: '办理中',
  coordinating: '协调中',
  extension_requested: '申请延期中',
  replied: '已答复',
  callback: '已回访',
  closed: '已办结',
  reopened: '重新办理',
};

/** The district a request addresses: by `jurisdiction_id` (the district code), else the first one. */
export async function jurisdiction(tx: Executor, jurisdictionId?: string): Promise<number> {
  const [row] = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(and(eq(orgUnit.kind, 'district'), jurisdictionId ? eq(orgUnit.code, jurisdictionId) : undefined))
    .orderBy(asc(orgUnit.id))
    .limit(1);
  if (!row) throw new DomainError('request.not_found');
  return row.id;
}

export async function open311Services(
  tx: Executor,
  jurisdictionId?: string,
): Promise<z.input<typeof ZOpen311Services>> {
  const districtId = await jurisdiction(tx, jurisdictionId);
  const groups = { district: '区教委', zone: '学区', school: '学校' } as const;
  return (await currentCatalogue(tx, districtId)).map((e) => ({
    service_code: e.code,
    service_name: e.name,
    description: e.description ?? `${e.name}（${e.nameEn}）`,
    metadata: false,
    type: 'realtime' as const,
    keywords: e.nameEn,
    group: groups[e.unitKind],
  }));
}

const at = (d: Date | null) => (d ? formatInstant(d.getTime()) : null);

export async function open311Requests(
  tx: Executor,
  query: TOpen311RequestsQuery & { id?: string },
): Promise<TOpen311Request[]> {
  const districtId = await jurisdiction(tx, query.jurisdiction_id);
  const ids = query.id
    ? [query.id]
    : query.service_request_id
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
  const conditions: (SQL | undefined)[] = [
    eq(caseRecord.districtId, districtId),
    eq(caseRecord.kind, 'hotline'),
    eq(caseRecord.accusation, false),
    isNull(caseRecord.mergedIntoId),
  ];
  if (ids?.length) conditions.push(inArray(caseRecord.externalNo, ids));
  else {
    // The specification's defaults: the last 90 days, at most 1000 requests.
    const end = query.end_date ? new Date(query.end_date) : new Date();
    const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - 90 * 86_400_000);
    conditions.push(gte(caseRecord.receivedAt, start), lte(caseRecord.receivedAt, end));
  }
  if (query.service_code) conditions.push(eq(caseRecord.categoryCode, query.service_code));
  if (query.status === 'closed') conditions.push(inArray(caseRecord.state, closedStates));
  if (query.status === 'open')
    conditions.push(sql`${caseRecord.state} <> ALL(${sql.raw(`'{${closedStates.join(',')}}'::text[]`)})`);
  const rows = await tx
    .select({
      externalNo: caseRecord.externalNo,
      state: caseRecord.state,
      serviceName: caseCatalogue.name,
      serviceCode: caseRecord.categoryCode,
      agency: orgUnit.name,
      receivedAt: caseRecord.receivedAt,
      updatedAt: caseRecord.updatedAt,
      replyDueAt: caseRecord.replyDueAt,
    })
    .from(caseRecord)
    .innerJoin(orgUnit, eq(orgUnit.id, caseRecord.orgId))
    .leftJoin(caseCatalogue, eq(caseCatalogue.id, caseRecord.catalogueId))
    .where(and(...conditions))
    .orderBy(desc(caseRecord.receivedAt), desc(caseRecord.id))
    .limit(1000);
  return rows.map((r) => ({
    service_request_id: r.externalNo,
    status: closedStates.includes(r.state) ? 'closed' : 'open',
    status_notes: stateNotes[r.state] ?? null,
    service_name: r.serviceName,
    service_code: r.serviceCode,
    description: null,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: at(r.receivedAt)!,
    updated_datetime: at(r.updatedAt),
    expected_datetime: at(r.replyDueAt),
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  }));
}

/** POST requests.json: a new work order from a partner system holding an API key. */
export async function open311Create(tx: Tx, body: z.output<typeof ZOpen311Post>) {
  const hash = services().cipher.lookupHash(`open311:${body.api_key}`);
  const [key] = await tx
    .select()
    .from(caseApiKey)
    .where(and(eq(caseApiKey.keyHash, hash), isNull(caseApiKey.revokedAt)));
  if (!key) throw new DomainError('cases.api_key_invalid', { field: 'api_key' });
  const actor: Actor = {
    accountId: null,
    username: `open311:${key.name}`,
    displayName: `Open311 ${key.name}`,
    districtId: key.districtId,
    orgId: key.districtId,
    grants: [],
  };
  const externalNo = `O311-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e6)
    .toString(36)
    .toUpperCase()}`;
  const name = [body.last_name, body.first_name].filter(Boolean).join('');
  const result = await insertHotlineOrders(tx, actor, key.districtId, [
    {
      externalNo,
      channel: 'web',
      categoryCode: body.service_code,
      title: body.description.slice(0, 60),
      content: body.description + (body.address_string ? `\n地址：${body.address_string}` : ''),
      complainantName: name || null,
      complainantPhone: body.phone ?? null,
      anonymous: !name && !body.phone,
      accusation: false,
    },
  ]);
  const [row] = await tx
    .select({ replyDueAt: caseRecord.replyDueAt })
    .from(caseRecord)
    .where(eq(caseRecord.id, result.created[0]!.id));
  return [
    {
      service_request_id: externalNo,
      service_notice: row?.replyDueAt ? `将于 ${at(row.replyDueAt)} 前答复` : null,
      account_id: null,
    },
  ];
}
