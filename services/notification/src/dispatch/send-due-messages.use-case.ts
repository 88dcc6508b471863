import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATION_DELIVERY_FAILED, NOTIFICATION_SENT, NotificationDeliveryFailedV1, NotificationSentV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { maskDigits, SERVICE_CONFIG } from '@motcua/platform';
import { maskAddress } from '../messages/mask-address';
import { EmailAdapter } from '../channels/email.adapter';
import { ZaloZnsAdapter } from '../channels/zalo-zns.adapter';
import { NotificationConfig } from '../config/notification.config';
import { Message } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { MessageComposer } from '../templates/message-composer';
import { NotificationChannel, TEMPLATE_KEYS, TemplateKey } from '../templates/template-catalog';
import { SmsGatewayAdapter } from './sms-gateway.adapter';
import { TokenBucket } from './token-bucket';

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
      // one connection per transaction: record the outcomes one after the other
      for (const [i, msg] of batch.entries()) {
        const outcome = outcomes[i];
        const now = new Date();
        const who = `${msg.channel} ${msg.id} (${msg.template}, dossier ${msg.dossierCode}) to ${maskAddress(msg.recipient)}`;
        if (outcome.ok) {
          await this.messages.markSent(m, msg.id, outcome.providerMessageId, now);
          const event: NotificationSentV1 = {
            dossierCode: msg.dossierCode,
            messageId: msg.id,
            channel: msg.channel,
            template: msg.template,
            sentAt: now.toISOString(),
          };
          await this.outbox.add(NOTIFICATION_SENT, 1, event, { correlationId: msg.dossierCode, causationId: null });
          this.logger.log(`${who} sent as ${outcome.providerMessageId}`);
          result.sent++;
        } else if (!outcome.retryable || msg.attempts + 1 >= this.config.smsMaxAttempts) {
          await this.messages.markFailed(m, msg.id, outcome.error, now);
          const failed: NotificationDeliveryFailedV1 = {
            dossierCode: msg.dossierCode,
            messageId: msg.id,
            channel: msg.channel,
            template: msg.template,
            kind: 'FAILED',
            error: outcome.error.slice(0, 500),
            failedAt: now.toISOString(),
          };
          await this.outbox.add(NOTIFICATION_DELIVERY_FAILED, 1, failed, { correlationId: msg.dossierCode, causationId: null });
          this.logger.error(`${who} FAILED after ${msg.attempts + 1} attempt(s): ${outcome.error}`);
          if (msg.channel === 'ZALO') await this.fallBackToSms(m, msg, now);
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

  /** The same purpose by SMS to the same phone, rendered from the Zalo message's values with the active SMS template. */
  private async fallBackToSms(m: EntityManager, zalo: Message, now: Date): Promise<void> {
    const key = zalo.templateKey as TemplateKey | null;
    if (!key || !(key in TEMPLATE_KEYS) || !zalo.params) return;
    const sms = await this.composer.compose(m, {
      dossierCode: zalo.dossierCode,
      purpose: TEMPLATE_KEYS[key].purpose,
      key,
      values: zalo.params,
      channel: 'SMS',
      recipient: zalo.recipient,
      fallbackOf: zalo.id,
      now,
    });
    const id = await this.messages.queue(m, sms);
    this.logger.log(
      id
        ? `Zalo ${zalo.id} failed: fallback SMS ${id} queued to ${maskDigits(zalo.recipient)}`
        : `Zalo ${zalo.id} failed: an SMS for ${zalo.template} to ${maskDigits(zalo.recipient)} already exists`,
    );
  }

  /** base, 2×base, 4×base … capped at one hour. */
  private retryDelay(msg: Message): number {
    return Math.min(this.config.smsRetryBaseMs * 2 ** msg.attempts, MAX_RETRY_DELAY_MS);
  }
}
