import { randomUUID } from 'crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '@motcua/auth';
import { localDate } from '@motcua/calendar';
import { runInTransaction } from '@motcua/messaging';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { ProcedureConfigRepository } from '../charges/charges';
import { PostageTariff } from '../charges/tariff';
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
  private readonly logger = new Logger(RequestPickupUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly pickups: PickupRepository,
    private readonly dispatcher: OrderDispatcher,
    private readonly pool: TrackingPool,
    private readonly configs: ProcedureConfigRepository,
    private readonly catalog: CatalogRepository,
    private readonly tariff: PostageTariff,
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
      // the catalog's rule for the pickup day: may the post carry this procedure's dossier?
      const version = await this.catalog.effective(m, body.procedureCode, localDate(from));
      if (!version) this.logger.warn(`Procedure ${body.procedureCode} not in the catalog: pickup accepted without its rules`);
      else if (!version.postMayCarryDossier) {
        throw new DomainError(
          'POSTAL.POST_MAY_NOT_CARRY_DOSSIER',
          'UNPROCESSABLE',
          'Thủ tục này không tiếp nhận hồ sơ qua dịch vụ bưu chính, người dân nộp trực tiếp tại bộ phận một cửa',
          [
            {
              field: 'procedureCode',
              rule: 'postMayCarryDossier',
              message: `Thủ tục ${body.procedureCode} (phiên bản ${version.version}) không cho phép bưu điện thu gom hồ sơ`,
            },
          ],
        );
      }
      const charges = await this.configs.forProcedure(m, body.procedureCode);
      // postage: the request's, else the tariff's (same zones and weight bands as result deliveries, the
      // citizen's address seen from the centre), else the procedure's fixed amount
      const sender = { communeCode: this.config.senderCommuneCode, provinceCode: this.config.senderProvinceCode };
      const quoted =
        body.postage === undefined
          ? await this.tariff.postageOf(m, charges, sender, body.address, this.config.pickupWeightGrams)
          : { postage: body.postage, zone: null };
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
        postage: quoted.postage,
        postageZone: quoted.zone,
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
