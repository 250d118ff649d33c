import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSModule from 'exceljs';

/**
 * exceljs, with its XML reader fixed. exceljs 4.4 decodes each stream chunk of a workbook part on
 * its own (`utils/parse-sax.js`), so a Chinese character whose UTF-8 bytes straddle two chunks
 * turns into U+FFFD: "学生3715" was read back as "学���3715" in a 50k-row test. That silently
 * corrupts imported names. Here the parser gets a StringDecoder that carries partial characters
 * over to the next chunk. Every reader of Excel files in EduGov imports exceljs from this module
 * (a lint rule forbids importing 'exceljs' elsewhere), which installs the fix before exceljs loads.
 */
const require = createRequire(import.meta.url);
const { SaxesParser } = require('saxes') as typeof import('saxes');

async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
  let source = iterable;
  if (typeof source.pipe === 'function' && !(Symbol.asyncIterator in source)) {
    source = (source as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as typeof source;
  }
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: Error | undefined;
  let events: { eventType: string; value: unknown }[] = [];
  parser.on('error', (e) => {
    error = e;
  });
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of source) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  if (error) throw error;
  yield events;
}

const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
if (require.cache[parseSaxPath] && require.cache[parseSaxPath]!.exports !== parseSax) {
  // Some module loaded exceljs before this one: the fix would not reach its readers.
  throw new Error(
    "exceljs was loaded before server/core/exceljs.ts: import ExcelJS from there, not from 'exceljs'",
  );
}
require.cache[parseSaxPath] = {
  id: parseSaxPath,
  filename: parseSaxPath,
  loaded: true,
  exports: parseSax,
} as unknown as NodeJS.Module;

const ExcelJS = require('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
export type { CellValue } from 'exceljs';
