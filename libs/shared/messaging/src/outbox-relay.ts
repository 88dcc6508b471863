import { Logger, LoggerService } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { MessageBus } from './bus';
import { errorMessage, truncate } from './internal';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  /** Rows per publish (default 200). */
  batchSize?: number;
  /** Poll interval when no NOTIFY arrives (default 1000 ms): a safety net, not the main path. */
  idlePollMs?: number;
  /** Cap of the growing back-off after a failed publish (default 5000 ms). */
  maxBackoffMs?: number;
  logger?: LoggerService;
}

interface OutboxRow {
  seq: string;
  payload: EventEnvelope;
}

/**
 * Publishes committed outbox rows: `SELECT … FOR UPDATE SKIP LOCKED` a batch in seq order, publish
 * it with publisher confirms, delete it, commit. Woken by NOTIFY (a dedicated LISTEN connection),
 * by `kick()`, or by the idle poll. Replicas share the table without publishing a row twice in
 * normal operation; a crash between publish and commit re-publishes (consumers dedupe by inbox).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: LoggerService;
  private running = false;
  private loop?: Promise<void>;
  /** Set by every wake-up source; cleared just before a batch is selected (no lost wake-ups). */
  private pendingWake = false;
  private wake?: () => void;
  private listener?: PoolClient;
  private listenerRetry?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    opts: OutboxRelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.idlePollMs = opts.idlePollMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5000;
    this.logger = opts.logger ?? new Logger(OutboxRelay.name);
  }

  /** Starts the LISTEN connection and the loop; resolves once listening (or after a failed try). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Stops after the current batch (which is either committed or rolled back, never half done). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.kick();
    await this.loop;
    clearTimeout(this.listenerRetry);
    const client = this.listener;
    this.listener = undefined;
    // Destroy rather than return to the pool: the connection is LISTENing.
    client?.release(true);
  }

  /** Wakes the loop now (in-process signal, e.g. right after a commit). */
  kick(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      let published: number;
      try {
        this.pendingWake = false;
        published = await this.relayBatch();
        backoff = 0;
      } catch (err) {
        backoff = Math.min(backoff ? backoff * 2 : 100, this.maxBackoffMs);
        this.logger.warn(`Outbox relay batch failed: ${errorMessage(err)}; retrying in ${backoff} ms`);
        await this.sleep(backoff, false);
        continue;
      }
      if (published === this.batchSize) continue;
      await this.sleep(this.idlePollMs, true);
    }
  }

  /** Publishes one batch; returns its size. */
  async relayBatch(): Promise<number> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const rows = (await qr.query(
        `SELECT "seq", "payload" FROM "outbox_message" ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      )) as OutboxRow[];
      if (rows.length === 0) {
        await qr.commitTransaction();
        return 0;
      }
      const seqs = rows.map((r) => r.seq);
      try {
        await this.bus.publish(rows.map((r) => r.payload));
      } catch (err) {
        await qr.rollbackTransaction();
        await this.recordFailure(seqs, err, rows);
        throw err;
      }
      await qr.query(`DELETE FROM "outbox_message" WHERE "seq" = ANY($1::bigint[])`, [seqs]);
      await qr.commitTransaction();
      this.logger.debug?.(`Outbox relay published ${rows.length} message(s): ${rows.map((r) => r.payload.id).join(', ')}`);
      return rows.length;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await qr.release();
    }
  }

  private async recordFailure(seqs: string[], err: unknown, rows: OutboxRow[]): Promise<void> {
    const message = truncate(errorMessage(err));
    this.logger.warn(`Outbox relay could not publish message(s) ${rows.map((r) => r.payload.id).join(', ')}: ${message}`);
    try {
      await this.dataSource.query(
        `UPDATE "outbox_message" SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "seq" = ANY($1::bigint[])`,
        [seqs, message],
      );
    } catch (updateErr) {
      this.logger.warn(`Outbox relay could not record the failure: ${errorMessage(updateErr)}`);
    }
  }

  /** Waits `ms`, or less if woken (when `wakeable`). */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (wakeable && this.pendingWake) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (wakeable || !this.running) done();
      };
    });
  }

  private async listen(): Promise<void> {
    if (!this.running) return;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) {
      this.logger.warn('Outbox relay: no PostgreSQL pool found; relying on the idle poll');
      return;
    }
    let client: PoolClient | undefined;
    try {
      client = await pool.connect();
      const c = client;
      const lost = (reason: string): void => {
        if (this.listener !== c) return;
        this.listener = undefined;
        c.release(true);
        if (!this.running) return;
        this.logger.warn(`Outbox relay lost its LISTEN connection (${reason}); reconnecting`);
        this.kick();
        this.scheduleListen();
      };
      c.on('notification', (n) => {
        if (n.channel === OUTBOX_CHANNEL) this.kick();
      });
      c.on('error', (err: Error) => lost(err.message));
      c.on('end', () => lost('connection ended'));
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = c;
      // Anything committed while we were not listening is picked up by this wake-up.
      this.kick();
    } catch (err) {
      client?.release(true);
      this.logger.warn(`Outbox relay could not LISTEN: ${errorMessage(err)}; retrying`);
      this.scheduleListen();
    }
  }

  private scheduleListen(): void {
    clearTimeout(this.listenerRetry);
    this.listenerRetry = setTimeout(() => void this.listen(), 1000);
  }
}
