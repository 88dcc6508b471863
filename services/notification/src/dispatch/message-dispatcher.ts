import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WakeableWorker } from '@motcua/messaging';
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
  private readonly worker: WakeableWorker;

  constructor(
    private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly sendDue: SendDueMessagesUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.worker = new WakeableWorker({
      name: 'Message dispatch',
      runBatch: () => this.sendDueBatch(),
      idlePollMs: config.dispatchPollMs,
      maxBackoffMs: config.dispatchPollMs,
      listen: { dataSource: db, channel: MESSAGE_QUEUED_CHANNEL },
      logger: new Logger(MessageDispatcher.name),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.worker.start();
  }

  /** Module destroy runs before the database closes (onApplicationShutdown): the last batch commits. */
  onModuleDestroy(): Promise<void> {
    return this.worker.stop();
  }

  /** Wakes the loop now (e.g. a test, or an in-process producer right after its commit). */
  kick(): void {
    this.worker.kick();
  }

  /** Sends what is due; then runs again at once if the batch was full, else waits until the next retry instant (at most the poll). */
  private async sendDueBatch(): Promise<{ again: boolean; waitMs?: number }> {
    const r = await this.sendDue.execute();
    if (r.claimed === this.config.dispatchBatchSize) return { again: true }; // more may be due
    const next = await this.messages.msUntilNextDue(this.db.manager);
    return { again: false, waitMs: next === null ? this.config.dispatchPollMs : Math.min(Math.max(next, 5), this.config.dispatchPollMs) };
  }
}
