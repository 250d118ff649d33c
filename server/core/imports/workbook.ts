import type { Readable, Writable } from 'node:stream';
import ExcelJS, { type CellValue } from '../exceljs.ts';
import type { ImportColumn, RawRow } from './kinds.ts';

/**
 * Excel in and out for imports: the template a user downloads (headers, an example row, an
 * instructions sheet) and a streaming reader that yields rows keyed by column (≈50k rows stream in
 * about a second without holding the workbook in memory).
 */
export async function writeTemplate(out: Writable, title: string, columns: ImportColumn[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, c.header.length * 2 + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.example]))).commit();
  sheet.commit();
  const help = workbook.addWorksheet('填写说明 Instructions');
  help.columns = [
    { header: '列 Column', key: 'header', width: 18 },
    { header: 'Column', key: 'en', width: 22 },
    { header: '必填 Required', key: 'required', width: 12 },
    { header: '说明 Notes', key: 'hint', width: 70 },
  ];
  for (const c of columns) {
    help
      .addRow({ header: c.header, en: c.headerEn, required: c.required ? '是 yes' : '', hint: c.hint ?? '' })
      .commit();
  }
  help
    .addRow({
      header: '',
      hint: '第一行为表头，请勿修改；示例行可删除或覆盖。 Keep the header row; replace the example row.',
    })
    .commit();
  help.commit();
  await workbook.commit();
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as CellValue);
    return '';
  }
  return String(value).trim();
}

export interface ParsedRow {
  rowNumber: number;
  cells: RawRow;
}

/**
 * Read the first worksheet: the header row maps column positions to keys (by Chinese or English
 * header); rows that are entirely empty are skipped. Throws a coded `imports.bad_header` through
 * `onBadHeader` when a required column is missing.
 */
export async function* readRows(
  input: Readable | string,
  columns: ImportColumn[],
  onBadHeader: (missing: string[]) => never,
): AsyncGenerator<ParsedRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    let positions: Map<number, string> | undefined;
    for await (const row of sheet) {
      const values = row.values as CellValue[];
      if (!positions) {
        positions = new Map();
        for (let i = 1; i < values.length; i++) {
          const header = cellText(values[i]);
          const column = columns.find(
            (c) => c.header === header || c.headerEn.toLowerCase() === header.toLowerCase(),
          );
          if (column) positions.set(i, column.key);
        }
        const present = new Set(positions.values());
        const missing = columns.filter((c) => c.required && !present.has(c.key)).map((c) => c.header);
        if (missing.length > 0) onBadHeader(missing);
        continue;
      }
      const cells: RawRow = {};
      let empty = true;
      for (const [i, key] of positions) {
        const text = cellText(values[i]);
        cells[key] = text;
        if (text) empty = false;
      }
      if (!empty) yield { rowNumber: row.number, cells };
    }
    return; // only the first worksheet is data
  }
}
