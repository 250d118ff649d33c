import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { systemActor } from '../server/core/access/index.ts';
import { ensureDistrict } from '../server/core/bootstrap.ts';
import { readConfig } from '../server/core/config.ts';
import { idNumberCheckDigit } from '../server/core/crypto/pii.ts';
import ExcelJS from '../server/core/exceljs.ts';
import { commitImport, createImportBatch, stageImport } from '../server/core/imports/pipeline.ts';
import { openPlatform } from '../server/core/platform.ts';
import '../server/modules/index.ts';

/**
 * Import of 50,000 student rows: validate (stage) and commit, on a fresh embedded database.
 * Goal (issue 3): under 10 s and 300 MB. Prints one JSON line per case.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function writeSheet(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: false,
  });
  const sheet = wb.addWorksheet('学生');
  sheet.addRow(['姓名', '性别', '身份证号', '单位代码', '学籍号', '年级', '班级', '住址']).commit();
  for (let i = 0; i < ROWS; i++) {
    // A distinct birth date per thousand rows and a distinct sequence within it: every ID is unique.
    const birth = new Date(Date.UTC(2012, 0, 1 + Math.floor(i / 1000)))
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
    const first17 = `110108${birth}${String(i % 1000).padStart(3, '0')}`;
    const id = first17 + idNumberCheckDigit(first17);
    sheet
      .addRow([
        `学生${i}`,
        i % 2 ? '男' : '女',
        id,
        `B${i % 20}`,
        `G${id}`,
        1 + (i % 6),
        `${1 + (i % 6)}年级${1 + (i % 8)}班`,
        `北京市海淀区学院路${i % 300}号`,
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-bench-import-'));
  const platform = await openPlatform(readConfig({ ...process.env, DATA_DIR: tmp, DATABASE_URL: '' }), {
    role: 'cli',
    join: false,
  });
  try {
    const { db } = platform;
    const district = await ensureDistrict(db, { code: '110108', name: '北京市海淀区教育委员会' });
    for (let i = 0; i < 20; i++) {
      await db.execute(sql`WITH u AS (
        INSERT INTO org_unit (district_id, code, kind, name, stage, ownership) VALUES (${district.id}, ${`B${i}`}, 'school', ${`测试小学${i}`}, 'primary', 'public') RETURNING id)
        INSERT INTO org_link (district_id, unit_id, parent_id, valid_from) SELECT ${district.id}, id, ${district.id}, '2000-01-01' FROM u`);
    }
    const file = path.join(tmp, 'students.xlsx');
    // The workbook is written by a child process, so this process's peak memory is the import's own.
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), 'write', file], {
      stdio: 'inherit',
    });
    const actor = {
      ...systemActor('bench'),
      districtId: district.id,
      grants: [{ role: 'sysAdmin', orgId: district.id }],
    };
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const batch = await db.transaction((tx) =>
      createImportBatch(tx, actor, { kind: 'student', orgId: district.id, fileName: 'students.xlsx' }),
    );
    const counts = await stageImport(db, actor, batch.id, file);
    const t1 = performance.now();
    if (counts.errorRows > 0) {
      const sample = await db.execute(
        sql`SELECT row_number, errors FROM import_row WHERE batch_id = ${batch.id} AND errors <> '[]'::jsonb LIMIT 3`,
      );
      throw new Error(`generated rows failed validation: ${JSON.stringify(sample.rows)}`);
    }
    await db.transaction((tx) => commitImport(tx, actor, batch.id));
    const t2 = performance.now();
    print({
      case: 'import.students',
      rows: counts.totalRows,
      errorRows: counts.errorRows,
      validateSeconds: Math.round((t1 - t0) / 100) / 10,
      commitSeconds: Math.round((t2 - t1) / 100) / 10,
      totalSeconds: Math.round((t2 - t0) / 100) / 10,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      rssBeforeMB: Math.round(rssBefore / 1024 / 1024),
    });
  } finally {
    await platform.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'write') await writeSheet(process.argv[3]!);
else await main();
