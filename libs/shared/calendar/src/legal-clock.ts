/**
 * The legal clock (DOMAIN.md §4): working time in Asia/Ho_Chi_Minh (UTC+7, no DST).
 * 1 working day = 8 working hours of office time; counting starts at receipt when inside office
 * hours, otherwise at the start of the next office period; the due instant is where the working
 * time runs out. Which dates are working days is data (a per-year schedule), not code.
 */

const TZ_OFFSET_MS = 7 * 3600_000;
const MINUTE = 60_000;
const DAY_MS = 86_400_000;

/** An office period in minutes after local midnight, e.g. [420, 690] = 07:00–11:30. */
export type OfficePeriod = readonly [start: number, end: number];

export interface WorkingCalendar {
  /** Office periods of a working day (default 07:00–11:30 and 13:30–17:00). */
  officePeriods: readonly OfficePeriod[];
  /** Weekdays that are not worked (holidays, substitute days off), as local `YYYY-MM-DD`. */
  daysOff: ReadonlySet<string>;
  /** Weekend days that are worked (make-up Saturdays, làm bù), as local `YYYY-MM-DD`. */
  extraWorkingDays: ReadonlySet<string>;
}

export const DEFAULT_OFFICE_PERIODS: readonly OfficePeriod[] = [
  [7 * 60, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];

export function hm(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) throw new Error(`Not a HH:mm time: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Local calendar date (YYYY-MM-DD) of an instant in Asia/Ho_Chi_Minh. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after local midnight of an instant. */
function localMinutes(instant: Date): number {
  const ms = (instant.getTime() + TZ_OFFSET_MS) % DAY_MS;
  return ms / MINUTE;
}

/** The instant of local midnight starting the given local date. */
function midnightOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - TZ_OFFSET_MS;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** Formats an instant as ISO 8601 with the +07:00 offset. */
export function toLocalIso(instant: Date): string {
  return new Date(instant.getTime() + TZ_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

export class LegalClock {
  private readonly periods: readonly OfficePeriod[];
  readonly minutesPerDay: number;

  constructor(private readonly calendar: WorkingCalendar) {
    this.periods = [...calendar.officePeriods].sort((a, b) => a[0] - b[0]);
    this.minutesPerDay = this.periods.reduce((sum, [s, e]) => sum + (e - s), 0);
    if (this.minutesPerDay <= 0) throw new Error('A working day needs at least one office period');
  }

  isWorkingDay(date: string): boolean {
    if (this.calendar.extraWorkingDays.has(date)) return true;
    if (this.calendar.daysOff.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  }

  /** Adds working minutes to an instant and returns the instant where they run out. */
  addWorkingMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`Invalid working minutes: ${minutes}`);
    let date = localDate(from);
    let cursor = localMinutes(from);
    let remaining = minutes;
    for (let guard = 0; guard < 20_000; guard++) {
      if (this.isWorkingDay(date)) {
        for (const [start, end] of this.periods) {
          if (cursor >= end) continue;
          const begin = Math.max(cursor, start);
          if (remaining <= end - begin) return new Date(midnightOf(date) + (begin + remaining) * MINUTE);
          remaining -= end - begin;
          cursor = end;
        }
      }
      date = nextDate(date);
      cursor = 0;
    }
    throw new Error('Working-time addition did not converge (calendar without working days?)');
  }

  addWorkingDays(from: Date, days: number): Date {
    return this.addWorkingMinutes(from, days * this.minutesPerDay);
  }

  /** Working minutes between two instants (0 when `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to.getTime() <= from.getTime()) return 0;
    let date = localDate(from);
    let cursor = localMinutes(from);
    const endDate = localDate(to);
    const endMinutes = localMinutes(to);
    let total = 0;
    for (;;) {
      const last = date === endDate;
      if (this.isWorkingDay(date)) {
        for (const [start, end] of this.periods) {
          const a = Math.max(cursor, start);
          const b = last ? Math.min(end, endMinutes) : end;
          if (b > a) total += b - a;
        }
      }
      if (last) return total;
      date = nextDate(date);
      cursor = 0;
    }
  }
}
