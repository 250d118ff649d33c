import { useCallback } from 'react';
import type { TImportBatch } from '../../../../contracts/imports.ts';
import { useLang } from '../../app/i18n.tsx';

/** The import center's strings in both languages, kept beside the screens that use them. */
const text = {
  title: { zh: '导入中心', en: 'Imports' },
  new: { zh: '新建导入', en: 'New import' },
  kind: { zh: '导入类型', en: 'Import type' },
  unit: { zh: '导入单位', en: 'Unit' },
  file: { zh: '文件', en: 'File' },
  chooseFile: { zh: '选择 Excel 文件', en: 'Choose an Excel file' },
  fileHint: {
    zh: '请使用模板填写，第一行为表头；仅支持 .xlsx',
    en: 'Fill in the template, keeping its header row; .xlsx only',
  },
  template: { zh: '下载模板', en: 'Download the template' },
  upload: { zh: '上传并校验', en: 'Upload and validate' },
  validating: { zh: '正在校验文件…', en: 'Validating the file…' },
  viewBatch: { zh: '查看批次', en: 'View the batch' },
  rows: { zh: '总行数', en: 'Rows' },
  validRows: { zh: '有效行', en: 'Valid' },
  errorRows: { zh: '错误行', en: 'Errors' },
  committedRows: { zh: '已导入', en: 'Committed' },
  createdAt: { zh: '上传时间', en: 'Uploaded' },
  committedAt: { zh: '导入时间', en: 'Committed at' },
  rolledBackAt: { zh: '撤销时间', en: 'Rolled back at' },
  batch: { zh: '导入批次 #{id}', en: 'Import batch #{id}' },
  commit: { zh: '确认导入', en: 'Commit' },
  commitHint: {
    zh: '校验通过，确认后写入 {n} 行数据。',
    en: 'Validation passed: committing writes {n} rows.',
  },
  hasErrors: {
    zh: '有 {n} 行存在错误，请修改文件后重新上传；存在错误的批次不能导入。',
    en: '{n} rows have errors: fix the file and upload it again; a batch with errors cannot be committed.',
  },
  committed: { zh: '已导入 {n} 行', en: '{n} rows committed' },
  rollback: { zh: '撤销导入', en: 'Roll back' },
  rollbackConfirm: {
    zh: '确定撤销该批次？本批次写入的 {n} 条数据将被删除。',
    en: 'Roll this batch back? The {n} records it wrote will be removed.',
  },
  rolledBack: { zh: '已撤销该批次', en: 'The batch was rolled back' },
  onlyErrors: { zh: '只看错误行', en: 'Errors only' },
  rowNumber: { zh: '行号', en: 'Row' },
  errors: { zh: '错误', en: 'Errors' },
  noErrors: { zh: '无错误', en: 'No errors' },
  stagedRows: { zh: '暂存数据', en: 'Staged rows' },
  'status.uploaded': { zh: '已上传', en: 'Uploaded' },
  'status.validating': { zh: '校验中', en: 'Validating' },
  'status.validated': { zh: '已校验', en: 'Validated' },
  'status.committing': { zh: '提交中', en: 'Committing' },
  'status.committed': { zh: '已导入', en: 'Committed' },
  'status.rolledBack': { zh: '已撤销', en: 'Rolled back' },
  'status.failed': { zh: '失败', en: 'Failed' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ImportTextKey = keyof typeof text;

/** `t('hasErrors', { n: 3 })`, like the app's `useT` but over this module's strings. */
export function useImportText() {
  const { lang } = useLang();
  return useCallback(
    (key: ImportTextKey, vars?: Record<string, string | number>) => {
      let out: string = text[key][lang];
      if (vars)
        for (const [name, value] of Object.entries(vars)) out = out.replace(`{${name}}`, String(value));
      return out;
    },
    [lang],
  );
}

export const statusColors: Record<TImportBatch['status'], string | undefined> = {
  uploaded: 'default',
  validating: 'processing',
  validated: 'blue',
  committing: 'processing',
  committed: 'green',
  rolledBack: 'default',
  failed: 'red',
};

/** Statuses during which a job works on the batch, so its counts are still moving. */
export const busyStatuses: ReadonlySet<TImportBatch['status']> = new Set([
  'uploaded',
  'validating',
  'committing',
]);
