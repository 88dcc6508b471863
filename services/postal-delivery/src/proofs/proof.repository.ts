import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DeliveryProof } from './delivery-proof.entity';

@Injectable()
export class ProofRepository {
  /** Proofs of these orders, without their images. */
  findByOrders(m: EntityManager, orderIds: string[]): Promise<DeliveryProof[]> {
    if (!orderIds.length) return Promise.resolve([]);
    return m.getRepository(DeliveryProof).find({
      select: {
        orderId: true,
        recipientName: true,
        idNumber: true,
        kind: true,
        contentType: true,
        imageSha256: true,
        deliveredAt: true,
        recordedBy: true,
        recordedAt: true,
      },
      where: { orderId: In(orderIds) },
    });
  }

  findWithImage(m: EntityManager, orderId: string): Promise<DeliveryProof | null> {
    return m.getRepository(DeliveryProof).findOne({ where: { orderId } });
  }
}
