import { and, eq, inArray, sql } from 'drizzle-orm';
import { scopeUnitIds, subtreeUnitIds } from '../../core/access/index.ts';
import {
  isValidIdNumber,
  maskAddress,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
} from '../../core/crypto/pii.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import {
  type CellError,
  cellError,
  type ImportColumn,
  type ImportKind,
  type RawRow,
} from '../../core/imports/kinds.ts';
import { indexPeople, removePeopleOfBatch } from '../../core/search/bulk.ts';
import { services } from '../../core/services.ts';
import { person } from './schema.ts';
import { sealPersonalFields } from './seal.ts';

/**
 * Staff (教职工) and student (学生) imports. A row names its unit by code; it must be inside the
 * batch's unit and the importer's `people.manage` scope. ID numbers are checked (GB 11643), unique in
 * the file and in the district, and sealed before the row is even staged.
 */
type Clean = typeof person.$inferInsert;

const common: ImportColumn[] = [
  { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '张三' },
  { key: 'gender', header: '性别', headerEn: 'Gender', example: '男', hint: '男 / 女' },
  {
    key: 'idNumber',
    header: '身份证号',
    headerEn: 'ID number',
    required: true,
    example: '110108201509010011',
    hint: '18位居民身份证号 / 18-character resident ID',
  },
  {
    key: 'unitCode',
    header: '单位代码',
    headerEn: 'Unit code',
    required: true,
    example: 'XX0001',
    hint: '组织机构中的机构代码 / the unit code shown in 组织机构',
  },
];
const staffColumns: ImportColumn[] = [
  ...common,
  { key: 'phone', header: '手机号', headerEn: 'Phone', example: '13800000000' },
  {
    key: 'position',
    header: '岗位',
    headerEn: 'Position',
    example: '教师',
    hint: '教师 / 行政 / 教辅 / 工勤',
  },
  { key: 'subject', header: '学科', headerEn: 'Subject', example: '语文' },
];
const studentColumns: ImportColumn[] = [
  ...common,
  { key: 'studentNumber', header: '学籍号', headerEn: 'Student number', example: 'G110108201509010011' },
  { key: 'grade', header: '年级', headerEn: 'Grade', required: true, example: '1', hint: '0 = 幼儿园, 1–12' },
  { key: 'className', header: '班级', headerEn: 'Class', example: '1年级2班' },
  { key: 'address', header: '住址', headerEn: 'Address', example: '北京市海淀区中关村大街1号' },
];

const POSITIONS = ['教师', '行政', '教辅', '工勤'];

function maskRaw(cells: RawRow): RawRow {
  return {
    ...cells,
    ...(cells.idNumber ? { idNumber: maskIdNumber(cells.idNumber) } : {}),
    ...(cells.phone ? { phone: maskPhone(cells.phone) } : {}),
    ...(cells.address ? { address: maskAddress(cells.address) } : {}),
  };
}

function peopleKind(kind: 'staff' | 'student'): ImportKind<Clean> {
  const columns = kind === 'staff' ? staffColumns : studentColumns;
  return {
    kind,
    zh: kind === 'staff' ? '教职工' : '学生',
    en: kind === 'staff' ? 'Staff' : 'Students',
    columns,
    permission: 'people.manage',
    maskRaw,
    async validate(ctx, rows, seen, rowNumbers) {
      const codes = [...new Set(rows.map((r) => r.unitCode).filter(Boolean))];
      const units = codes.length
        ? await ctx.tx
            .select({ id: orgUnit.id, code: orgUnit.code, kind: orgUnit.kind })
            .from(orgUnit)
            .where(and(eq(orgUnit.districtId, ctx.districtId), inArray(orgUnit.code, codes)))
        : [];
      const byCode = new Map(units.map((u) => [u.code, u]));
      const manageable = await scopeUnitIds(ctx.tx, ctx.actor, 'people.manage');
      const within = await subtreeUnitIds(ctx.tx, [ctx.orgId]);
      const { cipher } = services();
      const hashes = rows.map((r) =>
        isValidIdNumber(r.idNumber ?? '') ? cipher.lookupHash(normaliseIdNumber(r.idNumber!)) : '',
      );
      const valid = hashes.filter(Boolean);
      const existing = valid.length
        ? await ctx.tx
            .select({ hash: person.idNumberHash })
            .from(person)
            .where(and(eq(person.districtId, ctx.districtId), inArray(person.idNumberHash, valid)))
        : [];
      const taken = new Set(existing.map((r) => r.hash));
      return rows.map((row, i) => {
        const errors: CellError[] = [];
        const name = row.name ?? '';
        if (!name || name.length > 50)
          errors.push(
            cellError('姓名', 'required', '姓名必填，最多50字', 'Name is required (at most 50 characters)'),
          );
        const gender = row.gender
          ? ({ 男: 'M', 女: 'F', M: 'M', F: 'F' } as Record<string, string>)[row.gender]
          : null;
        if (row.gender && !gender)
          errors.push(cellError('性别', 'invalid', '性别应为"男"或"女"', 'Gender must be 男 or 女'));
        const hash = hashes[i]!;
        if (!hash)
          errors.push(
            cellError(
              '身份证号',
              'people.id_number_invalid',
              '身份证号码不合法',
              'The ID number is not valid',
            ),
          );
        else if (taken.has(hash))
          errors.push(
            cellError(
              '身份证号',
              'people.id_number_taken',
              '该身份证号码已登记',
              'This ID number is already registered',
            ),
          );
        else if (seen.has(hash)) {
          errors.push(
            cellError(
              '身份证号',
              'duplicate',
              `与第${seen.get(hash)!.row}行重复`,
              `Same as row ${seen.get(hash)!.row}`,
            ),
          );
        }
        const unit = byCode.get(row.unitCode ?? '');
        if (!unit)
          errors.push(cellError('单位代码', 'org.unit_not_found', '单位代码不存在', 'No unit has this code'));
        else if (!within.has(unit.id) || !manageable.has(unit.id)) {
          errors.push(
            cellError(
              '单位代码',
              'auth.forbidden',
              '该单位不在本批次或您的管理范围内',
              'This unit is outside the batch or your scope',
            ),
          );
        }
        let grade: number | null = null;
        if (kind === 'student') {
          grade = Number(row.grade);
          if (!/^\d{1,2}$/.test(row.grade ?? '') || grade > 12)
            errors.push(cellError('年级', 'invalid', '年级应为0–12', 'Grade must be 0–12'));
        }
        if (kind === 'staff' && row.position && !POSITIONS.includes(row.position)) {
          errors.push(
            cellError(
              '岗位',
              'invalid',
              '岗位应为教师、行政、教辅或工勤',
              'Position must be 教师, 行政, 教辅 or 工勤',
            ),
          );
        }
        if (row.phone && !/^\+?[\d -]{5,20}$/.test(row.phone))
          errors.push(cellError('手机号', 'invalid', '手机号格式不正确', 'The phone number is not valid'));
        if (hash && !seen.has(hash)) seen.set(hash, { row: rowNumbers[i]! });
        if (errors.length > 0) return { ok: false as const, errors };
        const id = normaliseIdNumber(row.idNumber!);
        const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
        return {
          ok: true as const,
          value: {
            districtId: ctx.districtId,
            orgId: unit!.id,
            kind,
            name,
            gender,
            birthDate,
            ...sealPersonalFields({ idNumber: id, phone: row.phone || null, address: row.address || null }),
            studentNumber: row.studentNumber || null,
            grade: kind === 'student' ? grade : null,
            className: row.className || null,
            position: row.position || null,
            subject: row.subject || null,
          },
        };
      });
    },
    async commit(tx, _actor, batch, rows) {
      let written = 0;
      for (let i = 0; i < rows.length; i += 5000) {
        const ids = await insertPeople(tx, batch.id, rows.slice(i, i + 5000));
        await indexPeople(tx, ids);
        written += ids.length;
      }
      return written;
    },
    async rollback(tx, _actor, batch) {
      await removePeopleOfBatch(tx, batch.id);
      const removed = await tx
        .delete(person)
        .where(eq(person.importBatchId, batch.id))
        .returning({ id: person.id });
      return removed.length;
    },
  };
}

export const staffImport = peopleKind('staff');
export const studentImport = peopleKind('student');

/** The person columns an import writes, with their SQL types (for jsonb_to_recordset). */
const personColumns: [keyof Clean & string, string, string][] = [
  ['districtId', 'district_id', 'int'],
  ['orgId', 'org_id', 'int'],
  ['kind', 'kind', 'text'],
  ['name', 'name', 'text'],
  ['gender', 'gender', 'text'],
  ['birthDate', 'birth_date', 'date'],
  ['idNumberEnc', 'id_number_enc', 'text'],
  ['idNumberHash', 'id_number_hash', 'text'],
  ['idNumberMasked', 'id_number_masked', 'text'],
  ['phoneEnc', 'phone_enc', 'text'],
  ['phoneHash', 'phone_hash', 'text'],
  ['phoneMasked', 'phone_masked', 'text'],
  ['addressEnc', 'address_enc', 'text'],
  ['addressMasked', 'address_masked', 'text'],
  ['studentNumber', 'student_number', 'text'],
  ['grade', 'grade', 'smallint'],
  ['className', 'class_name', 'text'],
  ['position', 'position', 'text'],
  ['subject', 'subject', 'text'],
  ['importBatchId', 'import_batch_id', 'bigint'],
];

/**
 * Insert a slice of staged people in one statement with one parameter (a JSON array): binding
 * ~20 parameters per row was the slowest part of a 50k-row import.
 */
async function insertPeople(tx: Tx, batchId: number, rows: Clean[]): Promise<number[]> {
  const records = rows.map((r) =>
    Object.fromEntries(
      personColumns.map(([key, column]) => [column, key === 'importBatchId' ? batchId : (r[key] ?? null)]),
    ),
  );
  const names = sql.raw(personColumns.map(([, column]) => column).join(', '));
  const types = sql.raw(personColumns.map(([, column, type]) => `${column} ${type}`).join(', '));
  const { rows: inserted } = await tx.execute<{ id: number }>(
    sql`INSERT INTO person (${names}) SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS t(${types}) RETURNING id`,
  );
  return inserted.map((r) => Number(r.id));
}
