import { Logger, LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';
import { MessageBus } from './bus';
import { errorMessage, truncate } from './internal';
import { OUTBOX_CHANNEL } from './outbox';
import { WakeableWorker } from './wakeable-worker';

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
  private readonly logger: LoggerService;
  private readonly worker: WakeableWorker;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    opts: OutboxRelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.logger = opts.logger ?? new Logger(OutboxRelay.name);
    this.worker = new WakeableWorker({
      name: 'Outbox relay',
      // a full batch: more rows may be waiting
      runBatch: async () => ({ again: (await this.relayBatch()) === this.batchSize }),
      idlePollMs: opts.idlePollMs ?? 1000,
      maxBackoffMs: opts.maxBackoffMs ?? 5000,
      listen: { dataSource, channel: OUTBOX_CHANNEL },
      logger: this.logger,
    });
  }

  /** Starts the LISTEN connection and the loop; resolves once listening (or after a failed try). */
  start(): Promise<void> {
    return this.worker.start();
  }

  /** Stops after the current batch (which is either committed or rolled back, never half done). */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Wakes the loop now (in-process signal, e.g. right after a commit). */
  kick(): void {
    this.worker.kick();
  }

  /** Publishes one batch; returns its size. */
  async relayBatch(): Promise<number> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const rows = (await qr.query(`SELECT "seq", "payload" FROM "outbox_message" ORDER BY "seq" LIMIT $1 FOR UPDATE SKIP LOCKED`, [
        this.batchSize,
      ])) as OutboxRow[];
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
}
