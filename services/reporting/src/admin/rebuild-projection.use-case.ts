import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { ReportingConfig } from '../config/reporting.config';
import { EventLogCursor, EventLogRepository, toEnvelope } from '../events/event-log.repository';
import { DossierFactProjector } from '../facts/dossier-fact.projector';
import { DossierFactRepository } from '../facts/dossier-fact.repository';

export interface RebuildResult {
  events: number;
  dossiers: number;
  tookMs: number;
}

/**
 * Empties `dossier_fact` and replays `event_log` into it in (occurred_at, id) order, in one
 * transaction: readers see the old numbers until the new ones commit; live events wait on the table
 * lock and are applied after (an event committed before the replay read the log is in the replay).
 */
@Injectable()
export class RebuildProjectionUseCase {
  private readonly logger = new Logger(RebuildProjectionUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly log: EventLogRepository,
    private readonly facts: DossierFactRepository,
    private readonly projector: DossierFactProjector,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async execute(): Promise<RebuildResult> {
    const started = Date.now();
    const result = await runInTransaction(this.db, async (m) => {
      await this.facts.truncate(m);
      let events = 0;
      let after: EventLogCursor | null = null;
      for (;;) {
        const page = await this.log.page(m, after, this.config.rebuildPageSize);
        for (const entry of page) await this.projector.apply(m, toEnvelope(entry));
        events += page.length;
        if (page.length < this.config.rebuildPageSize) break;
        const last = page[page.length - 1];
        after = { occurredAt: last.occurredAt, id: last.id };
      }
      return { events, dossiers: await this.facts.count(m) };
    });
    const tookMs = Date.now() - started;
    this.logger.log(`Projection rebuilt from ${result.events} event(s): ${result.dossiers} dossier(s) in ${tookMs} ms`);
    return { ...result, tookMs };
  }
}
