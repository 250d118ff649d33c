import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../core/exceljs.ts';
import '../index.ts';
import type { Db } from '../../core/db/index.ts';
import { commitImport, createImportBatch, rollbackImport, stageImport } from '../../core/imports/pipeline.ts';
import { importRow } from '../../core/imports/schema.ts';
import { authenticateAs } from '../../test/actors.ts';
import { testDatabase } from '../../test/db.ts';
import { buildWorld, makeIdNumber, type World } from '../../test/world.ts';

/** The staged pipeline on real workbooks: nothing written before commit, no bad row ever, exact rollback. */
let db: Db;
let close: () => Promise<void>;
let world: World;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-import-'));

beforeAll(async () => {
  ({ db, close } = await testDatabase());
  world = await buildWorld(db);
});
afterAll(async () => {
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function workbook(name: string, header: string[], rows: (string | number)[][]): Promise<string> {
  const file = path.join(dir, name);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('导入');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

const staffHeader = ['姓名', '性别', '身份证号', '单位代码', '手机号', '岗位', '学科'];
const count = async () =>
  Number((await db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM person`)).rows[0]!.n);

describe('staged staff import', () => {
  it('stages a sheet with mixed rows, writes no person, and refuses to commit while errors remain', async () => {
    const admin = await authenticateAs(db, 'principala1');
    const before = await count();
    const good = makeIdNumber('19850301');
    const file = await workbook('mixed.xlsx', staffHeader, [
      ['赵老师', '女', good, 'SA1', '13900001111', '教师', '数学'],
      ['钱老师', '男', '110108198503011230', 'SA1', '', '教师', ''], // bad check digit
      ['孙老师', '男', makeIdNumber('19800101'), 'SB1', '', '教师', ''], // another zone's school
      ['', '女', makeIdNumber('19800102'), 'SA1', '', '院长', ''], // no name, bad position
      ['李老师', '女', good, 'SA1', '', '教师', ''], // duplicate in file
    ]);
    const batch = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'staff', orgId: world.units.schoolA1, fileName: 'mixed.xlsx' }),
    );
    const counts = await stageImport(db, admin, batch.id, file);
    expect(counts).toEqual({ totalRows: 5, validRows: 1, errorRows: 4 });
    expect(await count()).toBe(before);
    const rows = await db.select().from(importRow).where(eq(importRow.batchId, batch.id));
    const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
    expect((byRow.get(3)!.errors as { code: string }[]).map((e) => e.code)).toContain(
      'people.id_number_invalid',
    );
    expect((byRow.get(4)!.errors as { code: string }[]).map((e) => e.code)).toContain('auth.forbidden');
    expect((byRow.get(5)!.errors as { code: string }[]).map((e) => e.code)).toEqual(
      expect.arrayContaining(['required', 'invalid']),
    );
    expect((byRow.get(6)!.errors as { code: string; zh: string }[])[0]!.zh).toContain('第2行');
    // Personal data is never staged in plain text.
    expect(JSON.stringify(rows)).not.toContain(good);
    await expect(db.transaction((tx) => commitImport(tx, admin, batch.id))).rejects.toMatchObject({
      code: 'imports.has_errors',
    });
    expect(await count()).toBe(before);
  });

  it('commits a fixed file in one transaction and rolls back exactly that batch', async () => {
    const admin = await authenticateAs(db, 'principala1');
    const before = await count();
    const rows = Array.from({ length: 30 }, (_, i) => [
      `新教师${i}`,
      i % 2 ? '男' : '女',
      makeIdNumber('19900101'),
      'SA1',
      '',
      '教师',
      '语文',
    ]);
    const file = await workbook('fixed.xlsx', staffHeader, rows);
    const batch = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'staff', orgId: world.units.schoolA1, fileName: 'fixed.xlsx' }),
    );
    expect(await stageImport(db, admin, batch.id, file)).toEqual({
      totalRows: 30,
      validRows: 30,
      errorRows: 0,
    });
    await db.transaction((tx) => commitImport(tx, admin, batch.id));
    expect(await count()).toBe(before + 30);
    const created = (
      await db.execute<{ masked: string }>(
        sql`SELECT id_number_masked AS masked FROM person WHERE import_batch_id = ${batch.id}`,
      )
    ).rows;
    expect(created).toHaveLength(30);
    expect(created[0]!.masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    await expect(db.transaction((tx) => commitImport(tx, admin, batch.id))).rejects.toMatchObject({
      code: 'imports.wrong_status',
    });
    await db.transaction((tx) => rollbackImport(tx, admin, batch.id));
    expect(await count()).toBe(before);
  });

  it('refuses a workbook whose header lacks required columns, and a file that is not a workbook', async () => {
    const admin = await authenticateAs(db, 'principala1');
    const file = await workbook('header.xlsx', ['姓名', '性别'], [['张三', '男']]);
    const batch = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'staff', orgId: world.units.schoolA1, fileName: 'h.xlsx' }),
    );
    await expect(stageImport(db, admin, batch.id, file)).rejects.toMatchObject({
      code: 'imports.bad_header',
    });
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a zip');
    const batch2 = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'staff', orgId: world.units.schoolA1, fileName: 'junk.xlsx' }),
    );
    await expect(stageImport(db, admin, batch2.id, junk)).rejects.toMatchObject({
      code: 'imports.not_a_workbook',
    });
  });
});

describe('org-unit import', () => {
  it('imports a zone and schools under it from one file, and rollback is refused once people hang off them', async () => {
    const admin = await authenticateAs(db, 'admin');
    const file = await workbook(
      'units.xlsx',
      [
        '机构代码',
        '机构名称',
        '类型',
        '上级机构代码',
        '学段',
        '办学性质',
        '普惠',
        '地址',
        '学位容量',
        '电话',
      ],
      [
        ['ZC', '新学区', '学区', '110108', '', '', '', '', '', ''],
        ['SC1', '新学区第一小学', '学校', 'ZC', '小学', '公办', '', '', '1200', ''],
        ['SC2', '新学区幼儿园', '幼儿园', 'ZC', '', '公办', '是', '', '300', ''],
        ['SC3', '挂错的学校', '学校', 'D1', '小学', '公办', '', '', '', ''],
      ],
    );
    const batch = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'orgUnits', orgId: world.districtId, fileName: 'units.xlsx' }),
    );
    expect(await stageImport(db, admin, batch.id, file)).toEqual({
      totalRows: 4,
      validRows: 3,
      errorRows: 1,
    });
    const fixed = await workbook(
      'units2.xlsx',
      ['机构代码', '机构名称', '类型', '上级机构代码', '学段', '办学性质'],
      [
        ['ZC', '新学区', '学区', '110108', '', ''],
        ['SC1', '新学区第一小学', '学校', 'ZC', '小学', '公办'],
      ],
    );
    const batch2 = await db.transaction((tx) =>
      createImportBatch(tx, admin, { kind: 'orgUnits', orgId: world.districtId, fileName: 'units2.xlsx' }),
    );
    expect(await stageImport(db, admin, batch2.id, fixed)).toMatchObject({ validRows: 2, errorRows: 0 });
    await db.transaction((tx) => commitImport(tx, admin, batch2.id));
    const [school] = (await db.execute<{ id: number }>(sql`SELECT id FROM org_unit WHERE code = 'SC1'`)).rows;
    await db.execute(
      sql`INSERT INTO person (district_id, org_id, kind, name) VALUES (${world.districtId}, ${school!.id}, 'student', '新生')`,
    );
    await expect(db.transaction((tx) => rollbackImport(tx, admin, batch2.id))).rejects.toMatchObject({
      code: 'imports.rollback_blocked',
    });
    await db.execute(sql`DELETE FROM person WHERE org_id = ${school!.id}`);
    await db.transaction((tx) => rollbackImport(tx, admin, batch2.id));
    expect((await db.execute(sql`SELECT 1 FROM org_unit WHERE code IN ('ZC', 'SC1')`)).rows).toHaveLength(0);
  });
});
