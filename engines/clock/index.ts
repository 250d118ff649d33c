/**
 * The legal-clock engine (期限计算): a working-day calendar value and `dueDate`, pure and
 * deterministic, shared by the server, the web and the CLI. The bundled official calendar is in
 * `./bundled.ts` (imported separately, so the browser does not download it unless it asks).
 */
export {
  type Calendar,
  type CalendarData,
  type CalendarDayEntry,
  CalendarNotCoveredError,
  classifyDay,
  createCalendar,
  type DayKind,
  type DayStatus,
  holidayNameEn,
  weekdayName,
} from './calendar.ts';
export {
  type ClockExtension,
  type ClockPause,
  type ClockRule,
  type ClockStep,
  type DueDateInput,
  type DueDateResult,
  dueDate,
  type StepKind,
} from './due-date.ts';
export {
  dayNumberOf,
  formatInstant,
  InvalidClockInputError,
  isoDateOf,
  parseInstant,
  yearOf,
} from './time.ts';
