import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { THotlineIntake } from '../../../contracts/cases.ts';
import { ZHotlineIntake } from '../../../contracts/cases.ts';
import { maskPhone } from '../../core/crypto/pii.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { type CellError, cellError, type ImportColumn, type ImportKind } from '../../core/imports/kinds.ts';
import { currentCatalogue } from './catalogue.ts';
import { insertHotlineOrders } from './intake-hotline.ts';
import { caseEvent, caseRecord } from './schema.ts';
import { maskName } from './seal.ts';

/**
 * 12345 work orders from the centre's Excel export (市民服务热线工单导出): one row per order, the
 * centre's column names. Orders already received (same 工单编号) are reported, never duplicated.
 * The batch belongs to the commission; every order starts at the district as `dispatched`.
 */
const columns: ImportColumn[] = [
  {
    key: 'externalNo',
    header: '工单编号',
    headerEn: 'Order number',
    required: true,
    example: 'GD2026110100123',
  },
  {
    key: 'receivedAt',
    header: '受理时间',
    headerEn: 'Received at',
    required: true,
    example: '2026-11-01 09:30',
    hint: '北京时间 年-月-日 时:分 / Beijing time',
  },
  {
    key: 'channel',
    header: '来源渠道',
    headerEn: 'Channel',
    example: '电话',
    hint: '电话 / APP / 网站 / 微信',
  },
  {
    key: 'categoryCode',
    header: '诉求类别代码',
    headerEn: 'Category code',
    required: true,
    example: 'ENROLL',
    hint: '派单目录中的类别代码 / a dispatch-catalogue code',
  },
  { key: 'title', header: '诉求标题', headerEn: 'Title', required: true, example: '咨询小学入学登记时间' },
  { key: 'content', header: '诉求内容', headerEn: 'Content', required: true, example: '市民来电咨询……' },
  { key: 'complainantName', header: '诉求人', headerEn: 'Complainant', example: '王先生' },
  { key: 'complainantPhone', header: '联系电话', headerEn: 'Phone', example: '13800000000' },
  { key: 'subjectCode', header: '涉及单位代码', headerEn: 'Unit concerned (code)', example: 'XX0001' },
  { key: 'accusation', header: '是否检举', headerEn: 'Accusation', example: '否', hint: '是 / 否' },
  { key: 'accusedCode', header: '被检举单位代码', headerEn: 'Accused unit (code)', example: '' },
];

const CHANNELS: Record<string, THotlineIntake['channel']> = {
  电话: 'phone',
  APP: 'app',
  网站: 'web',
  微信: 'wechat',
  phone: 'phone',
  app: 'app',
  web: 'web',
  wechat: 'wechat',
};

function receivedAtOf(text: string): string | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}+08:00`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

export const hotlineOrderImport: ImportKind<THotlineIntake> = {
  kind: 'hotlineOrders',
  zh: '12345工单',
  en: '12345 work orders',
  columns,
  permission: 'cases.dispatch',
  filePurpose: 'import.cases',
  maskRaw: (cells) => ({
    ...cells,
    ...(cells.complainantPhone ? { complainantPhone: maskPhone(cells.complainantPhone) } : {}),
    ...(cells.complainantName ? { complainantName: maskName(cells.complainantName) } : {}),
  }),
  async validate(ctx, rows, seen, rowNumbers) {
    const codes = [
      ...new Set(rows.flatMap((r) => [r.subjectCode, r.accusedCode]).filter(Boolean)),
    ] as string[];
    const units = codes.length
      ? await ctx.tx
          .select({ id: orgUnit.id, code: orgUnit.code })
          .from(orgUnit)
          .where(and(eq(orgUnit.districtId, ctx.districtId), inArray(orgUnit.code, codes)))
      : [];
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    const categories = new Set((await currentCatalogue(ctx.tx, ctx.districtId)).map((e) => e.code));
    const numbers = rows.map((r) => r.externalNo ?? '').filter(Boolean);
    const existing = numbers.length
      ? await ctx.tx
          .select({ externalNo: caseRecord.externalNo })
          .from(caseRecord)
          .where(
            and(
              eq(caseRecord.districtId, ctx.districtId),
              eq(caseRecord.kind, 'hotline'),
              inArray(caseRecord.externalNo, numbers),
            ),
          )
      : [];
    const taken = new Set(existing.map((r) => r.externalNo));
    return rows.map((row, i) => {
      const errors: CellError[] = [];
      const no = row.externalNo ?? '';
      if (taken.has(no))
        errors.push(cellError('工单编号', 'duplicate', '该工单已接收', 'This order was already received'));
      else if (seen.has(`hotline:${no}`))
        errors.push(
          cellError(
            '工单编号',
            'duplicate',
            `与第${seen.get(`hotline:${no}`)!.row}行重复`,
            `Same as row ${seen.get(`hotline:${no}`)!.row}`,
          ),
        );
      if (no) seen.set(`hotline:${no}`, { row: rowNumbers[i]! });
      const receivedAt = receivedAtOf(row.receivedAt ?? '');
      if (!receivedAt)
        errors.push(cellError('受理时间', 'invalid', '受理时间格式不正确', 'Not a valid date and time'));
      if (row.categoryCode && !categories.has(row.categoryCode))
        errors.push(
          cellError('诉求类别代码', 'cases.category_unknown', '派单目录中没有此类别', 'No such category'),
        );
      const channel = row.channel ? CHANNELS[row.channel] : 'phone';
      if (!channel)
        errors.push(cellError('来源渠道', 'invalid', '来源渠道应为电话、APP、网站或微信', 'Unknown channel'));
      const accusation = row.accusation === '是';
      const subjectOrgId = row.subjectCode ? unitId.get(row.subjectCode) : undefined;
      if (row.subjectCode && !subjectOrgId)
        errors.push(
          cellError('涉及单位代码', 'org.unit_not_found', '单位代码不存在', 'No unit has this code'),
        );
      const accusedOrgId = row.accusedCode ? unitId.get(row.accusedCode) : undefined;
      if (row.accusedCode && (!accusedOrgId || !accusation))
        errors.push(
          cellError(
            '被检举单位代码',
            'invalid',
            '单位代码不存在或未标记检举',
            'Unknown unit, or not an accusation',
          ),
        );
      const parsed = ZHotlineIntake.safeParse({
        externalNo: no,
        channel: channel ?? 'phone',
        categoryCode: row.categoryCode ?? '',
        title: row.title ?? '',
        content: row.content ?? '',
        receivedAt: receivedAt ?? undefined,
        complainantName: row.complainantName || null,
        complainantPhone: row.complainantPhone || null,
        anonymous: !row.complainantName && !row.complainantPhone,
        accusation,
        accusedOrgId: accusedOrgId ?? null,
        subjectOrgId: subjectOrgId ?? null,
      });
      if (!parsed.success)
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0]);
          const header = columns.find((c) => c.key === key)?.header ?? key;
          errors.push(cellError(header, 'invalid', `${header}不正确`, `${key} is not valid`));
        }
      if (errors.length || !parsed.success) return { ok: false as const, errors };
      return { ok: true as const, value: parsed.data };
    });
  },
  async commit(tx, actor, batch, rows) {
    const result = await insertHotlineOrders(tx, actor, batch.districtId, rows);
    const ids = result.created.map((c) => c.id);
    for (let i = 0; i < ids.length; i += 5000)
      await tx
        .update(caseRecord)
        .set({ importBatchId: batch.id })
        .where(inArray(caseRecord.id, ids.slice(i, i + 5000)));
    return ids.length;
  },
  async rollback(tx, _actor, batch) {
    const [moved] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvent)
      .innerJoin(caseRecord, eq(caseRecord.id, caseEvent.caseId))
      .where(and(eq(caseRecord.importBatchId, batch.id), ne(caseEvent.action, 'intake')));
    if (Number(moved!.n) > 0) throw new DomainError('cases.import_rollback_blocked');
    const removed = await tx
      .delete(caseRecord)
      .where(eq(caseRecord.importBatchId, batch.id))
      .returning({ id: caseRecord.id });
    return removed.length;
  },
};
