import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SENT, NotificationSentV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { maskDigits, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { Message } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { SmsGatewayAdapter } from './sms-gateway.adapter';

const MAX_RETRY_DELAY_MS = 3_600_000;

export interface SendDueMessagesResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends one batch of due messages. The batch is locked `FOR UPDATE SKIP LOCKED` for the whole
 * transaction, so replicas never send the same row; each outcome (SENT with `notification.sent`
 * in the outbox, a retry with growing delay, or FAILED after the last attempt) commits with it.
 * A crash after sending and before commit re-sends with the same `clientRequestId`, which the
 * gateway deduplicates.
 */
@Injectable()
export class SendDueMessagesUseCase {
  private readonly logger = new Logger(SendDueMessagesUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly gateway: SmsGatewayAdapter,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async execute(limit = this.config.dispatchBatchSize): Promise<SendDueMessagesResult> {
    return runInTransaction(this.db, async (m) => {
      const batch = await this.messages.claimDue(m, limit);
      const result: SendDueMessagesResult = { claimed: batch.length, sent: 0, retried: 0, failed: 0 };
      const outcomes = await Promise.all(
        batch.map((msg) => this.gateway.send({ clientRequestId: msg.id, phone: msg.recipient, message: msg.text })),
      );
      // one connection per transaction: record the outcomes one after the other
      for (const [i, msg] of batch.entries()) {
        const outcome = outcomes[i];
        const now = new Date();
        if (outcome.ok) {
          await this.messages.markSent(m, msg.id, outcome.gatewayMessageId, now);
          const event: NotificationSentV1 = {
            dossierCode: msg.dossierCode,
            messageId: msg.id,
            channel: msg.channel,
            template: msg.template,
            sentAt: now.toISOString(),
          };
          await this.outbox.add(NOTIFICATION_SENT, 1, event, { correlationId: msg.dossierCode, causationId: null });
          this.logger.log(
            `SMS ${msg.id} (${msg.template}, dossier ${msg.dossierCode}) sent to ${maskDigits(msg.recipient)} as ${outcome.gatewayMessageId}`,
          );
          result.sent++;
        } else if (!outcome.retryable || msg.attempts + 1 >= this.config.smsMaxAttempts) {
          await this.messages.markFailed(m, msg.id, outcome.error, now);
          this.logger.error(
            `SMS ${msg.id} (dossier ${msg.dossierCode}) to ${maskDigits(msg.recipient)} FAILED after ${msg.attempts + 1} attempt(s): ${outcome.error}`,
          );
          result.failed++;
        } else {
          const delay = this.retryDelay(msg);
          await this.messages.markRetry(m, msg.id, outcome.error, new Date(now.getTime() + delay));
          this.logger.warn(
            `SMS ${msg.id} (dossier ${msg.dossierCode}) to ${maskDigits(msg.recipient)} failed (attempt ${msg.attempts + 1}): ${outcome.error}; retry in ${delay} ms`,
          );
          result.retried++;
        }
      }
      return result;
    });
  }

  /** base, 2×base, 4×base … capped at one hour. */
  private retryDelay(msg: Message): number {
    return Math.min(this.config.smsRetryBaseMs * 2 ** msg.attempts, MAX_RETRY_DELAY_MS);
  }
}
