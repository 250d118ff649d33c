import { registerErrors } from '../errors.ts';

registerErrors({
  'imports.unknown_kind': { status: 400, zh: '不支持的导入类型', en: 'Unknown import type' },
  'imports.target_required': {
    status: 400,
    zh: '该导入类型需要指定导入到哪一条记录（如哪一场考试）',
    en: 'This import type needs the record to import into (e.g. the exam)',
  },
  'imports.bad_header': {
    status: 400,
    zh: '表头不符合模板，缺少必填列（请下载最新模板）',
    en: 'The header row does not match the template: required columns are missing (download the template)',
  },
  'imports.not_a_workbook': {
    status: 400,
    zh: '文件不是有效的 Excel（.xlsx）文件',
    en: 'The file is not a valid Excel (.xlsx) workbook',
  },
  'imports.too_many_rows': {
    status: 400,
    zh: '单个文件最多 100,000 行',
    en: 'At most 100,000 rows per file',
  },
  'imports.batch_not_found': {
    status: 404,
    zh: '导入批次不存在或不在您的权限范围内',
    en: 'No such import batch in your scope',
  },
  'imports.has_errors': {
    status: 409,
    zh: '该批次仍有错误行，请修正文件后重新上传',
    en: 'This batch still has rows with errors: fix the file and upload it again',
  },
  'imports.wrong_status': {
    status: 409,
    zh: '该批次当前状态不允许此操作',
    en: 'This batch cannot do that in its current state',
  },
  'imports.rollback_blocked': {
    status: 409,
    zh: '该批次导入的数据已被其他记录引用，不能整体撤销',
    en: 'Records created by this batch are referenced by later records: it cannot be rolled back',
  },
});
