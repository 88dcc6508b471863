import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventLogCursor, EventLogRepository, toEnvelope } from '../events/event-log.repository';
import { DossierFactProjector } from './dossier-fact.projector';

const PAGE_SIZE = 5000;

/**
 * Where the queries read `dossier_fact` from: the live projection, or — for an "as of" query — the
 * facts as they stood at a past instant. For the latter, a session-private temporary table named
 * `dossier_fact` (PostgreSQL looks in `pg_temp` before `public`, so every query reads it unchanged)
 * is filled by replaying, with the live projector, only the logged events that occurred at or before
 * the instant; the transaction is rolled back after the read, dropping the table.
 */
@Injectable()
export class FactsView {
  constructor(
    private readonly db: DataSource,
    private readonly log: EventLogRepository,
    private readonly projector: DossierFactProjector,
  ) {}

  async read<T>(asOf: Date | undefined, query: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!asOf) return query(this.db.manager);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const m = runner.manager;
      await m.query(`CREATE TEMP TABLE dossier_fact (LIKE public.dossier_fact INCLUDING ALL) ON COMMIT DROP`);
      let after: EventLogCursor | null = null;
      for (;;) {
        const page = await this.log.page(m, after, PAGE_SIZE, asOf);
        for (const entry of page) await this.projector.apply(m, toEnvelope(entry));
        if (page.length < PAGE_SIZE) break;
        const last = page[page.length - 1];
        after = { occurredAt: last.occurredAt, id: last.id };
      }
      return await query(m);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
