import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/platform';
import { ReportingConfig } from '../config/reporting.config';
import { FactsView } from './facts-view';

export interface TakenSnapshot {
  id: number;
  cutAt: Date;
  dossiers: number;
  /** Where its facts came from (the previous snapshot and the events folded on it). */
  source: { snapshotId: number | null; events: number };
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3600_000;

/** The last local midnight (Asia/Ho_Chi_Minh) at or before `now`. */
export function lastLocalMidnight(now: Date): Date {
  return new Date(Math.floor((now.getTime() + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS);
}

/**
 * Periodic snapshots of the facts for "as of" queries: every `SNAPSHOT_CHECK_MINUTES` the service makes sure a
 * snapshot cut at the last local midnight exists (one a day; several replicas may race, the newest one wins
 * in a query), built from the previous snapshot plus the events since (FactsView), and keeps the
 * `SNAPSHOT_RETENTION` newest.
 */
@Injectable()
export class FactSnapshots implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FactSnapshots.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly db: DataSource,
    private readonly view: FactsView,
    @Inject(SERVICE_CONFIG) private readonly config: ReportingConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.snapshotCheckMinutes <= 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.takeDue()
        .catch((err: Error) => this.logger.warn(`Fact snapshot failed: ${err.message}`))
        .finally(() => (this.running = undefined));
    }, this.config.snapshotCheckMinutes * 60_000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Takes the snapshot cut at the last local midnight unless it exists; prunes old ones. Returns it if taken. */
  async takeDue(now = new Date()): Promise<TakenSnapshot | null> {
    const cut = lastLocalMidnight(now);
    const exists = (await this.db.query(`SELECT 1 FROM fact_snapshot WHERE cut_at = $1`, [cut])) as unknown[];
    const taken = exists.length ? null : await this.take(cut);
    await this.db.query(
      `DELETE FROM fact_snapshot_row WHERE snapshot_id IN (SELECT id FROM fact_snapshot ORDER BY cut_at DESC, id DESC OFFSET $1)`,
      [this.config.snapshotRetention],
    );
    await this.db.query(`DELETE FROM fact_snapshot WHERE id IN (SELECT id FROM fact_snapshot ORDER BY cut_at DESC, id DESC OFFSET $1)`, [
      this.config.snapshotRetention,
    ]);
    return taken;
  }

  /**
   * The facts as of `cut` (events that occurred at or before it and are visible to this REPEATABLE READ
   * transaction, whose snapshot is stored with it), saved as a snapshot.
   */
  async take(cut: Date): Promise<TakenSnapshot> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const m = runner.manager;
      // the first statement fixes the transaction's snapshot: the events it sees are exactly those visible in it
      const [{ snap }] = (await m.query(`SELECT txid_current_snapshot()::text AS snap`)) as Array<{ snap: string }>;
      const source = await this.view.build(m, cut);
      const [{ id, dossiers }] = (await m.query(
        `INSERT INTO fact_snapshot (cut_at, pg_snapshot, dossiers) SELECT $1, $2, count(*) FROM dossier_fact RETURNING id, dossiers`,
        [cut, snap],
      )) as Array<{ id: number; dossiers: number }>;
      await m.query(
        `INSERT INTO fact_snapshot_row (snapshot_id, dossier_code, agency_code, row)
         SELECT $1, d.dossier_code, d.competent_agency_code, to_jsonb(d) FROM dossier_fact d`,
        [id],
      );
      await runner.commitTransaction();
      this.logger.log(`Fact snapshot ${id} cut at ${cut.toISOString()}: ${dossiers} dossier(s), ${source.events} event(s) folded`);
      return { id, cutAt: cut, dossiers, source };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
