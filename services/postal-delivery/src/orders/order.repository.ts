import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DeliveryOrderEvent } from './delivery-order-event.entity';
import { DeliveryOrder } from './delivery-order.entity';
import { DeliveryRequest } from './delivery-request.entity';

@Injectable()
export class OrderRepository {
  async insertRequest(m: EntityManager, request: DeliveryRequest): Promise<void> {
    await m.createQueryBuilder().insert().into(DeliveryRequest).values(request).orIgnore().execute();
  }

  findRequest(m: EntityManager, dossierCode: string): Promise<DeliveryRequest | null> {
    return m.getRepository(DeliveryRequest).findOne({ where: { dossierCode } });
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
  async insertEvent(m: EntityManager, event: Omit<DeliveryOrderEvent, 'id'>): Promise<boolean> {
    const result = await m.createQueryBuilder().insert().into(DeliveryOrderEvent).values(event).orIgnore().returning(['id']).execute();
    return result.raw.length > 0;
  }

  events(m: EntityManager, orderIds: string[]): Promise<DeliveryOrderEvent[]> {
    return m.getRepository(DeliveryOrderEvent).find({ where: { orderId: In(orderIds) }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
