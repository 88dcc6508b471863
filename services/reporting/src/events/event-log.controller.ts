import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { CALENDAR_YEAR_SCHEDULE_REPLACED, CalendarYearScheduleReplacedV1, EVENT_CONTRACTS, EventEnvelope } from '@motcua/contracts';
import { BatchContext, BatchOptions } from '@motcua/messaging';
import { WorkingCalendarService } from '@motcua/platform';
import { FactsProjection } from '../projection/facts-projection';
import { RecordEventUseCase } from './record-event.use-case';
import { WorkingDaysTable } from '../working-time/working-days.table';
import { afterCommit, managerOf } from '@motcua/messaging';
import { DataSource } from 'typeorm';

/** Every event type the platform knows (one binding each), kept in step with the contracts library. */
export const CONSUMED_EVENT_TYPES = [...new Set(EVENT_CONTRACTS.map((c) => c.type))];

/**
 * Deliveries appended per transaction: up to 200 events, or whatever arrived within 10 ms of the first (the service's
 * `busPrefetch` must exceed `maxMessages` for full batches; see ReportingConfig).
 */
export const EVENT_LOG_BATCH: BatchOptions = { maxMessages: 200, maxWaitMs: 10 };

/**
 * Reporting listens to everything: each event is logged (the projector applies it after the commit); a replaced year schedule
 * (`calendar.year-schedule-replaced`) also updates the legal clock working times are counted on, and the working-day table
 * the processing-time counts are computed from (see `WorkingDaysTable`).
 *
 * A batch handler: the transport hands over up to `EVENT_LOG_BATCH.maxMessages` envelopes at once, in one transaction and
 * without inbox rows. Idempotent as the transport requires: the log keeps one row per event id (`ON CONFLICT DO NOTHING`),
 * and replacing a year schedule keeps the newer one only.
 */
@Controller()
export class EventLogController {
  constructor(
    private readonly record: RecordEventUseCase,
    private readonly calendar: WorkingCalendarService,
    private readonly projection: FactsProjection,
    private readonly workingDays: WorkingDaysTable,
    private readonly db: DataSource,
  ) {}

  @EventPattern(CONSUMED_EVENT_TYPES, { batch: EVENT_LOG_BATCH })
  async onEvents(@Ctx() ctx: BatchContext): Promise<void> {
    const envelopes = ctx.getEnvelopes() as EventEnvelope<object>[];
    // the projector must see the batch: wake it once the delivery's transaction has committed
    if ((await this.record.executeBatch(envelopes)) > 0) afterCommit(this.db, () => this.projection.kickSoon());
    // applied whether or not the log already held the event: a redelivery after a failure here still applies
    const schedules = envelopes.filter((e) => e.type === CALENDAR_YEAR_SCHEDULE_REPLACED && e.version === 1);
    for (const envelope of schedules) await this.calendar.replaceYear(envelope.data as CalendarYearScheduleReplacedV1);
    // the working days and the processing times counted on them follow the clock, in the batch's transaction
    if (schedules.length > 0) await this.workingDays.sync(managerOf(this.db));
  }
}
