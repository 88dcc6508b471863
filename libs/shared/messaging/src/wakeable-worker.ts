import { Logger, LoggerService } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { errorMessage } from './internal';

/** What one batch reports back to the loop when a plain count is not enough. */
export interface WorkerBatchResult {
  /** Run the next batch at once (e.g. the batch was full, so more may be waiting). */
  again: boolean;
  /** When not `again`: wait at most this long (default `idlePollMs`); a wake-up cuts the wait short. */
  waitMs?: number;
}

export interface WakeableWorkerOptions {
  /** Names the loop in log lines, e.g. `Outbox relay`. */
  name: string;
  /**
   * Does one batch of work. A number is the items handled: more than 0 runs the next batch at once,
   * 0 waits for a wake-up or `idlePollMs`. A thrown error backs off (100 ms, doubling up to `maxBackoffMs`).
   */
  runBatch: () => Promise<number | WorkerBatchResult>;
  /** Wait when idle if nothing wakes the loop (default 1000 ms): a safety net, not the main path. */
  idlePollMs?: number;
  /** Cap of the growing back-off after a failed batch (default 5000 ms). Wake-ups do not cut a back-off short. */
  maxBackoffMs?: number;
  /** Also wake on PostgreSQL NOTIFY on `channel`, heard on a dedicated connection of the DataSource's pool (re-established when lost). */
  listen?: { dataSource: DataSource; channel: string };
  /** Delay before retrying a failed or lost LISTEN connection (default 1000 ms). */
  listenRetryMs?: number;
  logger?: LoggerService;
}

/**
 * A background loop that runs batches of work one after another: at once while there is more,
 * otherwise after a wake-up (`kick()`, a NOTIFY when `listen` is set) or the idle poll, and after a
 * growing back-off when a batch fails. A wake-up that arrives while a batch runs is not lost: the
 * loop goes round again right after it. `stop()` lets the current batch finish.
 */
export class WakeableWorker {
  private readonly name: string;
  private readonly runBatch: () => Promise<number | WorkerBatchResult>;
  private readonly idlePollMs: number;
  private readonly maxBackoffMs: number;
  private readonly listenRetryMs: number;
  private readonly listenOn?: { dataSource: DataSource; channel: string };
  private readonly logger: LoggerService;
  private running = false;
  private loop?: Promise<void>;
  /** Set by every wake-up source; cleared just before a batch starts (no lost wake-ups). */
  private pendingWake = false;
  private wake?: () => void;
  private listener?: PoolClient;
  private listenerRetry?: NodeJS.Timeout;

  constructor(opts: WakeableWorkerOptions) {
    if (opts.listen && !/^[a-z_][a-z0-9_]*$/.test(opts.listen.channel)) {
      throw new Error(`Invalid LISTEN channel "${opts.listen.channel}" (lowercase letters, digits and underscores)`);
    }
    this.name = opts.name;
    this.runBatch = opts.runBatch;
    this.idlePollMs = opts.idlePollMs ?? 1000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5000;
    this.listenRetryMs = opts.listenRetryMs ?? 1000;
    this.listenOn = opts.listen;
    this.logger = opts.logger ?? new Logger(WakeableWorker.name);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the loop (and the LISTEN connection first, when configured: resolves once listening or after a failed try). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    if (this.listenOn) await this.listen(this.listenOn);
    this.loop = this.run();
  }

  /** Stops after the current batch (resolves once it has finished) and closes the LISTEN connection. */
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

  /** Wakes the loop now (e.g. right after a commit); while a batch runs, the loop runs another right after it. */
  kick(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      let outcome: number | WorkerBatchResult;
      try {
        this.pendingWake = false;
        outcome = await this.runBatch();
        backoff = 0;
      } catch (err) {
        backoff = Math.min(backoff ? backoff * 2 : 100, this.maxBackoffMs);
        this.logger.warn(`${this.name} batch failed: ${errorMessage(err)}; retrying in ${backoff} ms`);
        await this.sleep(backoff, false);
        continue;
      }
      if (typeof outcome === 'number') {
        if (outcome > 0) continue;
        await this.sleep(this.idlePollMs, true);
      } else {
        if (outcome.again) continue;
        await this.sleep(outcome.waitMs ?? this.idlePollMs, true);
      }
    }
  }

  /** Waits `ms`, or less if stopped or (when `wakeable`) woken. */
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

  private async listen(on: { dataSource: DataSource; channel: string }): Promise<void> {
    if (!this.running) return;
    const pool = (on.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) {
      this.logger.warn(`${this.name}: no PostgreSQL pool found; relying on the idle poll`);
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
        this.logger.warn(`${this.name} lost its LISTEN connection (${reason}); reconnecting`);
        this.kick();
        this.scheduleListen(on);
      };
      c.on('notification', (n) => {
        if (n.channel === on.channel) this.kick();
      });
      c.on('error', (err: Error) => lost(err.message));
      c.on('end', () => lost('connection ended'));
      await c.query(`LISTEN ${on.channel}`);
      if (!this.running) {
        // stopped while (re)connecting
        c.release(true);
        return;
      }
      this.listener = c;
      // Anything committed while we were not listening is picked up by this wake-up.
      this.kick();
    } catch (err) {
      client?.release(true);
      if (!this.running) return;
      this.logger.warn(`${this.name} could not LISTEN: ${errorMessage(err)}; retrying`);
      this.scheduleListen(on);
    }
  }

  private scheduleListen(on: { dataSource: DataSource; channel: string }): void {
    clearTimeout(this.listenerRetry);
    this.listenerRetry = setTimeout(() => void this.listen(on), this.listenRetryMs);
  }
}
