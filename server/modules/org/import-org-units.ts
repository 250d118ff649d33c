import { and, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import { canAt } from '../../core/access/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { type CellError, cellError, type ImportKind } from '../../core/imports/kinds.ts';
import { allowedParentKinds } from './queries.ts';

/**
 * Org-unit import (学校、幼儿园、办园点 …). A row's parent is an existing unit or one earlier in the
 * same file, by code; kinds must nest as in the org tree. Rollback refuses when anything now hangs
 * off an imported unit (people, accounts, units added later).
 */
const kindByLabel: Record<string, string> = {
  学区: 'zone',
  学校: 'school',
  幼儿园: 'kindergarten',
  社区办园点: 'communitySite',
  校外培训机构: 'trainingInstitution',
  供应商: 'supplier',
  科室: 'department',
};
const stageByLabel: Record<string, string> = {
  小学: 'primary',
  初中: 'junior',
  高中: 'senior',
  九年一贯: 'nineYear',
  完全中学: 'complete',
  十二年一贯: 'twelveYear',
  职业: 'vocational',
  特教: 'special',
  学前: 'preschool',
};

interface Clean {
  code: string;
  name: string;
  kind: string;
  parentCode: string;
  stage: string | null;
  ownership: string | null;
  subsidised: boolean;
  address: string | null;
  capacity: number | null;
  phone: string | null;
}

export const orgUnitImport: ImportKind<Clean> = {
  kind: 'orgUnits',
  zh: '组织机构',
  en: 'Org units',
  permission: 'org.manage',
  columns: [
    {
      key: 'code',
      header: '机构代码',
      headerEn: 'Code',
      required: true,
      example: 'XX0901',
      hint: '字母、数字、-、_ / letters, digits, - and _',
    },
    { key: 'name', header: '机构名称', headerEn: 'Name', required: true, example: '海淀区示例小学' },
    {
      key: 'kind',
      header: '类型',
      headerEn: 'Kind',
      required: true,
      example: '学校',
      hint: Object.keys(kindByLabel).join(' / '),
    },
    { key: 'parentCode', header: '上级机构代码', headerEn: 'Parent code', required: true, example: 'XQ01' },
    {
      key: 'stage',
      header: '学段',
      headerEn: 'Stage',
      example: '小学',
      hint: Object.keys(stageByLabel).join(' / '),
    },
    { key: 'ownership', header: '办学性质', headerEn: 'Ownership', example: '公办', hint: '公办 / 民办' },
    { key: 'subsidised', header: '普惠', headerEn: 'Subsidised', example: '', hint: '是 / 否' },
    { key: 'address', header: '地址', headerEn: 'Address', example: '北京市海淀区中关村大街1号' },
    { key: 'capacity', header: '学位容量', headerEn: 'Capacity', example: '1200' },
    { key: 'phone', header: '电话', headerEn: 'Phone', example: '010-62000000' },
  ],
  async validate(ctx, rows, seen, rowNumbers) {
    const codes = [...new Set(rows.flatMap((r) => [r.code, r.parentCode]).filter(Boolean))];
    const existing = codes.length
      ? await ctx.tx
          .select({ id: orgUnit.id, code: orgUnit.code, kind: orgUnit.kind })
          .from(orgUnit)
          .where(and(eq(orgUnit.districtId, ctx.districtId), inArray(orgUnit.code, codes)))
      : [];
    const byCode = new Map(existing.map((u) => [u.code, u]));
    const out = [];
    for (const [i, row] of rows.entries()) {
      const errors: CellError[] = [];
      const kind = kindByLabel[row.kind ?? ''];
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(row.code ?? ''))
        errors.push(
          cellError(
            '机构代码',
            'invalid',
            '机构代码必填，仅限字母、数字、-、_',
            'Code: letters, digits, - and _',
          ),
        );
      else if (byCode.has(row.code!))
        errors.push(cellError('机构代码', 'org.code_taken', '机构代码已被使用', 'This code is already used'));
      else if (seen.has(`code:${row.code}`)) {
        const first = seen.get(`code:${row.code}`)!.row;
        errors.push(cellError('机构代码', 'duplicate', `与第${first}行重复`, `Same as row ${first}`));
      }
      if (!row.name || row.name.length > 100)
        errors.push(
          cellError(
            '机构名称',
            'required',
            '机构名称必填，最多100字',
            'Name is required (at most 100 characters)',
          ),
        );
      if (!kind) errors.push(cellError('类型', 'invalid', '类型不正确', 'Unknown kind'));
      // The parent: an existing unit the importer manages, or a unit earlier in this file.
      const parent = byCode.get(row.parentCode ?? '');
      const parentKind = parent?.kind ?? seen.get(`code:${row.parentCode}`)?.kind;
      if (!parentKind)
        errors.push(
          cellError(
            '上级机构代码',
            'org.unit_not_found',
            '上级机构代码不存在',
            'No unit has this parent code',
          ),
        );
      else if (parent && !(await canAt(ctx.tx, ctx.actor, 'org.manage', parent.id))) {
        errors.push(
          cellError(
            '上级机构代码',
            'auth.forbidden',
            '上级机构不在您的管理范围内',
            'The parent is outside your scope',
          ),
        );
      } else if (kind && !allowedParentKinds[kind]?.includes(parentKind)) {
        errors.push(
          cellError(
            '上级机构代码',
            'org.parent_invalid',
            '该类型不能隶属于此上级机构',
            'This kind cannot sit under that parent',
          ),
        );
      }
      const stage = row.stage ? stageByLabel[row.stage] : null;
      if (row.stage && !stage) errors.push(cellError('学段', 'invalid', '学段不正确', 'Unknown stage'));
      if (kind === 'school' && !stage)
        errors.push(cellError('学段', 'required', '学校必须填写学段', 'A school needs a stage'));
      const ownership = row.ownership === '公办' ? 'public' : row.ownership === '民办' ? 'private' : null;
      if (row.ownership && !ownership)
        errors.push(
          cellError('办学性质', 'invalid', '办学性质应为公办或民办', 'Ownership must be 公办 or 民办'),
        );
      const capacity = row.capacity ? Number(row.capacity) : null;
      if (row.capacity && (!Number.isInteger(capacity) || capacity! < 0 || capacity! > 100_000)) {
        errors.push(
          cellError(
            '学位容量',
            'invalid',
            '学位容量应为0–100000的整数',
            'Capacity must be a whole number 0–100000',
          ),
        );
      }
      if (row.code && !seen.has(`code:${row.code}`))
        seen.set(`code:${row.code}`, { row: rowNumbers[i]!, kind });
      if (errors.length > 0) {
        out.push({ ok: false as const, errors });
        continue;
      }
      out.push({
        ok: true as const,
        value: {
          code: row.code!,
          name: row.name!,
          kind: kind!,
          parentCode: row.parentCode!,
          stage,
          ownership,
          subsidised: row.subsidised === '是',
          address: row.address || null,
          capacity,
          phone: row.phone || null,
        },
      });
    }
    return out;
  },
  async commit(tx, _actor, batch, rows) {
    // Row order guarantees a parent defined in the file is inserted before its children.
    for (const row of rows) {
      const [parent] = await tx
        .select({ id: orgUnit.id })
        .from(orgUnit)
        .where(and(eq(orgUnit.districtId, batch.districtId), eq(orgUnit.code, row.parentCode)));
      if (!parent) throw new DomainError('org.unit_not_found', { code: row.parentCode });
      const { parentCode: _p, ...fields } = row;
      const [unit] = await tx
        .insert(orgUnit)
        .values({ ...fields, districtId: batch.districtId, importBatchId: batch.id })
        .returning({ id: orgUnit.id, openedOn: orgUnit.openedOn });
      await tx.insert(orgLink).values({
        districtId: batch.districtId,
        unitId: unit!.id,
        parentId: parent.id,
        validFrom: unit!.openedOn,
        reason: `导入批次 ${batch.id} / import batch ${batch.id}`,
      });
    }
    return rows.length;
  },
  async rollback(tx, _actor, batch) {
    const units = (
      await tx.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.importBatchId, batch.id))
    ).map((u) => u.id);
    if (units.length === 0) return 0;
    const dependants = await tx.execute<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM person WHERE org_id = ANY(${sql.raw(`'{${units.join(',')}}'::int[]`)}))
           + (SELECT count(*) FROM account WHERE org_id = ANY(${sql.raw(`'{${units.join(',')}}'::int[]`)}))
           + (SELECT count(*) FROM "grant" WHERE org_id = ANY(${sql.raw(`'{${units.join(',')}}'::int[]`)})) AS n`);
    const foreignChildren = await tx
      .select({ id: orgLink.id })
      .from(orgLink)
      .where(and(inArray(orgLink.parentId, units), notInArray(orgLink.unitId, units)))
      .limit(1);
    if (Number(dependants.rows[0]?.n) > 0 || foreignChildren.length > 0)
      throw new DomainError('imports.rollback_blocked');
    await tx.delete(orgLink).where(or(inArray(orgLink.unitId, units), inArray(orgLink.parentId, units)));
    await tx.delete(orgUnit).where(and(inArray(orgUnit.id, units), ne(orgUnit.kind, 'district')));
    return units.length;
  },
};
