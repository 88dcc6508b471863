import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_DELIVERY_RETURNED,
  POSTAL_PICKUP_RECEIVED,
  PostalDeliveryDeliveredV1,
  PostalDeliveryReturnedV1,
  PostalPickupReceivedV1,
} from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { shouldApply, VNPOST_STATUS } from '../carriers/vnpost-status';
import { PickupRepository } from '../pickups/pickup.repository';
import { EventSource } from './delivery-order-event.entity';
import { DeliveryOrder } from './delivery-order.entity';
import { OrderRepository } from './order.repository';

export interface CarrierUpdate {
  eventId: string;
  itemCode: string;
  statusCode: number;
  time: Date;
  note?: string;
  /** MANUAL: recorded by the centre's postman (default CARRIER). */
  source?: EventSource;
  recordedBy?: string;
}

export type ApplyResult = 'applied' | 'duplicate' | 'stale';

const PICKED_UP = 6;
const DELIVERY_FAILED = 15;
const RETURNED_TO_SENDER = 19;
const COD_PAID = 21;

/** The amount in the carrier's COD note ("Đã trả 50.000 đồng …"), if any. */
export function codAmountOf(note: string | undefined): number | null {
  const m = /(\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?:đồng|đ|VND)/i.exec(note ?? '');
  return m ? Number(m[1].replace(/[.,\s]/g, '')) : null;
}

/**
 * Applies one tracking update (webhook or poll). Duplicates (same carrier event id) change nothing;
 * an update older than the order's state only joins the timeline. Failed attempts are counted with
 * their reason; a result's return to the centre (19) is published once as `postal.delivery.returned`;
 * a pickup's arrival at the centre (14) once as `postal.pickup.received`, with the postal receipt time.
 */
@Injectable()
export class ApplyCarrierUpdateUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(u: CarrierUpdate): Promise<ApplyResult> {
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
        source: u.source ?? 'CARRIER',
        recordedBy: u.recordedBy ?? null,
      });
      if (!fresh) return 'duplicate';
      let changed = false;
      if (order.kind === 'PICKUP' && u.statusCode === PICKED_UP) await this.recordPostalReceipt(m, order, u.time);
      if (u.statusCode === DELIVERY_FAILED) {
        // every distinct failed attempt counts, even one that arrives after a later update
        order.failedAttempts += 1;
        order.lastFailureReason = (await this.orders.latestEventOfStatus(m, order.id, DELIVERY_FAILED))?.note || null;
        changed = true;
      }
      if (u.statusCode === COD_PAID && !order.codPaidAt) {
        order.codPaidAt = u.time;
        order.codPaidAmount = codAmountOf(u.note) ?? order.codAmount;
        changed = true;
      }
      const applies = !!known && shouldApply(order.state, known.state, order.lastEventAt, u.time);
      if (applies && known) {
        order.state = known.state;
        order.lastCarrierStatus = u.statusCode;
        order.lastEventAt = u.time;
        changed = true;
        if (known.state === 'DELIVERED' && !order.deliveredAt) {
          order.deliveredAt = u.time;
          if (order.kind === 'PICKUP') await this.pickupArrived(m, order, u.time);
          else await this.resultDelivered(order, u.time);
        }
        if (order.kind === 'RESULT_DELIVERY' && u.statusCode === RETURNED_TO_SENDER && !order.returnedAt) {
          order.returnedAt = u.time;
          await this.resultReturned(m, order, u.time);
        }
      }
      if (changed) await this.orders.saveOrder(m, order);
      return applies ? 'applied' : 'stale';
    });
  }

  private async resultDelivered(order: DeliveryOrder, at: Date): Promise<void> {
    const event: PostalDeliveryDeliveredV1 = {
      dossierCode: order.dossierCode,
      orderId: order.id,
      trackingNumber: order.trackingNumber ?? '',
      deliveredAt: at.toISOString(),
      recipientName: order.recipientName || 'Người nhận',
    };
    await this.outbox.add(POSTAL_DELIVERY_DELIVERED, 1, event, { correlationId: order.dossierCode });
  }

  private async resultReturned(m: EntityManager, order: DeliveryOrder, at: Date): Promise<void> {
    const event: PostalDeliveryReturnedV1 = {
      dossierCode: order.dossierCode,
      orderId: order.id,
      trackingNumber: order.trackingNumber ?? '',
      centreCode: order.centreCode ?? (await this.orders.findRequest(m, order.dossierCode))?.receivingAgencyCode ?? '',
      returnedAt: at.toISOString(),
      failedAttempts: order.failedAttempts,
      ...(order.lastFailureReason ? { lastFailureReason: order.lastFailureReason.slice(0, 500) } : {}),
    };
    await this.outbox.add(POSTAL_DELIVERY_RETURNED, 1, event, { correlationId: order.dossierCode });
  }

  /** The post took the sealed package at the citizen's address: the earliest such time is the postal receipt. */
  private async recordPostalReceipt(m: EntityManager, order: DeliveryOrder, at: Date): Promise<void> {
    const pickup = await this.pickups.findByOrder(m, order.id);
    if (pickup && (!pickup.postalReceiptAt || at < pickup.postalReceiptAt)) {
      pickup.postalReceiptAt = at;
      await this.pickups.save(m, pickup);
    }
  }

  private async pickupArrived(m: EntityManager, order: DeliveryOrder, at: Date): Promise<void> {
    const pickup = await this.pickups.findByOrder(m, order.id);
    if (!pickup) throw new Error(`Pickup order ${order.id} lacks its request`);
    // "picked up" may never have been reported: then the earliest later step stands for the receipt
    const receipt =
      pickup.postalReceiptAt ??
      (await this.orders.events(m, [order.id])).find((e) => VNPOST_STATUS[e.carrierStatus]?.state === 'PICKED_UP')?.occurredAt ??
      at;
    const event: PostalPickupReceivedV1 = {
      pickupId: order.id,
      reference: order.dossierCode,
      trackingNumber: order.trackingNumber ?? '',
      centreCode: order.centreCode ?? '',
      procedureCode: pickup.procedureCode,
      procedureName: pickup.procedureName,
      applicant: { fullName: pickup.applicantName, phone: pickup.applicantPhone },
      pickupAddress: {
        recipientName: pickup.applicantName,
        phone: pickup.applicantPhone,
        line: pickup.addressLine,
        communeCode: pickup.communeCode,
        ...(pickup.districtCode ? { districtCode: pickup.districtCode } : {}),
        provinceCode: pickup.provinceCode,
      },
      postalReceiptAt: receipt.toISOString(),
      arrivedAt: at.toISOString(),
    };
    await this.outbox.add(POSTAL_PICKUP_RECEIVED, 1, event, { correlationId: order.dossierCode });
  }
}
