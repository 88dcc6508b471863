import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validateYearSchedule, YearSchedule } from '@motcua/calendar';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CalendarYear } from './calendar-year.entity';
import { CalendarYearRepository } from './calendar-year.repository';
import { LegalClockProvider } from './legal-clock.provider';

export interface ReplaceYearScheduleCommand {
  schedule: YearSchedule;
  adminSub: string;
}

/**
 * Replaces one year's days off and make-up working days (validated), publishes
 * `calendar.year-schedule-replaced` in the same transaction, then reloads the legal clock.
 */
@Injectable()
export class ReplaceYearScheduleUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly years: CalendarYearRepository,
    private readonly clocks: LegalClockProvider,
    @Inject(Outbox) private readonly outbox: Outbox,
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
      return await runInTransaction(this.db, async (m) => {
        const row = await this.years.replaceYear(m, schedule, cmd.adminSub);
        const event: CalendarYearScheduleReplacedV1 = { ...schedule, replacedAt: row.updatedAt.toISOString() };
        await this.outbox.add(CALENDAR_YEAR_SCHEDULE_REPLACED, 1, event, { correlationId: `calendar-${schedule.year}` });
        return row;
      });
    } finally {
      this.clocks.invalidate();
    }
  }
}
