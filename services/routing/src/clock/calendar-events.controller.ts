import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1 } from '@motcua/contracts';
import { WorkingCalendarService } from '@motcua/platform';

/** An administrator replaced a year's schedule in intake: due instants computed from now on count on it. */
@Controller()
export class CalendarEventsController {
  constructor(private readonly calendar: WorkingCalendarService) {}

  @EventPattern(CALENDAR_YEAR_SCHEDULE_REPLACED)
  async onYearScheduleReplaced(@Payload() e: CalendarYearScheduleReplacedV1): Promise<void> {
    await this.calendar.replaceYear(e);
  }
}
