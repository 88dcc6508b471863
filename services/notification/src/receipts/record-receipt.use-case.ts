import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_DELIVERY_FAILED, NotificationDeliveryFailedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { DeliveryStatus } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { ZaloFallback } from '../dispatch/zalo-fallback';
import { NotificationChannel } from '../templates/template-catalog';
import { receiptSupersedes } from './delivery-status';

export interface ReceiptCommand {
  channel: NotificationChannel;
  /** Our message id (the gateway's clientRequestId), when the receipt carries it. */
  id?: string;
  gatewayMessageId?: string;
  status: DeliveryStatus;
  /** Provider status and code as received, e.g. `FAILED/SUBSCRIBER_ABSENT`. */
  detail: string;
  reportedAt: Date;
}

export type ReceiptOutcome = 'APPLIED' | 'IGNORED';

/**
 * Applies one delivery receipt (SMS or Zalo, already normalised) to its message. Idempotent: a
 * duplicate (or any receipt after a final status) only counts; a late TEMPORARY_FAILURE never undoes
 * DELIVERED. The first PERMANENT_FAILURE publishes `notification.delivery-failed` in the same
 * transaction and, for a Zalo message, queues its fallback SMS (once: it has the Zalo message's key).
 */
@Injectable()
export class RecordReceiptUseCase {
  private readonly logger = new Logger(RecordReceiptUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly fallback: ZaloFallback,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: ReceiptCommand): Promise<{ messageId: string; outcome: ReceiptOutcome; deliveryStatus: DeliveryStatus | null }> {
    return runInTransaction(this.db, async (m) => {
      const msg = await this.messages.lockForReceipt(m, cmd.channel, { id: cmd.id, gatewayMessageId: cmd.gatewayMessageId });
      if (!msg) throw new DomainError('NOTIFICATION.MESSAGE_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy tin nhắn của báo cáo phát');
      if (!receiptSupersedes(msg.deliveryStatus, cmd.status)) {
        await this.messages.recordReceipt(m, msg.id, null);
        this.logger.debug(`Receipt ${cmd.status} for ${msg.channel} ${msg.id} ignored (already ${msg.deliveryStatus})`);
        return { messageId: msg.id, outcome: 'IGNORED' as const, deliveryStatus: msg.deliveryStatus };
      }
      await this.messages.recordReceipt(m, msg.id, {
        deliveryStatus: cmd.status,
        deliveryDetail: cmd.detail,
        deliveryReportedAt: cmd.reportedAt,
      });
      if (cmd.status === 'PERMANENT_FAILURE') {
        const event: NotificationDeliveryFailedV1 = {
          dossierCode: msg.dossierCode ?? undefined,
          messageId: msg.id,
          channel: msg.channel,
          template: msg.template,
          kind: 'PERMANENT_FAILURE',
          error: cmd.detail.slice(0, 500),
          failedAt: cmd.reportedAt.toISOString(),
        };
        const correlationId = msg.dossierCode ?? msg.pickupId ?? msg.id;
        await this.outbox.add(NOTIFICATION_DELIVERY_FAILED, 1, event, { correlationId, causationId: null });
        if (msg.channel === 'ZALO') await this.fallback.queueSms(m, msg, new Date(), 'undeliverable');
      }
      this.logger.log(`${msg.channel} ${msg.id} (${msg.messageKey}): ${cmd.status} (${cmd.detail})`);
      return { messageId: msg.id, outcome: 'APPLIED' as const, deliveryStatus: cmd.status };
    });
  }
}
