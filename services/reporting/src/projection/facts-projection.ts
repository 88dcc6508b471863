import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { runInTransaction, WakeableWorker } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { ReportingConfig } from '../config/reporting.config';
import { addContributionsSql } from '../aggregates/agency-counts.sql';
import { EventLogEntry } from '../events/event-log.entity';
import { toEnvelope } from '../events/event-log.repository';
import { DossierFactProjector } from '../facts/dossier-fact.projector';

/** The projection of `event_log` into `dossier_fact` and the per-day / per-month agency counts. */
export const FACTS_PROJECTION = 'facts';
/** NOTIFY channel that wakes the projector of every replica. */
export const PROJECTION_CHANNEL = 'reporting_events_appended';

export interface ProjectionStatus {
  /** Events logged but not applied yet. */
  lag: number;
  /** Highest `seq` applied and events applied in all. */
  seq: number;
  events: number;
}

/**
 * Applies the logged events to the projections in batches, in a background loop (WakeableWorker): a
 * batch locks the projection's position row (`FOR UPDATE SKIP LOCKED`: with several replicas one
 * applies, the others skip; the rebuild holds it too), reads up to `projectionBatchSize` committed,
 * unprojected events in `seq` order, subtracts the touched dossiers' contribution to the agency
 * counts, folds the events into `dossier_fact` (the same projector as the rebuild), adds the new
 * contribution back, marks the events projected and moves the position — all in one transaction, so
 * after a crash a batch is either wholly applied or not at all, and nothing is applied twice.
 */
@Injectable()
export class FactsProjection implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FactsProjection.name);
  private worker?: WakeableWorker;
  private kickTimer?: NodeJS.Timeout;
  /** Test hook: throws inside a batch after the projector ran (the transaction must roll back). */
  failNextBatch?: Error;

  constructor(
    private readonly db: DataSource,
    private readonly projector: DossierFactProjector,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new WakeableWorker({
      name: 'Reporting projection',
      runBatch: () => this.applyBatch(true),
      idlePollMs: this.config.projectionIdlePollMs,
      listen: { dataSource: this.db, channel: PROJECTION_CHANNEL },
      logger: this.logger,
    });
    await this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.kickTimer);
    await this.worker?.stop();
  }

  /**
   * Wakes the loop shortly (`projectionDelayMs`): called once the appending transaction has committed (`afterCommit`),
   * so the batch sees the appended events; the delay lets a burst of appends be applied as one batch.
   */
  kickSoon(): void {
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = undefined;
      this.worker?.kick();
    }, this.config.projectionDelayMs);
  }

  /** Applies everything logged so far (waits for a batch another caller is applying). Returns the events applied. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.applyBatch(false);
      if (n === 0) return total;
      total += n;
    }
  }

  async status(m: EntityManager = this.db.manager): Promise<ProjectionStatus> {
    const [row] = (await m.query(
      `SELECT (SELECT count(*) FROM event_log WHERE NOT projected)::int AS lag, p.seq::float8 AS seq, p.events::float8 AS events
       FROM projection_position p WHERE p.name = $1`,
      [FACTS_PROJECTION],
    )) as Array<{ lag: number; seq: number; events: number }>;
    return row ?? { lag: 0, seq: 0, events: 0 };
  }

  /** One batch; `skipLocked`: give up (0) when another replica or the rebuild holds the position. */
  async applyBatch(skipLocked: boolean): Promise<number> {
    return runInTransaction(this.db, async (m) => {
      const locked = (await m.query(`SELECT name FROM projection_position WHERE name = $1 FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`, [
        FACTS_PROJECTION,
      ])) as unknown[];
      if (locked.length === 0) return 0;
      const events = await m
        .getRepository(EventLogEntry)
        .createQueryBuilder('e')
        .where('NOT e.projected')
        .orderBy('e.seq', 'ASC')
        .limit(this.config.projectionBatchSize)
        .getMany();
      if (events.length === 0) return 0;
      await this.applyEvents(m, events);
      if (this.failNextBatch) {
        const err = this.failNextBatch;
        this.failNextBatch = undefined;
        throw err;
      }
      const seqs = events.map((e) => e.seq);
      await m.query(`UPDATE event_log SET projected = TRUE WHERE seq = ANY($1::bigint[])`, [seqs]);
      await m.query(
        `UPDATE projection_position SET seq = GREATEST(seq, $2::bigint), events = events + $3, updated_at = now() WHERE name = $1`,
        [FACTS_PROJECTION, seqs[seqs.length - 1], events.length],
      );
      return events.length;
    });
  }

  /** Folds the events into the facts and moves the touched dossiers' contribution to the agency counts along. */
  async applyEvents(m: EntityManager, events: EventLogEntry[]): Promise<void> {
    const codes = [...new Set(events.map((e) => dossierCodeOf(e)).filter((c): c is string => c !== undefined))];
    if (codes.length) await m.query(addContributionsSql('f.dossier_code = ANY($1::text[])', '-1'), [codes]);
    await this.projector.applyMany(m, events.map(toEnvelope));
    if (codes.length) await m.query(addContributionsSql('f.dossier_code = ANY($1::text[])', '1'), [codes]);
  }
}

function dossierCodeOf(e: EventLogEntry): string | undefined {
  const code = (e.payload as { dossierCode?: unknown }).dossierCode;
  return typeof code === 'string' ? code : undefined;
}
