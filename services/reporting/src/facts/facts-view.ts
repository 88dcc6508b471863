import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventLogEntry } from '../events/event-log.entity';
import { toEnvelope } from '../events/event-log.repository';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { DossierFactProjector } from './dossier-fact.projector';
import { managerOf } from '@motcua/messaging';

const PAGE_SIZE = 5000;

/** Where the facts of an "as of" view came from. */
export interface FactsAsOfSource {
  /** The snapshot restored (null: replayed from the start of the log). */
  snapshotId: number | null;
  /** Events folded on top of it. */
  events: number;
}

/**
 * Where the queries read `dossier_fact` from: the live projection, or — for an "as of" query — the facts as
 * they stood at a past instant: a session-private temporary table named `dossier_fact` (PostgreSQL looks in
 * `pg_temp` before `public`, so every query reads it unchanged) filled from the latest fact snapshot whose
 * cut is not after the instant (`fact_snapshot`, see FactSnapshots), plus the logged events that occurred at
 * or before the instant and that the snapshot did not include — those after its cut, and those at or before
 * it committed too late for the transaction that took it (`txid_visible_in_snapshot`) — folded with the live
 * projector (the fold is order-independent). Without a snapshot the whole log up to the instant is replayed.
 * The transaction is rolled back after the read, dropping the table.
 */
@Injectable()
export class FactsView {
  /** What the last `build` used (tests, logs). */
  lastSource?: FactsAsOfSource;

  constructor(
    private readonly db: DataSource,
    private readonly projector: DossierFactProjector,
    private readonly tree: AggregatesRepository,
  ) {}

  /**
   * Runs `query` on the live facts, or on the facts as of `asOf`. `agencyCode`: the query reads only the
   * dossiers of that agency's subtree (competent agency), so only their snapshot rows are restored (with
   * those of any dossier the later events touch); `snapshots: false` replays the whole log (tests).
   */
  async read<T>(
    asOf: Date | undefined,
    query: (m: EntityManager) => Promise<T>,
    opts: { snapshots?: boolean; agencyCode?: string } = {},
  ): Promise<T> {
    if (!asOf) return query(managerOf(this.db));
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const scope = opts.agencyCode === undefined ? undefined : await this.tree.codesUnder(runner.manager, opts.agencyCode);
      await this.build(runner.manager, asOf, opts.snapshots ?? true, scope);
      return await query(runner.manager);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /**
   * Creates the temporary `dossier_fact` (dropped at commit / rollback) holding the facts as of `asOf` (of
   * the dossiers of the competent agencies `scope` at least, when given).
   */
  async build(m: EntityManager, asOf: Date, useSnapshots = true, scope?: readonly string[]): Promise<FactsAsOfSource> {
    // no index but the key while rows are bulk-restored; the others after (cheaper than maintaining them row by row)
    await m.query(`CREATE TEMP TABLE dossier_fact (LIKE public.dossier_fact INCLUDING DEFAULTS) ON COMMIT DROP`);
    await m.query(`ALTER TABLE pg_temp.dossier_fact ADD PRIMARY KEY (dossier_code)`);
    const [snapshot] = useSnapshots
      ? ((await m.query(`SELECT id, cut_at, pg_snapshot FROM fact_snapshot WHERE cut_at <= $1 ORDER BY cut_at DESC, id DESC LIMIT 1`, [
          asOf,
        ])) as Array<{ id: number; cut_at: Date; pg_snapshot: string }>)
      : [];
    const qb = m.getRepository(EventLogEntry).createQueryBuilder('e').where('e.occurredAt <= :asOf', { asOf });
    if (snapshot) {
      qb.andWhere(
        `(e.occurredAt > :cut OR (e.txId >= txid_snapshot_xmin(CAST(:snap AS txid_snapshot))
                                  AND NOT txid_visible_in_snapshot(e.txId, CAST(:snap AS txid_snapshot))))`,
        { cut: snapshot.cut_at, snap: snapshot.pg_snapshot },
      );
      // (a lateral function scan: `(jsonb_populate_record(…)).*` would call it once per column)
      if (scope) {
        // the scope's rows, and the rows of every dossier the events folded on top touch (their earlier facts)
        const touched = (await qb.clone().select(`DISTINCT e.payload->>'dossierCode'`, 'code').getRawMany<{ code: string | null }>())
          .map((r) => r.code)
          .filter((c): c is string => c !== null);
        await m.query(
          `INSERT INTO dossier_fact SELECT p.* FROM fact_snapshot_row r, jsonb_populate_record(NULL::dossier_fact, r.row) p
           WHERE r.snapshot_id = $1 AND r.agency_code = ANY($2::text[])
           UNION ALL
           SELECT p.* FROM fact_snapshot_row r, jsonb_populate_record(NULL::dossier_fact, r.row) p
           WHERE r.snapshot_id = $1 AND r.dossier_code = ANY($3::text[]) AND (r.agency_code IS NULL OR NOT r.agency_code = ANY($2::text[]))`,
          [snapshot.id, scope, touched],
        );
      } else {
        await m.query(
          `INSERT INTO dossier_fact SELECT p.* FROM fact_snapshot_row r, jsonb_populate_record(NULL::dossier_fact, r.row) p WHERE r.snapshot_id = $1`,
          [snapshot.id],
        );
      }
    }
    qb.orderBy('e.occurredAt', 'ASC').addOrderBy('e.id', 'ASC');
    let events = 0;
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await qb.clone().offset(offset).limit(PAGE_SIZE).getMany();
      await this.projector.applyMany(m, page.map(toEnvelope));
      events += page.length;
      if (page.length < PAGE_SIZE) break;
    }
    // the indexes the queries use, and statistics for the planner (a temporary table has none)
    await m.query(`CREATE INDEX ON pg_temp.dossier_fact (competent_agency_code, received_at)`);
    await m.query(`ANALYZE pg_temp.dossier_fact`);
    this.lastSource = { snapshotId: snapshot?.id ?? null, events };
    return this.lastSource;
  }
}
