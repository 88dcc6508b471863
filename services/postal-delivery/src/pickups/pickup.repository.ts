import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PickupRequest } from './pickup-request.entity';

@Injectable()
export class PickupRepository {
  async insert(m: EntityManager, pickup: PickupRequest): Promise<void> {
    await m.getRepository(PickupRequest).insert(pickup);
  }

  findByOrder(m: EntityManager, orderId: string, lock = false): Promise<PickupRequest | null> {
    return m
      .getRepository(PickupRequest)
      .findOne({ where: { orderId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  save(m: EntityManager, pickup: PickupRequest): Promise<PickupRequest> {
    return m.getRepository(PickupRequest).save(pickup);
  }
}
