import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { POSTAL_DELIVERY_CANCELLED, POSTAL_PICKUP_FAILED, PostalDeliveryCancelledV1, PostalPickupFailedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CARRIER_ADAPTER, CarrierAdapter, CarrierError } from '../carriers/carrier';
import { DeliveryState, VNPOST_STATUS } from '../carriers/vnpost-status';
import { PickupRepository } from '../pickups/pickup.repository';
import { DeliveryOrder } from './delivery-order.entity';
import { OrderRepository } from './order.repository';

/** How the cancellation reads in the events (Vietnamese, followed by the staff's reason). */
export const PICKUP_CANCELLED_PREFIX = 'Đã hủy yêu cầu thu gom: ';
const DELIVERY_CANCELLED_PREFIX = 'Đã hủy chuyển phát kết quả: ';

/** Until when an order may be cancelled: a pickup before the package is collected, a result before it goes out. */
const CANCELLABLE: Partial<Record<DeliveryOrder['kind'], DeliveryState[]>> = {
  PICKUP: ['PENDING', 'CREATED'],
  RESULT_DELIVERY: ['PENDING', 'CREATED', 'PICKED_UP', 'IN_TRANSIT'],
};
/** The carrier status our cancellation stands for in the timeline: 9 pickup cancelled, 22 delivery cancelled. */
const CANCELLED_STATUS: Partial<Record<DeliveryOrder['kind'], number>> = { PICKUP: 9, RESULT_DELIVERY: 22 };

/**
 * Cancels a pickup (the citizen changed their mind before collection) or a result delivery (before it
 * goes out). An order the carrier has not accepted yet is cancelled here only (the dispatcher holds the
 * row while it submits, so the two never cross); otherwise the carrier is asked first, and its refusal
 * (already collected) is a 409 with nothing changed. Cancelling a cancelled order answers it again.
 */
@Injectable()
export class CancelOrderUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(CARRIER_ADAPTER) private readonly carrier: CarrierAdapter,
  ) {}

  async execute(orderId: string, reason: string, user: AuthUser, now = new Date()): Promise<DeliveryOrder> {
    return runInTransaction(this.db, async (m) => {
      const found = await this.orders.findById(m, orderId);
      if (!found || (!user.roles.includes('ADMIN') && found.centreCode !== user.agencyCode)) {
        throw new DomainError('POSTAL.ORDER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy đơn hàng');
      }
      const order = (await this.orders.findById(m, orderId, true)) as DeliveryOrder;
      if (order.state === 'CANCELLED') return order;
      if (!CANCELLABLE[order.kind]?.includes(order.state)) {
        throw new DomainError(
          'POSTAL.ORDER_NOT_CANCELLABLE',
          'CONFLICT',
          order.kind === 'PICKUP' ? 'Hồ sơ đã được thu gom, không thể hủy yêu cầu' : 'Kết quả đã được đưa đi phát, không thể hủy',
          [{ field: 'state', rule: 'isCancellable', message: `Trạng thái hiện tại: ${order.state}` }],
        );
      }
      const note = reason.normalize('NFC').trim();
      if (order.carrierOrderId && order.trackingNumber) {
        try {
          await this.carrier.cancelShipment(order.trackingNumber, note);
        } catch (err) {
          if (err instanceof CarrierError && !err.retryable) {
            throw new DomainError('POSTAL.CARRIER_REFUSED_CANCEL', 'CONFLICT', 'VNPost từ chối hủy: bưu gửi đã được thu gom', [
              { field: 'id', rule: 'carrierCancellable', message: err.message.slice(0, 300) },
            ]);
          }
          throw new DomainError('POSTAL.CARRIER_UNAVAILABLE', 'CONFLICT', 'Chưa liên lạc được VNPost để hủy, vui lòng thử lại sau');
        }
      }
      const status = CANCELLED_STATUS[order.kind] ?? 22;
      await this.orders.insertEvent(m, {
        orderId: order.id,
        carrierEventId: `cancel:${order.id}`,
        carrierStatus: status,
        label: VNPOST_STATUS[status].label,
        occurredAt: now,
        note,
        source: 'MANUAL',
        recordedBy: user.sub,
      });
      order.state = 'CANCELLED';
      order.lastCarrierStatus = status;
      order.lastEventAt = now;
      order.nextAttemptAt = null;
      const saved = await this.orders.saveOrder(m, order);
      await this.tell(m, saved, note, now);
      return saved;
    });
  }

  /**
   * Tells the others, in the cancelling transaction (a repeated cancel returns before this): a result
   * delivery → `postal.delivery.cancelled` (intake holds the result at the counter); a pickup → the final
   * `postal.pickup.failed` with the cancellation as reason (the citizen is told the pickup is off).
   */
  private async tell(m: EntityManager, order: DeliveryOrder, reason: string, now: Date): Promise<void> {
    if (order.kind === 'RESULT_DELIVERY') {
      const event: PostalDeliveryCancelledV1 = {
        dossierCode: order.dossierCode,
        cause: 'CANCELLED',
        orderId: order.id,
        ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
        centreCode: order.centreCode ?? '',
        reason: `${DELIVERY_CANCELLED_PREFIX}${reason}`.slice(0, 500),
        cancelledAt: now.toISOString(),
      };
      await this.outbox.add(POSTAL_DELIVERY_CANCELLED, 1, event, { correlationId: order.dossierCode });
      return;
    }
    if (order.kind !== 'PICKUP') return;
    const pickup = await this.pickups.findByOrder(m, order.id);
    if (!pickup) return;
    const failures = (await this.orders.events(m, [order.id])).filter((e) => e.carrierStatus === 5 || e.carrierStatus === 8).length;
    const event: PostalPickupFailedV1 = {
      pickupId: order.id,
      reference: order.dossierCode,
      centreCode: order.centreCode ?? '',
      procedureCode: pickup.procedureCode,
      procedureName: pickup.procedureName,
      applicant: { fullName: pickup.applicantName, phone: pickup.applicantPhone },
      reason: `${PICKUP_CANCELLED_PREFIX}${reason}`.slice(0, 500),
      attempt: Math.min(failures + 1, 100),
      final: true,
      failedAt: now.toISOString(),
    };
    await this.outbox.add(POSTAL_PICKUP_FAILED, 1, event, { correlationId: order.dossierCode });
  }
}
