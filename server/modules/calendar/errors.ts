import { registerErrors } from '../../core/errors.ts';

/** The calendar module's coded errors (registered once, when the module is loaded). */
registerErrors({
  'calendar.not_covered': {
    status: 422,
    zh: '期限计算涉及的年份尚未录入工作日历（节假日安排），请系统管理员先按国务院办公厅通知录入该年',
    en: 'The deadline reaches a year the working-day calendar has no data for: an administrator must enter that year from the State Council notice first',
  },
  'calendar.day_outside_year': {
    status: 400,
    zh: '日期不在所编辑的年份内',
    en: 'A date lies outside the year being edited',
  },
  'calendar.duplicate_day': { status: 400, zh: '同一日期出现了两次', en: 'A date is listed twice' },
  'calendar.workday_not_weekend': {
    status: 400,
    zh: '调休上班日必须是周六或周日',
    en: 'An adjusted working day must be a Saturday or Sunday',
  },
  'calendar.invalid_clock': {
    status: 400,
    zh: '期限计算参数不正确',
    en: 'The deadline request is not valid',
  },
});
