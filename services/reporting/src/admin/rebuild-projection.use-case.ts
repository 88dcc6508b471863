import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { ReportingConfig } from '../config/reporting.config';
import { EventLogCursor, EventLogRepository, toEnvelope } from '../events/event-log.repository';
import { DossierFactProjector } from '../facts/dossier-fact.projector';
import { DossierFactRepository } from '../facts/dossier-fact.repository';
import { addContributionsSql } from '../aggregates/agency-counts.sql';
import { FACTS_PROJECTION } from '../projection/facts-projection';

export interface RebuildResult {
  events: number;
  dossiers: number;
  tookMs: number;
}

/**
 * Empties `dossier_fact` and the agency counts and replays `event_log` into them in (occurred_at, id)
 * order, in one transaction holding the projection's position row (the projector waits): readers see
 * the old numbers until the new ones commit. Each replayed event is marked projected; one committed
 * while the replay ran and not read by it stays unprojected and the projector applies it afterwards.
 * The counts are then built set-based from the rebuilt facts.
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
      await m.query(`SELECT name FROM projection_position WHERE name = $1 FOR UPDATE`, [FACTS_PROJECTION]);
      await this.facts.truncate(m);
      // the fact snapshots are derived too (built by the projector being replaced): the next ones are rebuilt
      await m.query(`TRUNCATE agency_day_counts, agency_month_counts, agency_day_totals, fact_snapshot, fact_snapshot_row`);
      let events = 0;
      let after: EventLogCursor | null = null;
      for (;;) {
        const page = await this.log.page(m, after, this.config.rebuildPageSize);
        for (const entry of page) await this.projector.apply(m, toEnvelope(entry));
        if (page.length)
          await m.query(`UPDATE event_log SET projected = TRUE WHERE id = ANY($1::uuid[]) AND NOT projected`, [page.map((e) => e.id)]);
        events += page.length;
        if (page.length < this.config.rebuildPageSize) break;
        const last = page[page.length - 1];
        after = { occurredAt: last.occurredAt, id: last.id };
      }
      await m.query(addContributionsSql('TRUE', '1'));
      await m.query(
        `UPDATE projection_position SET seq = (SELECT COALESCE(max(seq), 0) FROM event_log WHERE projected), events = $2, updated_at = now()
         WHERE name = $1`,
        [FACTS_PROJECTION, events],
      );
      return { events, dossiers: await this.facts.count(m) };
    });
    const tookMs = Date.now() - started;
    this.logger.log(`Projection rebuilt from ${result.events} event(s): ${result.dossiers} dossier(s) in ${tookMs} ms`);
    return { ...result, tookMs };
  }
}
