import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DeliveryOrderEvent } from './delivery-order-event.entity';
import { DeliveryOrder, OrderKind } from './delivery-order.entity';
import { DeliveryRequest } from './delivery-request.entity';
import { NoticeKind, OrderNotice } from './order-notice.entity';

@Injectable()
export class OrderRepository {
  async insertRequest(m: EntityManager, request: DeliveryRequest): Promise<void> {
    await m.createQueryBuilder().insert().into(DeliveryRequest).values(request).orIgnore().execute();
  }

  findRequest(m: EntityManager, dossierCode: string): Promise<DeliveryRequest | null> {
    return m.getRepository(DeliveryRequest).findOne({ where: { dossierCode } });
  }

  /** Claims the one "result held at the counter" notice of a dossier's request: true the first time. */
  async claimHeldAtCounter(m: EntityManager, dossierCode: string, at: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(DeliveryRequest)
      .set({ heldAtCounterAt: at })
      .where('dossier_code = :dossierCode AND held_at_counter_at IS NULL', { dossierCode })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Inserts a pending order unless the dossier already has one of that kind; null if it had. */
  async insertOrder(m: EntityManager, order: Partial<DeliveryOrder>): Promise<DeliveryOrder | null> {
    const result = await m.createQueryBuilder().insert().into(DeliveryOrder).values(order).orIgnore().returning(['id', 'serial']).execute();
    const row = result.raw[0] as { id: string; serial: string } | undefined;
    return row ? m.getRepository(DeliveryOrder).findOneByOrFail({ id: row.id }) : null;
  }

  saveOrder(m: EntityManager, order: DeliveryOrder): Promise<DeliveryOrder> {
    return m.getRepository(DeliveryOrder).save(order);
  }

  /** Pending orders due for submission, locked so that replicas never submit one twice. */
  lockDuePending(m: EntityManager, now: Date, limit: number): Promise<DeliveryOrder[]> {
    return m
      .getRepository(DeliveryOrder)
      .createQueryBuilder('o')
      .where("o.state = 'PENDING'")
      .andWhere('(o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)', { now })
      .orderBy('o.created_at', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  findByTrackingNumber(m: EntityManager, trackingNumber: string, lock = false): Promise<DeliveryOrder | null> {
    return m
      .getRepository(DeliveryOrder)
      .findOne({ where: { trackingNumber }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findByDossier(m: EntityManager, dossierCode: string): Promise<DeliveryOrder[]> {
    return m.getRepository(DeliveryOrder).find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
  }

  /** Records a carrier event; false when the same carrier event was recorded before. */
  async insertEvent(
    m: EntityManager,
    event: Omit<DeliveryOrderEvent, 'id' | 'source' | 'recordedBy'> & Partial<Pick<DeliveryOrderEvent, 'source' | 'recordedBy'>>,
  ): Promise<boolean> {
    const result = await m.createQueryBuilder().insert().into(DeliveryOrderEvent).values(event).orIgnore().returning(['id']).execute();
    return result.raw.length > 0;
  }

  /** The newest (by carrier time) timeline entry of a status. */
  latestEventOfStatus(m: EntityManager, orderId: string, carrierStatus: number): Promise<DeliveryOrderEvent | null> {
    return m.getRepository(DeliveryOrderEvent).findOne({ where: { orderId, carrierStatus }, order: { occurredAt: 'DESC', id: 'DESC' } });
  }

  /** Which of these tracking numbers are ours. */
  async knownTrackingNumbers(m: EntityManager, trackingNumbers: string[]): Promise<Set<string>> {
    if (!trackingNumbers.length) return new Set();
    const rows = await m
      .getRepository(DeliveryOrder)
      .find({ select: { trackingNumber: true }, where: { trackingNumber: In(trackingNumbers) } });
    return new Set(rows.map((r) => r.trackingNumber ?? ''));
  }

  findById(m: EntityManager, id: string, lock = false): Promise<DeliveryOrder | null> {
    return m.getRepository(DeliveryOrder).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** A centre's orders of a kind created in [from, to), oldest first. */
  findByCentre(m: EntityManager, centreCode: string, kind: OrderKind, from: Date, to: Date): Promise<DeliveryOrder[]> {
    return m
      .getRepository(DeliveryOrder)
      .createQueryBuilder('o')
      .where('o.centre_code = :centreCode AND o.kind = :kind', { centreCode, kind })
      .andWhere('o.created_at >= :from AND o.created_at < :to', { from, to })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.serial', 'ASC')
      .getMany();
  }

  findRequests(m: EntityManager, dossierCodes: string[]): Promise<DeliveryRequest[]> {
    return dossierCodes.length ? m.getRepository(DeliveryRequest).find({ where: { dossierCode: In(dossierCodes) } }) : Promise.resolve([]);
  }

  events(m: EntityManager, orderIds: string[]): Promise<DeliveryOrderEvent[]> {
    return m.getRepository(DeliveryOrderEvent).find({ where: { orderId: In(orderIds) }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }

  /** Claims the notice of an order's attempt; false when it was claimed before (already published or skipped). */
  async claimNotice(m: EntityManager, orderId: string, kind: NoticeKind, attempt: number, published = true): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(OrderNotice)
      .values({ orderId, kind, attempt, published })
      .orIgnore()
      .returning(['attempt'])
      .execute();
    return result.raw.length > 0;
  }
}
