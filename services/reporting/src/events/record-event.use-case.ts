import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { DossierFactProjector } from '../facts/dossier-fact.projector';
import { EventLogRepository } from './event-log.repository';

/** Logs an event and folds it into the projection, once per event id, in one transaction. */
@Injectable()
export class RecordEventUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly log: EventLogRepository,
    private readonly projector: DossierFactProjector,
  ) {}

  async execute(envelope: EventEnvelope<object>): Promise<'recorded' | 'duplicate'> {
    return runInTransaction(this.db, async (m) => {
      if (!(await this.log.append(m, envelope))) return 'duplicate';
      await this.projector.apply(m, envelope);
      return 'recorded';
    });
  }
}
