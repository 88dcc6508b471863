import { DEFAULT_OFFICE_HOURS, LegalClock, OfficeHours, OfficePeriod, WorkingCalendar, assertOfficePeriods } from './legal-clock';

/**
 * Published schedules of days off and make-up working days (DOMAIN.md §4). Data, editable through the
 * intake admin API (stored in intake's database); these are the built-in defaults.
 */
export interface YearSchedule {
  year: number;
  /** Dates not worked (holidays and substitute days; weekend dates inside a holiday span are harmless). */
  daysOff: string[];
  /** Saturdays or Sundays worked (làm bù). */
  extraWorkingDays: string[];
}

/** Every local date from `from` to `to`, both included (`YYYY-MM-DD`). */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export const BUILT_IN_SCHEDULES: readonly YearSchedule[] = [
  {
    year: 2025,
    daysOff: [
      '2025-01-01',
      ...dateRange('2025-01-25', '2025-02-02'),
      '2025-04-07',
      ...dateRange('2025-04-30', '2025-05-04'),
      ...dateRange('2025-08-30', '2025-09-02'),
    ],
    extraWorkingDays: ['2025-04-26'],
  },
  {
    year: 2026,
    daysOff: [
      ...dateRange('2026-01-01', '2026-01-04'),
      ...dateRange('2026-02-14', '2026-02-22'),
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ],
    extraWorkingDays: ['2026-01-10'],
  },
];

/** A problem of a schedule, with the field and rule it broke and a Vietnamese explanation. */
export interface ScheduleProblem {
  field: string;
  rule: string;
  message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (d: string) => ISO_DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * Checks a year's schedule: a year between 1900 and 9999, real `YYYY-MM-DD` dates of that year, no
 * duplicates, and no date both off and worked. Returns every problem at once (empty: valid).
 */
export function validateYearSchedule(schedule: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const { year } = schedule;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    problems.push({ field: 'year', rule: 'range', message: 'Năm phải là số nguyên từ 1900 đến 9999' });
    return problems;
  }
  for (const key of ['daysOff', 'extraWorkingDays'] as const) {
    const list = schedule[key];
    if (!Array.isArray(list)) {
      problems.push({ field: key, rule: 'isArray', message: `${key} phải là danh sách ngày` });
      continue;
    }
    const seen = new Set<string>();
    list.forEach((d, i) => {
      const field = `${key}[${i}]`;
      if (typeof d !== 'string' || !isRealDate(d)) {
        problems.push({ field, rule: 'isDate', message: `${field} phải là ngày hợp lệ dạng YYYY-MM-DD` });
      } else if (Number(d.slice(0, 4)) !== year) {
        problems.push({ field, rule: 'sameYear', message: `Ngày ${d} không thuộc năm ${year}` });
      } else if (seen.has(d)) {
        problems.push({ field, rule: 'unique', message: `Ngày ${d} bị lặp lại` });
      }
      if (typeof d === 'string') seen.add(d);
    });
  }
  if (Array.isArray(schedule.daysOff) && Array.isArray(schedule.extraWorkingDays)) {
    const off = new Set(schedule.daysOff);
    schedule.extraWorkingDays.forEach((d, i) => {
      if (off.has(d)) {
        problems.push({
          field: `extraWorkingDays[${i}]`,
          rule: 'notAlsoDayOff',
          message: `Ngày ${d} không thể vừa là ngày nghỉ vừa là ngày làm việc`,
        });
      }
    });
  }
  return problems;
}

/**
 * The working calendar of the given year schedules and office hours (a list of periods, kept for the
 * older call form, or full `OfficeHours`). Years without a schedule count Monday–Friday.
 */
export function calendarFrom(
  schedules: readonly YearSchedule[],
  officeHours: OfficeHours | readonly OfficePeriod[] = DEFAULT_OFFICE_HOURS,
): WorkingCalendar {
  const hours: OfficeHours = Array.isArray(officeHours) ? { periods: officeHours } : (officeHours as OfficeHours);
  assertOfficePeriods(hours.periods);
  if (hours.makeUpDayPeriods) assertOfficePeriods(hours.makeUpDayPeriods);
  return {
    officePeriods: hours.periods,
    makeUpDayPeriods: hours.makeUpDayPeriods,
    withinDayCutoff: hours.withinDayCutoff,
    daysOff: new Set(schedules.flatMap((s) => s.daysOff)),
    extraWorkingDays: new Set(schedules.flatMap((s) => s.extraWorkingDays)),
    scheduledYears: new Set(schedules.map((s) => s.year)),
  };
}

/** A clock of the given schedules and office hours. */
export function legalClockFrom(schedules: readonly YearSchedule[], officeHours?: OfficeHours | readonly OfficePeriod[]): LegalClock {
  return new LegalClock(calendarFrom(schedules, officeHours));
}

/** The clock with the built-in national schedules (2025, 2026) and typical office hours. */
export function defaultLegalClock(): LegalClock {
  return new LegalClock(calendarFrom(BUILT_IN_SCHEDULES));
}
