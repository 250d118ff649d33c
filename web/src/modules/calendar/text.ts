import { useCallback } from 'react';
import { useLang } from '../../app/i18n.tsx';

/** The calendar screens' strings, in both languages (kept with the module). */
const text = {
  title: { zh: '工作日历', en: 'Working-day calendar' },
  year: { zh: '年度', en: 'Year' },
  notCovered: {
    zh: '该年度尚未录入节假日安排，期限计算将拒绝计算到该年。',
    en: 'This year has not been entered: deadlines reaching it are refused.',
  },
  source: { zh: '来源', en: 'Source' },
  sourceBundled: { zh: '国务院通知（内置数据）', en: 'State Council notice (bundled data)' },
  sourceAdmin: { zh: '管理员录入', en: 'Entered by an administrator' },
  notice: { zh: '通知文号', en: 'Notice' },
  holiday: { zh: '放假', en: 'Holiday' },
  workday: { zh: '调休上班', en: 'Adjusted workday' },
  weekend: { zh: '周末', en: 'Weekend' },
  statutory: { zh: '法定假日', en: 'Statutory' },
  editYear: { zh: '编辑本年度', en: 'Edit this year' },
  addYear: { zh: '录入新年度', en: 'Enter a new year' },
  date: { zh: '日期', en: 'Date' },
  kind: { zh: '类型', en: 'Kind' },
  name: { zh: '节日', en: 'Holiday' },
  addDay: { zh: '添加日期', en: 'Add a day' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  saved: { zh: '已保存', en: 'Saved' },
  calculator: { zh: '期限计算', en: 'Deadline calculator' },
  from: { zh: '起算时间', en: 'Start' },
  rule: { zh: '期限', en: 'Period' },
  days: { zh: '日（自然日）', en: 'natural days' },
  workingDays: { zh: '个工作日', en: 'working days' },
  hours: { zh: '小时', en: 'hours' },
  compute: { zh: '计算', en: 'Compute' },
  due: { zh: '期限届满', en: 'Due' },
  hoverHint: { zh: '悬停查看计算过程', en: 'Hover to see how it was counted' },
} as const;

export function useCalendarText() {
  const { lang } = useLang();
  return useCallback((key: keyof typeof text) => text[key][lang], [lang]);
}
