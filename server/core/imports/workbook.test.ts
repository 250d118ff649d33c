import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../exceljs.ts';
import { readRows } from './workbook.ts';

/**
 * Chinese text survives the streaming reader at any size: exceljs alone turns characters whose
 * UTF-8 bytes straddle a 64 KB chunk into U+FFFD (see server/core/exceljs.ts).
 */
describe('readRows', () => {
  it.each([false, true])(
    'reads 30,000 Chinese rows back unchanged (shared strings: %s)',
    async (useSharedStrings) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'edugov-wb-')), 'rows.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings,
        useStyles: false,
      });
      const sheet = writer.addWorksheet('学生');
      sheet.addRow(['姓名', '班级']).commit();
      for (let i = 0; i < 30_000; i++)
        sheet.addRow([`学生欧阳${i}`, `${1 + (i % 6)}年级${1 + (i % 9)}班`]).commit();
      sheet.commit();
      await writer.commit();
      const columns = [
        { key: 'name', header: '姓名', headerEn: 'Name', required: true, example: '' },
        { key: 'className', header: '班级', headerEn: 'Class', example: '' },
      ];
      let n = 0;
      const broken: string[] = [];
      for await (const row of readRows(file, columns, () => {
        throw new Error('bad header');
      })) {
        if (
          row.cells.name !== `学生欧阳${n}` ||
          row.cells.className !== `${1 + (n % 6)}年级${1 + (n % 9)}班`
        ) {
          broken.push(`${row.rowNumber}: ${row.cells.name} ${row.cells.className}`);
        }
        n++;
      }
      expect(n).toBe(30_000);
      expect(broken).toEqual([]);
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  );
});
