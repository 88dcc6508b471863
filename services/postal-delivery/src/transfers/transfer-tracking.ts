import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  POSTAL_TRANSFER_DELIVERED,
  POSTAL_TRANSFER_HANDED_OVER,
  PostalTransferDeliveredV1,
  PostalTransferHandedOverV1,
} from '@motcua/contracts';
import { Outbox } from '@motcua/messaging';
import { DELIVERY_STATES, VNPOST_STATUS } from '../carriers/vnpost-status';
import type { DeliveryOrder } from '../orders/delivery-order.entity';
import { OrderRepository } from '../orders/order.repository';
import { PaperTransfer } from './paper-transfer.entity';
import { TransferRepository } from './transfer.repository';

/**
 * What a TRANSFER order's carrier updates mean for the paper (called by `ApplyCarrierUpdateUseCase` in its
 * transaction, after the order's state was normalised): the first update showing the post has the paper
 * publishes `postal.transfer.handed-over` once, at the postal receipt time (the earliest "picked up"
 * in the timeline, else that update's time); the delivery publishes `postal.transfer.delivered` once.
 */
@Injectable()
export class TransferTracking {
  constructor(
    private readonly transfers: TransferRepository,
    private readonly orders: OrderRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async onCarrierUpdate(m: EntityManager, order: DeliveryOrder, statusCode: number, at: Date): Promise<void> {
    if (order.kind !== 'TRANSFER') return;
    const state = VNPOST_STATUS[statusCode]?.state;
    const taken = !!state && state !== 'CANCELLED' && DELIVERY_STATES[state] >= DELIVERY_STATES.PICKED_UP;
    const delivered = order.state === 'DELIVERED' && !!order.deliveredAt;
    if (!taken && !delivered) return;
    const transfer = await this.transfers.findByOrder(m, order.id, true);
    if (!transfer) throw new Error(`Transfer order ${order.id} lacks its transfer`);
    let changed = false;
    if (!transfer.handedOverAt) {
      const pickedUp = (await this.orders.events(m, [order.id])).find((e) => VNPOST_STATUS[e.carrierStatus]?.state === 'PICKED_UP');
      transfer.handedOverAt = pickedUp?.occurredAt ?? at;
      await this.publish(POSTAL_TRANSFER_HANDED_OVER, transfer, order, transfer.handedOverAt);
      changed = true;
    }
    if (delivered && order.deliveredAt && !transfer.deliveredAt) {
      transfer.deliveredAt = order.deliveredAt;
      await this.publish(POSTAL_TRANSFER_DELIVERED, transfer, order, transfer.deliveredAt);
      changed = true;
    }
    if (changed) await this.transfers.save(m, transfer);
  }

  private async publish(type: string, t: PaperTransfer, order: DeliveryOrder, at: Date): Promise<void> {
    const event: PostalTransferHandedOverV1 & PostalTransferDeliveredV1 = {
      dossierCode: t.dossierCode,
      transferId: t.id,
      ...(t.stepId ? { stepId: t.stepId } : {}),
      purpose: t.purpose,
      fromAgencyCode: t.fromAgencyCode,
      toAgencyCode: t.toAgencyCode,
      trackingNumber: order.trackingNumber ?? '',
      at: at.toISOString(),
    };
    await this.outbox.add(type, 1, event, { correlationId: t.dossierCode });
  }
}
