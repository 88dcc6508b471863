import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1, EVENT_CONTRACTS, EventEnvelope } from '@motcua/contracts';
import { BusContext } from '@motcua/messaging';
import { WorkingCalendarService } from '@motcua/platform';
import { RecordEventUseCase } from './record-event.use-case';

/** Every event type the platform knows (one binding each), kept in step with the contracts library. */
export const CONSUMED_EVENT_TYPES = [...new Set(EVENT_CONTRACTS.map((c) => c.type))];

/**
 * Reporting listens to everything: each event is logged and projected; a replaced year schedule
 * (`calendar.year-schedule-replaced`) also updates the legal clock working times are counted on.
 */
@Controller()
export class EventLogController {
  constructor(
    private readonly record: RecordEventUseCase,
    private readonly calendar: WorkingCalendarService,
  ) {}

  @EventPattern(CONSUMED_EVENT_TYPES)
  async onEvent(@Ctx() ctx: BusContext): Promise<void> {
    const envelope = ctx.getEnvelope() as EventEnvelope<object>;
    await this.record.execute(envelope);
    // stored whether or not the log already held the event: a redelivery after a failure here still applies
    if (envelope.type === CALENDAR_YEAR_SCHEDULE_REPLACED && envelope.version === 1) {
      await this.calendar.replaceYear(envelope.data as CalendarYearScheduleReplacedV1);
    }
  }
}
