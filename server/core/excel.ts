import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import ExcelJS from './exceljs.ts';

/**
 * Streamed Excel export: rows go to the response as they are read, so a 200k-row list never sits
 * in memory (exceljs' non-streaming API would take ~500 MB for that).
 */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  value(row: T): string | number | null | undefined;
}

export const EXPORT_MAX_ROWS = 200_000;

export async function streamXlsx<T>(
  reply: FastifyReply,
  options: { fileName: string; sheetName: string; columns: ExportColumn<T>[]; pages: AsyncIterable<T[]> },
): Promise<number> {
  const out = new PassThrough();
  const encoded = encodeURIComponent(`${options.fileName}.xlsx`);
  reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encoded}`)
    .header('cache-control', 'no-store');
  reply.send(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const page of options.pages) {
    for (const row of page) {
      sheet.addRow(options.columns.map((c) => c.value(row) ?? null)).commit();
      count++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** Read a list page by page (offset paging over the list's own sort), for export. */
export async function* pagesOf<T>(
  fetchPage: (page: number, pageSize: number) => Promise<T[]>,
  pageSize = 2000,
): AsyncIterable<T[]> {
  for (let page = 1; ; page++) {
    const rows = await fetchPage(page, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
  }
}
