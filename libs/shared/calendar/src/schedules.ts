import { DEFAULT_OFFICE_PERIODS, LegalClock, WorkingCalendar } from './legal-clock';

/**
 * Published schedules of days off and make-up working days (DOMAIN.md §4). Data, editable later
 * through the intake admin API; these are the built-in defaults.
 */
export interface YearSchedule {
  year: number;
  /** Weekdays not worked (holidays and substitute days). */
  daysOff: string[];
  /** Saturdays or Sundays worked. */
  extraWorkingDays: string[];
}

function range(from: string, to: string): string[] {
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
      ...range('2025-01-25', '2025-02-02'),
      '2025-04-07',
      ...range('2025-04-30', '2025-05-04'),
      ...range('2025-08-30', '2025-09-02'),
    ],
    extraWorkingDays: ['2025-04-26'],
  },
  {
    year: 2026,
    daysOff: [
      ...range('2026-01-01', '2026-01-04'),
      ...range('2026-02-14', '2026-02-22'),
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ],
    extraWorkingDays: ['2026-01-10'],
  },
];

export function calendarFrom(schedules: readonly YearSchedule[], officePeriods = DEFAULT_OFFICE_PERIODS): WorkingCalendar {
  return {
    officePeriods,
    daysOff: new Set(schedules.flatMap((s) => s.daysOff)),
    extraWorkingDays: new Set(schedules.flatMap((s) => s.extraWorkingDays)),
  };
}

/** The clock with the built-in national schedules and typical office hours. */
export function defaultLegalClock(): LegalClock {
  return new LegalClock(calendarFrom(BUILT_IN_SCHEDULES));
}
