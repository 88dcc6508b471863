import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { YearSchedule } from '@motcua/calendar';
import { CalendarYear } from './calendar-year.entity';

@Injectable()
export class CalendarYearRepository {
  listYears(m: EntityManager): Promise<CalendarYear[]> {
    return m.getRepository(CalendarYear).find({ order: { year: 'ASC' } });
  }

  findYear(m: EntityManager, year: number): Promise<CalendarYear | null> {
    return m.getRepository(CalendarYear).findOne({ where: { year } });
  }

  async replaceYear(m: EntityManager, schedule: YearSchedule, updatedBy: string): Promise<CalendarYear> {
    const row: CalendarYear = { ...schedule, updatedAt: new Date(), updatedBy };
    await m.getRepository(CalendarYear).upsert(row, ['year']);
    return row;
  }

  /** Inserts the built-in schedules of years not stored yet (an administrator's edits are kept). */
  async insertMissing(m: EntityManager, schedules: readonly YearSchedule[]): Promise<void> {
    if (!schedules.length) return;
    await m
      .createQueryBuilder()
      .insert()
      .into(CalendarYear)
      .values(schedules.map((s) => ({ year: s.year, daysOff: s.daysOff, extraWorkingDays: s.extraWorkingDays, updatedBy: 'built-in' })))
      .orIgnore()
      .execute();
  }
}
