import { randomUUID } from 'crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { ProcedureConfigRepository } from '../charges/charges';
import { TrackingPool } from '../tracking/tracking-pool';
import { PostalConfig } from '../config/postal.config';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { OrderDispatcher } from '../orders/order-dispatcher';
import { OrderRepository } from '../orders/order.repository';
import { RequestPickupDto } from './pickup.dto';
import { PickupRepository } from './pickup.repository';

const MAX_WINDOW_MS = 12 * 3_600_000;

/**
 * Places a pickup order (thu gom): the carrier collects the dossier at the citizen's address in the
 * window and brings it to the centre. Tracking number and reference are allocated here; the dispatcher
 * hands the order to the carrier after commit.
 */
@Injectable()
export class RequestPickupUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly dispatcher: OrderDispatcher,
    private readonly pool: TrackingPool,
    private readonly configs: ProcedureConfigRepository,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  async execute(body: RequestPickupDto, user: AuthUser, now = new Date()): Promise<DeliveryOrder> {
    const centre = body.centreCode ?? user.agencyCode;
    if (centre !== user.agencyCode && !user.roles.some((r) => r === 'ADMIN' || r === 'INTEGRATOR')) {
      throw new DomainError('POSTAL.CENTRE_FORBIDDEN', 'FORBIDDEN', 'Không có quyền đặt thu gom cho đơn vị khác');
    }
    const from = new Date(body.windowFrom);
    const to = new Date(body.windowTo);
    const problems = [];
    if (to.getTime() <= from.getTime()) problems.push({ field: 'windowTo', rule: 'isAfter', message: 'Giờ kết thúc phải sau giờ bắt đầu' });
    else if (to.getTime() - from.getTime() > MAX_WINDOW_MS)
      problems.push({ field: 'windowTo', rule: 'maxWindow', message: 'Khung giờ thu gom dài tối đa 12 giờ' });
    if (to.getTime() <= now.getTime()) problems.push({ field: 'windowTo', rule: 'isFuture', message: 'Khung giờ thu gom đã qua' });
    if (problems.length) throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', problems);

    const order = await runInTransaction(this.db, async (m) => {
      const charges = await this.configs.forProcedure(m, body.procedureCode);
      const inserted = await this.orders.insertOrder(m, {
        dossierCode: `TG-${randomUUID()}`,
        kind: 'PICKUP',
        carrier: 'VNPOST',
        trackingNumber: null,
        carrierOrderId: null,
        state: 'PENDING',
        lastCarrierStatus: null,
        recipientName: this.config.senderName,
        submitAttempts: 0,
        nextAttemptAt: null,
        lastError: null,
        deliveredAt: null,
        centreCode: centre,
        postage: body.postage ?? charges.postage,
        codAmount: body.codAmount ?? charges.codAmount,
      });
      if (!inserted) throw new Error('Pickup order was not inserted');
      inserted.trackingNumber = await this.pool.allocate(m, Number(inserted.serial));
      inserted.dossierCode = `TG-${inserted.trackingNumber}`; // the reference: the carrier's order number
      await this.orders.saveOrder(m, inserted);
      await this.pickups.insert(m, {
        orderId: inserted.id,
        channel: body.channel,
        procedureCode: body.procedureCode,
        procedureName: body.procedureName.normalize('NFC'),
        applicantName: body.applicant.fullName.normalize('NFC'),
        applicantPhone: body.applicant.phone,
        addressLine: body.address.line.normalize('NFC'),
        communeCode: body.address.communeCode,
        districtCode: body.address.districtCode ?? null,
        provinceCode: body.address.provinceCode,
        windowFrom: from,
        windowTo: to,
        note: body.note?.normalize('NFC') ?? null,
        requestedBy: user.sub,
        postalReceiptAt: null,
      });
      return inserted;
    });
    this.dispatcher.kick();
    return order;
  }
}
