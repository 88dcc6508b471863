import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateYearSchedule, YearSchedule } from '@motcua/calendar';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CalendarYear } from './calendar-year.entity';
import { CalendarYearRepository } from './calendar-year.repository';
import { LegalClockProvider } from './legal-clock.provider';

export interface ReplaceYearScheduleCommand {
  schedule: YearSchedule;
  adminSub: string;
}

/** Replaces one year's days off and make-up working days (validated), then reloads the legal clock. */
@Injectable()
export class ReplaceYearScheduleUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly years: CalendarYearRepository,
    private readonly clocks: LegalClockProvider,
  ) {}

  async execute(cmd: ReplaceYearScheduleCommand): Promise<CalendarYear> {
    const problems = validateYearSchedule(cmd.schedule);
    if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Lịch làm việc của năm không hợp lệ', problems);
    const schedule: YearSchedule = {
      year: cmd.schedule.year,
      daysOff: [...cmd.schedule.daysOff].sort(),
      extraWorkingDays: [...cmd.schedule.extraWorkingDays].sort(),
    };
    try {
      return await runInTransaction(this.db, (m) => this.years.replaceYear(m, schedule, cmd.adminSub));
    } finally {
      this.clocks.invalidate();
    }
  }
}
