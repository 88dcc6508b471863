import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_DELIVERY_FAILED, NOTIFICATION_SENT, NotificationDeliveryFailedV1, NotificationSentV1 } from '@motcua/contracts';
import { Outbox, OutboxEvent, runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { maskAddress } from '../messages/mask-address';
import { EmailAdapter } from '../channels/email.adapter';
import { ZaloZnsAdapter } from '../channels/zalo-zns.adapter';
import { NotificationConfig } from '../config/notification.config';
import { Message } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { MessageComposer } from '../templates/message-composer';
import { NotificationChannel } from '../templates/template-catalog';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { TokenBucket } from './token-bucket';
import { ZaloFallback } from './zalo-fallback';

const MAX_RETRY_DELAY_MS = 3_600_000;

export interface SendDueMessagesResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

type Outcome = { ok: true; providerMessageId: string } | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/**
 * Sends one batch of due messages. The batch is locked `FOR UPDATE SKIP LOCKED` for the whole
 * transaction, so replicas never send the same row; each outcome (SENT with `notification.sent`
 * in the outbox, a retry with growing delay, or FAILED after the last attempt) commits with it.
 * A Zalo message that FAILS (no Zalo account, or attempts exhausted) queues its fallback SMS in the
 * same transaction — a message of its own, unique per (dossier, purpose, SMS, phone) like any other.
 * A crash after sending and before commit re-sends with the same id (`clientRequestId`,
 * `tracking_id`, Message-ID), which the providers deduplicate.
 */
@Injectable()
export class SendDueMessagesUseCase {
  private readonly logger = new Logger(SendDueMessagesUseCase.name);
  /** Per-provider rate limits (token buckets), shared by every batch of this process. */
  private readonly buckets: Record<NotificationChannel, TokenBucket>;

  constructor(
    private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly sms: SmsGatewayAdapter,
    private readonly zalo: ZaloZnsAdapter,
    private readonly email: EmailAdapter,
    private readonly composer: MessageComposer,
    private readonly fallback: ZaloFallback,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.buckets = {
      SMS: new TokenBucket(config.smsRatePerSecond, config.smsRateBurst),
      ZALO: new TokenBucket(config.zaloRatePerSecond, config.zaloRateBurst),
      EMAIL: new TokenBucket(config.emailRatePerSecond, config.emailRateBurst),
    };
  }

  async execute(limit = this.config.dispatchBatchSize): Promise<SendDueMessagesResult> {
    return runInTransaction(this.db, async (m) => {
      const batch = await this.messages.claimDue(m, limit);
      const result: SendDueMessagesResult = { claimed: batch.length, sent: 0, retried: 0, failed: 0 };
      const outcomes = await Promise.all(batch.map((msg) => this.send(msg)));
      // the messages sent (the usual outcome) are recorded together: one UPDATE, one outbox insert
      const sentAt = new Date();
      const sent: Array<{ id: string; gatewayMessageId: string }> = [];
      const sentEvents: OutboxEvent<NotificationSentV1>[] = [];
      // one connection per transaction: record the other outcomes one after the other
      for (const [i, msg] of batch.entries()) {
        const outcome = outcomes[i];
        const now = new Date();
        const who = `${msg.channel} ${msg.id} (${msg.messageKey}) to ${maskAddress(msg.recipient)}`;
        // a pickup message has no dossier code yet: correlated by the pickup
        const correlationId = msg.dossierCode ?? msg.pickupId ?? msg.id;
        const dossierCode = msg.dossierCode ?? undefined;
        if (outcome.ok) {
          sent.push({ id: msg.id, gatewayMessageId: outcome.providerMessageId });
          const data: NotificationSentV1 = {
            dossierCode,
            messageId: msg.id,
            channel: msg.channel,
            template: msg.template,
            sentAt: sentAt.toISOString(),
          };
          sentEvents.push({ type: NOTIFICATION_SENT, version: 1, data, opts: { correlationId, causationId: null } });
          this.logger.log(`${who} sent as ${outcome.providerMessageId}`);
          result.sent++;
        } else if (!outcome.retryable || msg.attempts + 1 >= this.config.smsMaxAttempts) {
          await this.messages.markFailed(m, msg.id, outcome.error, now);
          const failed: NotificationDeliveryFailedV1 = {
            dossierCode,
            messageId: msg.id,
            channel: msg.channel,
            template: msg.template,
            kind: 'FAILED',
            error: outcome.error.slice(0, 500),
            failedAt: now.toISOString(),
          };
          await this.outbox.add(NOTIFICATION_DELIVERY_FAILED, 1, failed, { correlationId, causationId: null });
          this.logger.error(`${who} FAILED after ${msg.attempts + 1} attempt(s): ${outcome.error}`);
          if (msg.channel === 'ZALO') await this.fallback.queueSms(m, msg, now, 'failed');
          result.failed++;
        } else {
          // a provider's Retry-After (429) is honoured when longer than our backoff
          const delay = Math.max(this.retryDelay(msg), outcome.retryAfterMs ?? 0);
          // a retry that would fall into quiet hours waits for their end (unless urgent)
          await this.messages.markRetry(m, msg.id, outcome.error, this.composer.releaseAt(new Date(now.getTime() + delay), msg.urgent));
          this.logger.warn(`${who} failed (attempt ${msg.attempts + 1}): ${outcome.error}; retry in ${delay} ms`);
          result.retried++;
        }
      }
      if (sent.length > 0) {
        await this.messages.markSentMany(m, sent, sentAt);
        await this.outbox.addMany(sentEvents);
      }
      return result;
    });
  }

  private async send(msg: Message): Promise<Outcome> {
    await this.buckets[msg.channel].take();
    if (msg.channel === 'SMS') {
      const r = await this.sms.send({ clientRequestId: msg.id, phone: msg.recipient, message: msg.text });
      return r.ok ? { ok: true, providerMessageId: r.gatewayMessageId } : r;
    }
    if (msg.channel === 'ZALO') {
      if (!msg.znsTemplateId) return { ok: false, retryable: false, error: 'No ZNS template id' };
      return this.zalo.send({ trackingId: msg.id, phone: msg.recipient, templateId: msg.znsTemplateId, templateData: msg.params ?? {} });
    }
    return this.email.send({ messageId: msg.id, to: msg.recipient, subject: msg.subject ?? '', text: msg.text });
  }

  /** base, 2×base, 4×base … capped at one hour. */
  private retryDelay(msg: Message): number {
    return Math.min(this.config.smsRetryBaseMs * 2 ** msg.attempts, MAX_RETRY_DELAY_MS);
  }
}
