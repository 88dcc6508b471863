import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { BUILT_IN_SCHEDULES, hm, LegalClock, legalClockFrom, OfficeHours, parseOfficePeriods, YearSchedule } from '@motcua/calendar';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { CalendarYearRepository } from './calendar-year.repository';
import { managerOf } from '@motcua/messaging';

/**
 * The legal clock built from the year schedules stored in the database and the office hours (the
 * province's from the configuration, or an agency's own). Cached: a change through this replica reloads
 * it at once, other replicas within CALENDAR_CACHE_SECONDS. The built-in schedules (2025, 2026) are
 * inserted at start when missing.
 */
@Injectable()
export class LegalClockProvider implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegalClockProvider.name);
  /** The province's office hours (OFFICE_HOURS, MAKE_UP_DAY_OFFICE_HOURS, WITHIN_DAY_CUTOFF). */
  readonly officeHours: OfficeHours;
  private cached: { schedules: YearSchedule[]; clocks: Map<string, LegalClock>; loadedAt: number } | null = null;
  private loading: Promise<YearSchedule[]> | null = null;
  /** Bumped by `invalidate()`: a load that started before a change must not cache what it read. */
  private generation = 0;

  constructor(
    private readonly db: DataSource,
    private readonly years: CalendarYearRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {
    this.officeHours = {
      periods: parseOfficePeriods(config.officeHours),
      makeUpDayPeriods: config.makeUpDayOfficeHours ? parseOfficePeriods(config.makeUpDayOfficeHours) : undefined,
      withinDayCutoff: hm(config.withinDayCutoff),
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.years.insertMissing(managerOf(this.db), BUILT_IN_SCHEDULES);
  }

  /** The clock with the province's office hours (the province agency row's when set, else OFFICE_HOURS). */
  async clock(): Promise<LegalClock> {
    const rows: { hours: string }[] = await managerOf(this.db).query(
      `SELECT office_hours AS hours FROM agency WHERE level = 'PROVINCE' AND office_hours IS NOT NULL LIMIT 2`,
    );
    return this.clockWithHours(rows.length === 1 ? rows[0].hours : null);
  }

  /**
   * The clock with an agency's office hours: its own (`agency.office_hours`), else its province row's,
   * else OFFICE_HOURS (also for an unknown agency). Set through `PUT /v1/agencies/{code}/office-hours`.
   */
  async clockFor(m: EntityManager, agencyCode: string): Promise<LegalClock> {
    const rows: { hours: string | null }[] = await m.query(
      `SELECT COALESCE(a.office_hours, p.office_hours) AS hours FROM agency a
         LEFT JOIN agency p ON p.province_code = a.province_code AND p.level = 'PROVINCE' AND p.code <> a.code
        WHERE a.code = $1 ORDER BY p.code LIMIT 1`,
      [agencyCode],
    );
    return this.clockWithHours(rows[0]?.hours ?? null);
  }

  /** Forgets the cached schedules (after a schedule changed). */
  invalidate(): void {
    this.generation++;
    this.cached = null;
    this.loading = null;
  }

  private async clockWithHours(agencyHours: string | null): Promise<LegalClock> {
    const fresh = this.cached && Date.now() - this.cached.loadedAt < this.config.calendarCacheSeconds * 1000;
    if (!fresh) await this.load();
    const cache = this.cached;
    // a schedule changed while loading: build from a fresh read, uncached
    if (!cache) return legalClockFrom(await this.load(), this.hoursOf(agencyHours));
    const key = agencyHours ?? '';
    let clock = cache.clocks.get(key);
    if (!clock) {
      clock = legalClockFrom(cache.schedules, this.hoursOf(agencyHours));
      cache.clocks.set(key, clock);
    }
    return clock;
  }

  private hoursOf(agencyHours: string | null): OfficeHours {
    if (!agencyHours) return this.officeHours;
    try {
      return { ...this.officeHours, periods: parseOfficePeriods(agencyHours), makeUpDayPeriods: undefined };
    } catch (err) {
      this.logger.warn({ agencyHours, err: (err as Error).message }, 'Invalid agency office hours; using the province office hours');
      return this.officeHours;
    }
  }

  private load(): Promise<YearSchedule[]> {
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.years.listYears(managerOf(this.db)).then((rows) => {
        const schedules = rows.map((r) => ({ year: r.year, daysOff: r.daysOff, extraWorkingDays: r.extraWorkingDays }));
        if (generation === this.generation) this.cached = { schedules, clocks: new Map(), loadedAt: Date.now() };
        return schedules;
      });
      const done = loading.finally(() => {
        if (this.loading === done) this.loading = null;
      });
      this.loading = done;
    }
    return this.loading;
  }
}
