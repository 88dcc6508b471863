/**
 * Working time in SQL (the legal clock's `workingMinutesBetween`, DOMAIN.md §4), from the `working_day` table that
 * `WorkingDaysTable` fills from the clock. For an instant t on local day D (row w of D), the working time from the
 * table's first day up to t is `w.cum_before_ms` (the working days before D) + the parts of D's office periods
 * (`s1`–`e1`, `s2`–`e2`, `s3`–`e3`, minutes after midnight, NULL when absent) before t; the working time between a and
 * b is the difference — exactly the clock's day-by-day sum, in milliseconds. Plain arithmetic over two joined rows
 * (no function call per dossier: a province-year of resolutions is summed in seconds).
 */

/** Milliseconds since 1970-01-01 in local time (UTC+7) of an instant expression. */
const localMs = (instant: string) => `(floor(extract(epoch FROM ${instant}) * 1000)::bigint + 25200000)`;

/** The local day number (days since 1970-01-01, UTC+7) of an instant expression: `working_day.day`. */
export const LOCAL_DAY_NUMBER = (instant: string) => `floor(${localMs(instant)} / 86400000.0)::int`;

/** The working time from the table's first day to `instant`, `w` being the joined `working_day` row of its local day. */
export function workingMsAt(instant: string, w: string): string {
  const ms = `(${localMs(instant)} - ${w}.day::bigint * 86400000)`;
  const part = (i: number) => `COALESCE(GREATEST(0, LEAST(${w}.e${i}::bigint * 60000, ${ms}) - ${w}.s${i}::bigint * 60000), 0)`;
  return `(${w}.cum_before_ms + ${part(1)} + ${part(2)} + ${part(3)})`;
}

/**
 * The `working_day` rows of a dossier row `a`'s receipt (`w_rcv`) and resolution (`w_res`) days, to put right after
 * `FROM dossier_fact a`, for `PROCESSING_MS(a)`.
 */
export const WORKING_DAY_JOINS = (a: string) =>
  `LEFT JOIN working_day w_rcv ON w_rcv.day = ${LOCAL_DAY_NUMBER(`${a}.received_at`)}
   LEFT JOIN working_day w_res ON w_res.day = ${LOCAL_DAY_NUMBER(`${a}.resolved_at`)}`;

/**
 * The working time from receipt to resolution of a dossier row `a`, in milliseconds (0 when resolved before received,
 * as the clock; NULL while unresolved or outside the table's days). Needs `WORKING_DAY_JOINS(a)`.
 */
export const PROCESSING_MS = (a: string) =>
  `(CASE WHEN ${a}.received_at IS NULL OR ${a}.resolved_at IS NULL OR w_rcv.day IS NULL OR w_res.day IS NULL THEN NULL
         ELSE GREATEST(0, ${workingMsAt(`${a}.resolved_at`, 'w_res')} - ${workingMsAt(`${a}.received_at`, 'w_rcv')}) END)`;

/** The instant the processing time is counted at: the resolution, not before the receipt. */
export const PROCESSING_DAY = (a: string) => `GREATEST(${a}.resolved_at, ${a}.received_at)`;
