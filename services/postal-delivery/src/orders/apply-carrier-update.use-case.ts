import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { POSTAL_DELIVERY_DELIVERED, PostalDeliveryDeliveredV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { shouldApply, VNPOST_STATUS } from '../carriers/vnpost-status';
import { OrderRepository } from './order.repository';

export interface CarrierUpdate {
  eventId: string;
  itemCode: string;
  statusCode: number;
  time: Date;
  note?: string;
}

/**
 * Applies one tracking update. Duplicates (same carrier event id) change nothing; an update older
 * than the order's state only joins the timeline.
 */
@Injectable()
export class ApplyCarrierUpdateUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(u: CarrierUpdate): Promise<'applied' | 'duplicate' | 'stale'> {
    return runInTransaction(this.db, async (m) => {
      const order = await this.orders.findByTrackingNumber(m, u.itemCode, true);
      if (!order) throw new DomainError('POSTAL.ORDER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy đơn hàng với mã bưu gửi này');
      const known = VNPOST_STATUS[u.statusCode];
      const fresh = await this.orders.insertEvent(m, {
        orderId: order.id,
        carrierEventId: u.eventId,
        carrierStatus: u.statusCode,
        label: known?.label ?? `Trạng thái ${u.statusCode}`,
        occurredAt: u.time,
        note: u.note ?? null,
      });
      if (!fresh) return 'duplicate';
      if (!known || !shouldApply(order.state, known.state)) return 'stale';
      order.state = known.state;
      order.lastCarrierStatus = u.statusCode;
      if (known.state === 'DELIVERED' && !order.deliveredAt) {
        order.deliveredAt = u.time;
        const event: PostalDeliveryDeliveredV1 = {
          dossierCode: order.dossierCode,
          orderId: order.id,
          trackingNumber: u.itemCode,
          deliveredAt: u.time.toISOString(),
          recipientName: order.recipientName || 'Người nhận',
        };
        await this.outbox.add(POSTAL_DELIVERY_DELIVERED, 1, event, { correlationId: order.dossierCode });
      }
      await this.orders.saveOrder(m, order);
      return 'applied';
    });
  }
}
