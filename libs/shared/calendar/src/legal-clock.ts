/**
 * The legal clock (DOMAIN.md §4): working time in Asia/Ho_Chi_Minh (UTC+7, no DST).
 * 1 working day = the office time of a working day (8 working hours with the typical office hours);
 * counting starts at receipt when inside office hours, otherwise at the start of the next office
 * period; the due instant is where the working time runs out. Which dates are working days is data
 * (a per-year schedule, see `schedules.ts`), not code.
 */

const TZ_OFFSET_MS = 7 * 3600_000;
const MINUTE = 60_000;
const DAY_MS = 86_400_000;
/** Bound of the day-by-day scans (≈ 55 years): a calendar without working days must not loop forever. */
const MAX_SCAN_DAYS = 20_000;

/** An office period in minutes after local midnight, e.g. [420, 690] = 07:00–11:30. */
export type OfficePeriod = readonly [start: number, end: number];

export const PROCESSING_TIME_UNITS = ['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'WITHIN_DAY'] as const;
/**
 * How a procedure's processing time is counted:
 * - `WORKING_DAYS`, `WORKING_HOURS`: working time of office hours (fractions allowed: 0.5 day = 4 hours);
 * - `CALENDAR_DAYS`: due at the close of office on the last day, moved to the next working day when that
 *   day is not one;
 * - `WITHIN_DAY` ("giải quyết trong ngày"): due at the end of that working day, or of the next one when
 *   received after the cut-off (15:00 by default); the value is ignored (conventionally 1).
 */
export type ProcessingTimeUnit = (typeof PROCESSING_TIME_UNITS)[number];

export interface ProcessingTime {
  value: number;
  unit: ProcessingTimeUnit;
}

/** Office hours of a province or agency. */
export interface OfficeHours {
  /** Office periods of a working day, e.g. 07:00–11:30 and 13:30–17:00. */
  periods: readonly OfficePeriod[];
  /** Office periods of make-up working Saturdays/Sundays (làm bù); default: the same as `periods`. */
  makeUpDayPeriods?: readonly OfficePeriod[];
  /** "Within the day" cut-off in minutes after midnight (default 15:00): received after it, due the next working day. */
  withinDayCutoff?: number;
}

export interface WorkingCalendar {
  /** Office periods of a working day (default 07:00–11:30 and 13:30–17:00). */
  officePeriods: readonly OfficePeriod[];
  /** Office periods of make-up working days (default: `officePeriods`). */
  makeUpDayPeriods?: readonly OfficePeriod[];
  /** "Within the day" cut-off, minutes after local midnight (default 15:00). */
  withinDayCutoff?: number;
  /** Weekdays that are not worked (holidays, substitute days off), as local `YYYY-MM-DD`. */
  daysOff: ReadonlySet<string>;
  /** Weekend days that are worked (make-up Saturdays, làm bù), as local `YYYY-MM-DD`. */
  extraWorkingDays: ReadonlySet<string>;
  /**
   * Years whose official schedule is known. Other years count Monday–Friday as working days (no
   * holidays); `unscheduledYears()` tells callers when an answer relied on that fallback.
   * Undefined: not tracked (every year is taken as known).
   */
  scheduledYears?: ReadonlySet<number>;
}

export const DEFAULT_OFFICE_PERIODS: readonly OfficePeriod[] = [
  [7 * 60, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];
export const DEFAULT_WITHIN_DAY_CUTOFF = 15 * 60;
export const DEFAULT_OFFICE_HOURS: OfficeHours = { periods: DEFAULT_OFFICE_PERIODS, withinDayCutoff: DEFAULT_WITHIN_DAY_CUTOFF };

/** `HH:mm` → minutes after midnight (`24:00` allowed as the end of the day). */
export function hm(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m || Number(m[2]) > 59 || Number(m[1]) * 60 + Number(m[2]) > 24 * 60) throw new Error(`Not a HH:mm time: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes after midnight → `HH:mm`. */
export function formatHm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Parses office periods written `07:00-11:30,13:30-17:00`: each period starts before it ends, periods
 * are in order and do not overlap. Throws an Error naming the problem.
 */
export function parseOfficePeriods(text: string): OfficePeriod[] {
  const periods = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p): OfficePeriod => {
      const [a, b, ...rest] = p.split('-').map((s) => s.trim());
      if (!a || !b || rest.length) throw new Error(`Not an office period HH:mm-HH:mm: ${p}`);
      return [hm(a), hm(b)];
    });
  assertOfficePeriods(periods);
  return periods;
}

export function assertOfficePeriods(periods: readonly OfficePeriod[]): void {
  if (!periods.length) throw new Error('Office hours need at least one period');
  periods.forEach(([s, e], i) => {
    if (!(Number.isFinite(s) && Number.isFinite(e) && s >= 0 && e <= 24 * 60 && s < e)) {
      throw new Error(`Office period ${formatHm(s)}-${formatHm(e)} must start before it ends, within the day`);
    }
    if (i > 0 && s < periods[i - 1][1]) throw new Error(`Office periods must be in order and not overlap (${formatHm(s)})`);
  });
}

/** Local calendar date (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** Local year of an instant. */
export function localYear(instant: Date): number {
  return new Date(instant.getTime() + TZ_OFFSET_MS).getUTCFullYear();
}

/** Minutes after local midnight of an instant (fractional when the instant has seconds). */
export function localMinutes(instant: Date): number {
  const ms = (((instant.getTime() + TZ_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ms / MINUTE;
}

/** The instant of local midnight starting the given local date. */
export function localMidnight(date: string): Date {
  return new Date(midnightOf(date));
}

function midnightOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - TZ_OFFSET_MS;
}

/** The local date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** Formats an instant as ISO 8601 with the +07:00 offset (seconds precision). */
export function toLocalIso(instant: Date): string {
  return new Date(instant.getTime() + TZ_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

const sorted = (periods: readonly OfficePeriod[]) => [...periods].sort((a, b) => a[0] - b[0]);
const NO_PERIODS: readonly OfficePeriod[] = [];

// Internally dates are local day numbers (days since 1970-01-01), far cheaper than date strings.
const dayOfInstant = (t: number) => Math.floor((t + TZ_OFFSET_MS) / DAY_MS);
const dayOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const midnightOfDay = (day: number) => day * DAY_MS - TZ_OFFSET_MS;
const minutesInDay = (t: number, day: number) => (t - midnightOfDay(day)) / MINUTE;

export class LegalClock {
  private readonly periods: readonly OfficePeriod[];
  private readonly makeUpPeriods: readonly OfficePeriod[];
  private readonly off: ReadonlySet<number>;
  private readonly worked: ReadonlySet<number>;
  /** Working minutes of one working day (480 with the typical office hours). */
  readonly minutesPerDay: number;
  /** "Within the day" cut-off, minutes after local midnight. */
  readonly withinDayCutoff: number;

  constructor(private readonly calendar: WorkingCalendar) {
    this.periods = sorted(calendar.officePeriods);
    this.makeUpPeriods = sorted(calendar.makeUpDayPeriods ?? calendar.officePeriods);
    this.minutesPerDay = this.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
    if (this.minutesPerDay <= 0) throw new Error('A working day needs at least one office period');
    this.withinDayCutoff = calendar.withinDayCutoff ?? DEFAULT_WITHIN_DAY_CUTOFF;
    this.off = new Set([...calendar.daysOff].map(dayOfDate));
    this.worked = new Set([...calendar.extraWorkingDays].map(dayOfDate));
  }

  /** Office periods of a local day number: none on a day off, the make-up periods on a worked weekend day. */
  private periodsOfDay(day: number): readonly OfficePeriod[] {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const weekend = weekday === 0 || weekday === 6;
    if (this.worked.has(day)) return weekend ? this.makeUpPeriods : this.periods;
    return weekend || this.off.has(day) ? NO_PERIODS : this.periods;
  }

  isWorkingDay(date: string): boolean {
    return this.periodsOfDay(dayOfDate(date)).length > 0;
  }

  /** Office periods of a local date: none on a day off, the make-up periods on a worked weekend day. */
  officePeriodsOf(date: string): readonly OfficePeriod[] {
    return this.periodsOfDay(dayOfDate(date));
  }

  /** The working date itself, or the first working date after it. */
  nextWorkingDate(date: string, inclusive = true): string {
    let day = dayOfDate(date) + (inclusive ? 0 : 1);
    for (let guard = 0; guard < MAX_SCAN_DAYS; guard++, day++) if (this.periodsOfDay(day).length) return dateOfDay(day);
    throw new Error('No working day found (calendar without working days?)');
  }

  /** Close of office (end of the last office period) of a working date. */
  closeOfOffice(date: string): Date {
    const day = dayOfDate(date);
    const periods = this.periodsOfDay(day);
    if (!periods.length) throw new Error(`${date} is not a working day`);
    return new Date(midnightOfDay(day) + periods[periods.length - 1][1] * MINUTE);
  }

  /** Where the clock starts: the instant itself when inside office hours, else the start of the next office period. */
  countingStart(receivedAt: Date): Date {
    let day = dayOfInstant(receivedAt.getTime());
    let cursor = minutesInDay(receivedAt.getTime(), day);
    for (let guard = 0; guard < MAX_SCAN_DAYS; guard++, day++, cursor = 0) {
      for (const [start, end] of this.periodsOfDay(day)) {
        if (cursor < end) return cursor <= start ? new Date(midnightOfDay(day) + start * MINUTE) : receivedAt;
      }
    }
    throw new Error('No office period found (calendar without working days?)');
  }

  /** Adds working minutes to an instant and returns the instant where they run out (0 minutes: the instant itself). */
  addWorkingMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`Invalid working minutes: ${minutes}`);
    if (minutes === 0) return new Date(from.getTime());
    let day = dayOfInstant(from.getTime());
    let cursor = minutesInDay(from.getTime(), day);
    let remaining = minutes;
    for (let guard = 0; guard < MAX_SCAN_DAYS; guard++, day++, cursor = 0) {
      for (const [start, end] of this.periodsOfDay(day)) {
        if (cursor >= end) continue;
        const begin = Math.max(cursor, start);
        if (remaining <= end - begin) return new Date(midnightOfDay(day) + (begin + remaining) * MINUTE);
        remaining -= end - begin;
        cursor = end;
      }
    }
    throw new Error('Working-time addition did not converge (calendar without working days?)');
  }

  addWorkingDays(from: Date, days: number): Date {
    return this.addWorkingMinutes(from, days * this.minutesPerDay);
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    const firstDay = dayOfInstant(from.getTime());
    const lastDay = dayOfInstant(to.getTime());
    const startMinutes = minutesInDay(from.getTime(), firstDay);
    const endMinutes = minutesInDay(to.getTime(), lastDay);
    let total = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      const periods = this.periodsOfDay(day);
      const whole = day !== firstDay && day !== lastDay;
      for (const [start, end] of periods) {
        if (whole) {
          total += end - start;
          continue;
        }
        const a = day === firstDay ? Math.max(startMinutes, start) : start;
        const b = day === lastDay ? Math.min(end, endMinutes) : end;
        if (b > a) total += b - a;
      }
    }
    return total;
  }

  /**
   * The due instant of a processing time counted from receipt (the appointment, hẹn trả):
   * working days/hours run out in office time; calendar days end at the close of office of the last day
   * (counted from the local date where counting starts), moved to the next working day when that day is
   * not one; "within the day" is due at the close of office of the day counting starts, or of the next
   * working day when received after the cut-off.
   */
  addDuration(receivedAt: Date, time: ProcessingTime): Date {
    assertProcessingTime(time);
    switch (time.unit) {
      case 'WORKING_DAYS':
        return this.addWorkingMinutes(receivedAt, time.value * this.minutesPerDay);
      case 'WORKING_HOURS':
        return this.addWorkingMinutes(receivedAt, time.value * 60);
      case 'CALENDAR_DAYS': {
        const last = addDays(localDate(this.countingStart(receivedAt)), time.value);
        return this.closeOfOffice(this.nextWorkingDate(last));
      }
      case 'WITHIN_DAY': {
        const startDate = localDate(this.countingStart(receivedAt));
        const afterCutoff = startDate === localDate(receivedAt) && localMinutes(receivedAt) > this.withinDayCutoff;
        return this.closeOfOffice(afterCutoff ? this.nextWorkingDate(startDate, false) : startDate);
      }
    }
  }

  /**
   * Supplement pause (tạm dừng để bổ sung): the appointment moves by the working time that elapsed while
   * the dossier was with the citizen, `pausedFrom`..`pausedTo`. A pause without working time changes nothing.
   */
  shiftByPause(appointmentAt: Date, pausedFrom: Date, pausedTo: Date): Date {
    return this.addWorkingMinutes(appointmentAt, this.workingMinutesBetween(pausedFrom, pausedTo));
  }

  /** Local years between two instants (inclusive) whose schedule is not known (the clock used Monday–Friday). */
  unscheduledYears(from: Date, to: Date): number[] {
    const known = this.calendar.scheduledYears;
    if (!known) return [];
    const out: number[] = [];
    for (let y = localYear(from); y <= localYear(to); y++) if (!known.has(y)) out.push(y);
    return out;
  }
}

/** Throws when a processing time cannot be counted (negative, not finite, fractional calendar days, unknown unit). */
export function assertProcessingTime(time: ProcessingTime): void {
  if (!PROCESSING_TIME_UNITS.includes(time.unit)) throw new Error(`Unknown processing time unit: ${String(time.unit)}`);
  if (!Number.isFinite(time.value) || time.value < 0) throw new Error(`Invalid processing time value: ${time.value}`);
  if (time.unit === 'CALENDAR_DAYS' && !Number.isInteger(time.value)) throw new Error('Calendar days must be a whole number');
}
