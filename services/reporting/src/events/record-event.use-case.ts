import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { EventLogRepository } from './event-log.repository';

/**
 * Logs an event, once per event id (`ON CONFLICT DO NOTHING`): the consumer's whole work, in the
 * delivery's transaction. The projections are applied from the log by `FactsProjection`.
 */
@Injectable()
export class RecordEventUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly log: EventLogRepository,
  ) {}

  async execute(envelope: EventEnvelope<object>): Promise<'recorded' | 'duplicate'> {
    return runInTransaction(this.db, async (m) => ((await this.log.append(m, envelope)) ? 'recorded' : 'duplicate'));
  }

  /** Logs a batch of events in one statement (and the caller's transaction); returns how many were new. */
  async executeBatch(envelopes: EventEnvelope<object>[]): Promise<number> {
    return runInTransaction(this.db, async (m) => (await this.log.appendMany(m, envelopes)).length);
  }
}
