import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BUILT_IN_SCHEDULES, LegalClock, legalClockFrom, YearSchedule } from '@motcua/calendar';
import { CalendarYearScheduleReplacedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { CalendarYearSchedule } from './calendar-year-schedule.entity';

/** How often the stored schedules are re-read (a replacement consumed by another replica). */
const REFRESH_MS = 60_000;

/** The built-in schedules with each stored year replacing the built-in one of the same year. */
export function mergeSchedules(builtIn: readonly YearSchedule[], stored: readonly YearSchedule[]): YearSchedule[] {
  const byYear = new Map(builtIn.map((s) => [s.year, s]));
  for (const s of stored) byYear.set(s.year, s);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * The legal clock a service computes with: the built-in national schedules overridden by the
 * year schedules an administrator replaced in intake (stored here from `calendar.year-schedule-replaced`),
 * with the typical office hours. `clock()` is cached; rebuilt at start, after each replacement consumed
 * here, and every minute (a replacement consumed by another replica).
 */
@Injectable()
export class WorkingCalendarService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WorkingCalendarService.name);
  private current: LegalClock = legalClockFrom(BUILT_IN_SCHEDULES);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((err: Error) => this.logger.warn({ err: err.message }, 'Could not reload the year schedules'));
    }, REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The current legal clock. */
  clock(): LegalClock {
    return this.current;
  }

  /** Stores a replaced year schedule unless a newer one is stored already, then rebuilds the clock. */
  async replaceYear(e: CalendarYearScheduleReplacedV1): Promise<'stored' | 'stale'> {
    // read back in the handler's transaction (the event's own, when consumed): it sees the new row at once; were
    // that transaction rolled back, the event is redelivered, and the periodic reload puts the clock right meanwhile
    const stored = await runInTransaction(this.db, async (m) => {
      const newer = await this.upsertIfNewer(m, e);
      if (newer) await this.reload(m);
      return newer;
    });
    if (stored) this.logger.log({ year: e.year, replacedAt: e.replacedAt }, 'Year schedule replaced');
    return stored ? 'stored' : 'stale';
  }

  /** Re-reads the stored schedules and rebuilds the clock. */
  async reload(m: EntityManager = this.db.manager): Promise<void> {
    const rows = await m.getRepository(CalendarYearSchedule).find();
    const stored = rows.map((r) => ({ year: r.year, daysOff: r.daysOff, extraWorkingDays: r.extraWorkingDays }));
    this.current = legalClockFrom(mergeSchedules(BUILT_IN_SCHEDULES, stored));
  }

  private async upsertIfNewer(m: EntityManager, e: CalendarYearScheduleReplacedV1): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO "calendar_year_schedule" ("year", "days_off", "extra_working_days", "replaced_at")
       VALUES ($1, $2::jsonb, $3::jsonb, $4)
       ON CONFLICT ("year") DO UPDATE SET
         "days_off" = EXCLUDED."days_off",
         "extra_working_days" = EXCLUDED."extra_working_days",
         "replaced_at" = EXCLUDED."replaced_at"
       WHERE "calendar_year_schedule"."replaced_at" < EXCLUDED."replaced_at"
       RETURNING "year"`,
      [e.year, JSON.stringify(e.daysOff), JSON.stringify(e.extraWorkingDays), e.replacedAt],
    );
    return rows.length > 0;
  }
}
