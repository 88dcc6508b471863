import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  POSTAL_DELIVERY_ATTEMPT_FAILED,
  POSTAL_DELIVERY_DELIVERED,
  POSTAL_DELIVERY_OUT_FOR_DELIVERY,
  POSTAL_PICKUP_FAILED,
  PostalDeliveryAttemptFailedV1,
  PostalDeliveryOutForDeliveryV1,
  PostalPickupFailedV1,
  POSTAL_DELIVERY_RETURNED,
  POSTAL_PICKUP_RECEIVED,
  PostalDeliveryDeliveredV1,
  PostalDeliveryReturnedV1,
  PostalPickupReceivedV1,
} from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { CARRIER_ADAPTER, CarrierAdapter } from '../carriers/carrier';
import { PostalConfig } from '../config/postal.config';
import { FAILURE_REASONS } from '../postmen/attempt.dto';
import { shouldApply, VNPOST_STATUS } from '../carriers/vnpost-status';
import { PickupRepository } from '../pickups/pickup.repository';
import { TransferTracking } from '../transfers/transfer-tracking';
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
const PICKUP_FAILED = [5, 8];
const OUT_FOR_DELIVERY = 12;
const DELIVERY_FAILED = 15;
const NO_REASON = 'Không rõ lý do';
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
  private readonly logger = new Logger(ApplyCarrierUpdateUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly transferTracking: TransferTracking,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
    @Inject(CARRIER_ADAPTER) private readonly carrier: CarrierAdapter,
  ) {}

  async execute(u: CarrierUpdate): Promise<ApplyResult> {
    let givenUp: string | null = null;
    const result = await runInTransaction(this.db, async (m): Promise<ApplyResult> => {
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
          else if (order.kind === 'RESULT_DELIVERY') await this.resultDelivered(order, u.time);
        }
        if (order.kind === 'RESULT_DELIVERY' && u.statusCode === RETURNED_TO_SENDER && !order.returnedAt) {
          order.returnedAt = u.time;
          await this.resultReturned(m, order, u.time);
        }
      }
      if (order.kind === 'RESULT_DELIVERY' && u.statusCode === OUT_FOR_DELIVERY && applies) await this.outForDelivery(m, order, u);
      if (order.kind === 'RESULT_DELIVERY' && u.statusCode === DELIVERY_FAILED) await this.attemptFailed(m, order, u);
      if (order.kind === 'PICKUP' && PICKUP_FAILED.includes(u.statusCode) && (await this.pickupFailed(m, order, u))) {
        givenUp = order.trackingNumber;
        changed = true;
      }
      await this.transferTracking.onCarrierUpdate(m, order, u.statusCode, u.time); // paper transfers (src/transfers)
      if (changed) await this.orders.saveOrder(m, order);
      return applies ? 'applied' : 'stale';
    });
    if (givenUp) await this.cancelAtCarrier(givenUp);
    return result;
  }

  /**
   * "Out for delivery" (12) that moved the order: attempt 1 + the failures (15) before it by carrier time,
   * told once per attempt (`order_notice`). A repeated 12 of the same attempt finds the notice claimed; a
   * stale 12 (older than the order's state, e.g. after its failure or the delivery) never moves the order
   * and is not told.
   */
  private async outForDelivery(m: EntityManager, order: DeliveryOrder, u: CarrierUpdate): Promise<void> {
    const failuresBefore = (await this.orders.events(m, [order.id])).filter(
      (e) => e.carrierStatus === DELIVERY_FAILED && e.occurredAt.getTime() < u.time.getTime(),
    ).length;
    const attempt = Math.min(failuresBefore + 1, 100);
    if (!(await this.orders.claimNotice(m, order.id, 'OUT_FOR_DELIVERY', attempt))) return;
    const event: PostalDeliveryOutForDeliveryV1 = {
      dossierCode: order.dossierCode,
      orderId: order.id,
      trackingNumber: order.trackingNumber ?? '',
      attempt,
      outForDeliveryAt: u.time.toISOString(),
      ...(order.codAmount > 0 ? { amountToCollect: order.codAmount } : {}),
    };
    await this.outbox.add(POSTAL_DELIVERY_OUT_FOR_DELIVERY, 1, event, { correlationId: order.dossierCode });
  }

  /**
   * A new failed delivery attempt (each distinct 15 once, whatever order it arrives in) is attempt n, n
   * the failures counted so far; `willRetry` while n < `deliveryMaxAttempts` and the item is not going
   * back. A failure learnt after the delivery (or a cancellation) is counted but not told.
   */
  private async attemptFailed(m: EntityManager, order: DeliveryOrder, u: CarrierUpdate): Promise<void> {
    const attempt = Math.min(order.failedAttempts, 100);
    const quiet = order.state === 'DELIVERED' || order.state === 'CANCELLED';
    if (!(await this.orders.claimNotice(m, order.id, 'ATTEMPT_FAILED', attempt, !quiet)) || quiet) return;
    const max = this.config.deliveryMaxAttempts;
    const event: PostalDeliveryAttemptFailedV1 = {
      dossierCode: order.dossierCode,
      orderId: order.id,
      trackingNumber: order.trackingNumber ?? '',
      attempt,
      maxAttempts: max,
      reason: (u.note || NO_REASON).slice(0, 500),
      willRetry: attempt < max && order.state !== 'RETURNING' && order.state !== 'RETURNED',
      failedAt: u.time.toISOString(),
    };
    await this.outbox.add(POSTAL_DELIVERY_ATTEMPT_FAILED, 1, event, { correlationId: order.dossierCode });
  }

  /**
   * A new failed pickup attempt (5/8, the carrier's or the postman's) is attempt n, n the failures so
   * far; final when n reaches `pickupMaxAttempts` or the citizen no longer wants the pickup, and then the
   * pickup is cancelled (true). A failure learnt after the package was collected is not told.
   */
  private async pickupFailed(m: EntityManager, order: DeliveryOrder, u: CarrierUpdate): Promise<boolean> {
    const pickup = await this.pickups.findByOrder(m, order.id);
    if (!pickup) return false;
    const attempt = Math.min((await this.orders.events(m, [order.id])).filter((e) => PICKUP_FAILED.includes(e.carrierStatus)).length, 100);
    const open = order.state === 'PENDING' || order.state === 'CREATED';
    if (!(await this.orders.claimNotice(m, order.id, 'PICKUP_FAILED', attempt, open)) || !open) return false;
    const final = attempt >= this.config.pickupMaxAttempts || (u.note ?? '').startsWith(FAILURE_REASONS.CITIZEN_CANCELLED);
    const event: PostalPickupFailedV1 = {
      pickupId: order.id,
      reference: order.dossierCode,
      centreCode: order.centreCode ?? '',
      procedureCode: pickup.procedureCode,
      procedureName: pickup.procedureName,
      applicant: { fullName: pickup.applicantName, phone: pickup.applicantPhone },
      reason: (u.note || NO_REASON).slice(0, 500),
      attempt,
      final,
      failedAt: u.time.toISOString(),
    };
    await this.outbox.add(POSTAL_PICKUP_FAILED, 1, event, { correlationId: order.dossierCode });
    if (!final) return false;
    order.state = 'CANCELLED';
    order.lastEventAt = u.time;
    return true;
  }

  /** A pickup given up at the door: the carrier's order is cancelled too (best effort; the carrier may have moved on). */
  private async cancelAtCarrier(itemCode: string): Promise<void> {
    try {
      await this.carrier.cancelShipment(itemCode, 'Thu gom không thành công, ngừng thu gom');
    } catch (err) {
      this.logger.warn(`Carrier kept pickup ${itemCode} open: ${(err as Error).message}`);
    }
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
      ...(pickup.collectedAt
        ? {
            componentsTaken: (pickup.collectedComponents ?? []).map((c) => ({ code: c.code, name: c.name, quantity: c.quantity })),
            feesCollectedVnd: pickup.feesCollected ?? 0,
            ...(pickup.sealNumber ? { sealNumber: pickup.sealNumber } : {}),
          }
        : {}),
    };
    await this.outbox.add(POSTAL_PICKUP_RECEIVED, 1, event, { correlationId: order.dossierCode });
  }
}
