import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { POSTAL_DELIVERY_CREATED, POSTAL_PICKUP_SCHEDULED, PostalDeliveryCreatedV1, PostalPickupScheduledV1 } from '@motcua/contracts';
import { managerOf, Outbox, runInTransaction, WakeableWorker } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { CARRIER_ADAPTER, CarrierAdapter, CarrierError, CreateShipment } from '../carriers/carrier';
import { PickupRepository } from '../pickups/pickup.repository';
import { TransferShipments } from '../transfers/transfer-shipments';
import { PostalConfig } from '../config/postal.config';
import { OrderRepository } from './order.repository';
import { DeliveryOrder } from './delivery-order.entity';

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Hands pending orders to the carrier. Rows are locked with SKIP LOCKED, so replicas share the work
 * without submitting an order twice; the pre-allocated tracking number makes a resubmission after
 * a lost answer harmless (the carrier answers 409 and we read the order back).
 */
@Injectable()
export class OrderDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OrderDispatcher.name);
  /** Runs batches while there are due orders; otherwise waits for a kick (after an order is opened) or a second. */
  private readonly worker = new WakeableWorker({
    name: 'Order dispatch',
    runBatch: () => this.submitBatch(),
    idlePollMs: 1000,
    maxBackoffMs: 1000,
    logger: this.logger,
  });

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly transferShipments: TransferShipments,
    @Inject(CARRIER_ADAPTER) private readonly carrier: CarrierAdapter,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.worker.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.worker.stop();
  }

  kick(): void {
    this.worker.kick();
  }

  /** Submits up to a few due orders; returns how many it handled. */
  async submitBatch(): Promise<number> {
    return runInTransaction(this.db, async (m) => {
      const due = await this.orders.lockDuePending(m, new Date(), 5);
      for (const order of due) await this.submit(order);
      for (const order of due) await this.orders.saveOrder(m, order);
      return due.length;
    });
  }

  /** What the carrier carries, from where to where: the result to the citizen, or the dossier from the citizen to the centre. */
  private async shipment(order: DeliveryOrder): Promise<CreateShipment> {
    if (!order.trackingNumber) throw new Error(`Order ${order.id} lacks its tracking number`);
    if (order.kind === 'TRANSFER') return this.transferShipments.shipment(order);
    const centre = {
      name: this.config.senderName,
      phone: this.config.senderPhone,
      address: this.config.senderAddress,
      provinceCode: this.config.senderProvinceCode,
      communeCode: this.config.senderCommuneCode,
    };
    if (order.kind === 'PICKUP') {
      const pickup = await this.pickups.findByOrder(managerOf(this.db), order.id);
      if (!pickup) throw new Error(`Pickup order ${order.id} lacks its request`);
      return {
        orderNumber: order.dossierCode,
        itemCode: order.trackingNumber,
        sender: {
          name: pickup.applicantName,
          phone: pickup.applicantPhone,
          address: pickup.addressLine,
          provinceCode: pickup.provinceCode,
          communeCode: pickup.communeCode,
          ...(pickup.districtCode ? { districtCode: pickup.districtCode } : {}),
        },
        receiver: centre,
        weightGrams: 500,
        description: `Thu gom hồ sơ TTHC: ${pickup.procedureName}`.slice(0, 200),
        codAmount: order.codAmount,
      };
    }
    const request = await this.orders.findRequest(managerOf(this.db), order.dossierCode);
    if (!request) throw new Error(`Order ${order.id} lacks its request`);
    return {
      orderNumber: order.dossierCode,
      itemCode: order.trackingNumber,
      sender: centre,
      receiver: {
        name: request.recipientName ?? '',
        phone: request.recipientPhone ?? '',
        address: request.addressLine ?? '',
        provinceCode: request.provinceCode ?? '',
        communeCode: request.communeCode ?? '',
        ...(request.districtCode ? { districtCode: request.districtCode } : {}),
      },
      weightGrams: 200,
      description: `Kết quả giải quyết TTHC: ${request.procedureName}`.slice(0, 200),
      codAmount: order.codAmount,
    };
  }

  private async submit(order: DeliveryOrder): Promise<void> {
    const shipment = await this.shipment(order);
    try {
      const created = await this.carrier.createShipment(shipment);
      order.carrierOrderId = created.orderId;
      order.state = 'CREATED';
      order.lastCarrierStatus = created.statusCode;
      order.lastError = null;
      order.nextAttemptAt = null;
      if (order.kind === 'RESULT_DELIVERY') {
        const event: PostalDeliveryCreatedV1 = {
          dossierCode: order.dossierCode,
          orderId: order.id,
          carrier: this.carrier.name,
          trackingNumber: shipment.itemCode,
          createdAt: new Date().toISOString(),
        };
        await this.outbox.add(POSTAL_DELIVERY_CREATED, 1, event, { correlationId: order.dossierCode });
      } else {
        await this.pickupScheduled(order, shipment.itemCode);
      }
    } catch (err) {
      const retryable = !(err instanceof CarrierError) || err.retryable;
      order.submitAttempts += 1;
      order.lastError = (err as Error).message.slice(0, 1000);
      const delay = retryable ? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(order.submitAttempts, 10)) : MAX_BACKOFF_MS * 6;
      order.nextAttemptAt = new Date(Date.now() + delay);
      this.logger.warn(`Carrier refused order ${order.id} (attempt ${order.submitAttempts}, retry in ${delay} ms): ${order.lastError}`);
    }
  }

  /** The carrier accepted a pickup: the citizen is told when to expect the postman. */
  private async pickupScheduled(order: DeliveryOrder, trackingNumber: string): Promise<void> {
    const pickup = await this.pickups.findByOrder(managerOf(this.db), order.id);
    if (!pickup) return;
    const event: PostalPickupScheduledV1 = {
      pickupId: order.id,
      reference: order.dossierCode,
      trackingNumber,
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
      windowStart: pickup.windowFrom.toISOString(),
      windowEnd: pickup.windowTo.toISOString(),
      scheduledAt: new Date().toISOString(),
    };
    await this.outbox.add(POSTAL_PICKUP_SCHEDULED, 1, event, { correlationId: order.dossierCode });
  }
}
