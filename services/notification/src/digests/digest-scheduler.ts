import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { SendDigestsUseCase } from './send-digests.use-case';

/** Ticks every `DIGEST_POLL_MS`; the use case decides (durably) whether a digest is due. */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly send: SendDigestsUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.digestRecipients) return;
    this.timer = setInterval(() => void this.tick(), this.config.digestPollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.send.execute().catch((err: Error) => this.logger.error(`Digest tick failed: ${err.message}`));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}
