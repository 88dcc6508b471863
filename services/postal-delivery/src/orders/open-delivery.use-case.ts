import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierResolvedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { ProcedureConfigRepository } from '../charges/charges';
import { TrackingPool } from '../tracking/tracking-pool';
import { OrderRepository } from './order.repository';
import { OrderDispatcher } from './order-dispatcher';

/**
 * A resolved dossier whose citizen chose the post gets a result-delivery order with a tracking
 * number; the dispatcher hands it to the carrier after commit.
 */
@Injectable()
export class OpenDeliveryUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly dispatcher: OrderDispatcher,
    private readonly pool: TrackingPool,
    private readonly configs: ProcedureConfigRepository,
  ) {}

  async execute(e: DossierResolvedV1): Promise<void> {
    const opened = await runInTransaction(this.db, async (m) => {
      const request = await this.orders.findRequest(m, e.dossierCode);
      // not seen yet: the bus retries until `dossier.received` has been handled here
      if (!request) throw new Error(`No delivery request recorded yet for ${e.dossierCode}`);
      if (request.resultDelivery !== 'POST') return false;
      const charges = await this.configs.forProcedure(m, request.procedureCode);
      const order = await this.orders.insertOrder(m, {
        dossierCode: e.dossierCode,
        kind: 'RESULT_DELIVERY',
        carrier: 'VNPOST',
        trackingNumber: null,
        carrierOrderId: null,
        state: 'PENDING',
        lastCarrierStatus: null,
        recipientName: request.recipientName ?? '',
        submitAttempts: 0,
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: null,
        centreCode: request.receivingAgencyCode,
        postage: charges.postage,
        codAmount: charges.codAmount,
      });
      if (!order) return false;
      order.trackingNumber = await this.pool.allocate(m, Number(order.serial));
      await this.orders.saveOrder(m, order);
      return true;
    });
    if (opened) this.dispatcher.kick();
  }
}
