import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LegalClock } from '@motcua/calendar';
import { runInTransaction } from '@motcua/messaging';
import { WorkingCalendarService } from '@motcua/platform';
import { addContributionsSql, PROCESSING_COLUMNS } from '../aggregates/agency-counts.sql';
import { FACTS_PROJECTION } from '../projection/facts-projection';

const DAY_MS = 86_400_000;
const TZ_OFFSET_MS = 7 * 3600_000;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const midnightOf = (day: number) => new Date(day * DAY_MS - TZ_OFFSET_MS);
/** The days the table covers (local dates as days since 1970-01-01): 2000-01-01 … 2099-12-31. */
export const WORKING_DAYS_FIRST = Date.UTC(2000, 0, 1) / DAY_MS;
export const WORKING_DAYS_LAST = Date.UTC(2099, 11, 31) / DAY_MS;

/** The most office periods a day may have in the table (`s1`–`e1` … `s3`–`e3`). */
export const MAX_OFFICE_PERIODS = 3;

/** The table's columns as parallel arrays (`periods[i]`: the starts and ends of period i + 1 per day, null when absent). */
export interface WorkingDayRows {
  days: number[];
  starts: Array<Array<number | null>>;
  ends: Array<Array<number | null>>;
  /** Working milliseconds before each day (bigint as text). */
  cumBeforeMs: string[];
}

/** The table's rows as the clock sees the days `first`…`last`. */
export function workingDayRows(clock: LegalClock, first = WORKING_DAYS_FIRST, last = WORKING_DAYS_LAST): WorkingDayRows {
  const rows: WorkingDayRows = {
    days: [],
    starts: Array.from({ length: MAX_OFFICE_PERIODS }, () => []),
    ends: Array.from({ length: MAX_OFFICE_PERIODS }, () => []),
    cumBeforeMs: [],
  };
  let cum = 0;
  for (let day = first; day <= last; day++) {
    const periods = clock.officePeriodsOf(dateOf(day));
    if (periods.length > MAX_OFFICE_PERIODS || periods.some(([s, e]) => !Number.isInteger(s) || !Number.isInteger(e))) {
      throw new Error(`The working-day table takes at most ${MAX_OFFICE_PERIODS} office periods of whole minutes a day`);
    }
    rows.days.push(day);
    for (let i = 0; i < MAX_OFFICE_PERIODS; i++) {
      rows.starts[i].push(periods[i]?.[0] ?? null);
      rows.ends[i].push(periods[i]?.[1] ?? null);
    }
    rows.cumBeforeMs.push(String(cum));
    cum += periods.reduce((sum, [s, e]) => sum + (e - s), 0) * 60_000;
  }
  return rows;
}

const PERIOD_COLUMNS = Array.from({ length: MAX_OFFICE_PERIODS }, (_, i) => [`s${i + 1}`, `e${i + 1}`]).flat();

export interface WorkingDaysSync {
  /** Rows written (new or different). */
  rowsChanged: number;
  /** The local days whose office periods changed (first, last), when some did. */
  periodsChanged?: { first: string; last: string };
}

/**
 * Keeps `working_day` (working time in SQL, see working-time.sql.ts) equal to the legal clock — at start (a release
 * may bring new built-in schedules) and when a year schedule is replaced — and moves the processing-time counts
 * (`PROCESSING_COLUMNS`) along: the dossiers whose receipt-to-resolution span covers a day whose office periods
 * changed lose their contribution under the old table and get it back under the new one, in one transaction that
 * holds the projection's position row (no projector batch or rebuild in between).
 */
@Injectable()
export class WorkingDaysTable implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkingDaysTable.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.calendar.reload();
    await runInTransaction(this.db, (m) => this.sync(m));
  }

  /** Brings the table in line with the current clock (in `m`'s transaction). */
  async sync(m: EntityManager): Promise<WorkingDaysSync> {
    await m.query(`SELECT name FROM projection_position WHERE name = $1 FOR UPDATE`, [FACTS_PROJECTION]);
    const rows = workingDayRows(this.calendar.clock());
    const params = [rows.days, ...rows.starts.flatMap((starts, i) => [starts, rows.ends[i]]), rows.cumBeforeMs];
    const incoming = `SELECT * FROM unnest($1::int[], ${PERIOD_COLUMNS.map((_, i) => `$${i + 2}::int[]`).join(', ')}, $${PERIOD_COLUMNS.length + 2}::bigint[])
                      AS u(day, ${PERIOD_COLUMNS.join(', ')}, cum_before_ms)`;
    const periodsDiffer = `w.day IS NULL OR (${PERIOD_COLUMNS.map((c) => `w.${c}`).join(', ')}) IS DISTINCT FROM (${PERIOD_COLUMNS.map((c) => `n.${c}`).join(', ')})`;
    const [diff] = (await m.query(
      `SELECT count(*)::int AS changed, min(n.day) FILTER (WHERE ${periodsDiffer}) AS first, max(n.day) FILTER (WHERE ${periodsDiffer}) AS last
       FROM (${incoming}) n LEFT JOIN working_day w ON w.day = n.day
       WHERE ${periodsDiffer} OR w.cum_before_ms <> n.cum_before_ms`,
      params,
    )) as Array<{ changed: number; first: number | null; last: number | null }>;
    if (diff.changed === 0) return { rowsChanged: 0 };
    const started = Date.now();
    const span = diff.first === null || diff.last === null ? undefined : { first: diff.first, last: diff.last };
    const bounds = span && [midnightOf(span.first), midnightOf(span.last + 1)];
    // the spans that cover a changed day: received before its end, resolved (not before received) after its start
    const affected = `f.resolved_at IS NOT NULL AND f.received_at < $2 AND GREATEST(f.resolved_at, f.received_at) >= $1`;
    if (bounds) await m.query(addContributionsSql(affected, '-1', PROCESSING_COLUMNS), bounds);
    const columns = [...PERIOD_COLUMNS, 'cum_before_ms'];
    await m.query(
      `INSERT INTO working_day AS w (day, ${columns.join(', ')}) ${incoming}
       ON CONFLICT (day) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
       WHERE (${columns.map((c) => `w.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `EXCLUDED.${c}`).join(', ')})`,
      params,
    );
    if (bounds) await m.query(addContributionsSql(affected, '1', PROCESSING_COLUMNS), bounds);
    const result: WorkingDaysSync = {
      rowsChanged: diff.changed,
      ...(span && { periodsChanged: { first: dateOf(span.first), last: dateOf(span.last) } }),
    };
    this.logger.log({ ...result, ms: Date.now() - started }, 'Working-day table updated from the legal clock');
    return result;
  }
}
