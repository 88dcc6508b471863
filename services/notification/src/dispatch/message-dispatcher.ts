import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { MESSAGE_QUEUED_CHANNEL, MessageRepository } from '../messages/message.repository';
import { SendDueMessagesUseCase } from './send-due-messages.use-case';

/**
 * The in-process loop that sends queued messages: started on application bootstrap, stopped on
 * shutdown (before the database closes). Woken at commit by `pg_notify` (a dedicated LISTEN connection, so every replica hears
 * it), by `kick()`, at the next retry instant, or by the slow poll as a fallback.
 */
@Injectable()
export class MessageDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MessageDispatcher.name);
  private running = false;
  private loop?: Promise<void>;
  private pendingWake = false;
  private wake?: () => void;
  private listener?: PoolClient;
  private listenerRetry?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly sendDue: SendDueMessagesUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Module destroy runs before the database closes (onApplicationShutdown): the last batch commits. */
  async onModuleDestroy(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.kick();
    await this.loop;
    clearTimeout(this.listenerRetry);
    const client = this.listener;
    this.listener = undefined;
    client?.release(true); // LISTENing: destroy rather than return to the pool
  }

  /** Wakes the loop now (e.g. a test, or an in-process producer right after its commit). */
  kick(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      let waitMs: number;
      try {
        this.pendingWake = false;
        const r = await this.sendDue.execute();
        backoff = 0;
        if (r.claimed === this.config.dispatchBatchSize) continue; // more may be due
        const next = await this.messages.msUntilNextDue(this.db.manager);
        waitMs = next === null ? this.config.dispatchPollMs : Math.min(Math.max(next, 5), this.config.dispatchPollMs);
      } catch (err) {
        backoff = Math.min(backoff ? backoff * 2 : 100, this.config.dispatchPollMs);
        this.logger.warn(`Message dispatch failed: ${(err as Error).message}; retrying in ${backoff} ms`);
        waitMs = backoff;
      }
      await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running || this.pendingWake) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async listen(): Promise<void> {
    if (!this.running) return;
    const pool = (this.db.driver as unknown as { master?: Pool }).master;
    if (!pool) {
      this.logger.warn('No PostgreSQL pool found; relying on the poll');
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
        this.logger.warn(`Lost the LISTEN connection (${reason}); reconnecting`);
        this.kick();
        this.scheduleListen();
      };
      c.on('notification', (n) => {
        if (n.channel === MESSAGE_QUEUED_CHANNEL) this.kick();
      });
      c.on('error', (err: Error) => lost(err.message));
      c.on('end', () => lost('connection ended'));
      await c.query(`LISTEN ${MESSAGE_QUEUED_CHANNEL}`);
      this.listener = c;
      this.kick(); // anything queued while we were not listening
    } catch (err) {
      client?.release(true);
      this.logger.warn(`Could not LISTEN: ${(err as Error).message}; retrying`);
      this.scheduleListen();
    }
  }

  private scheduleListen(): void {
    clearTimeout(this.listenerRetry);
    this.listenerRetry = setTimeout(() => void this.listen(), 1000);
  }
}
