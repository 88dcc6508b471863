import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierResolvedV1, POSTAL_DELIVERY_CANCELLED, PostalDeliveryCancelledV1 } from '@motcua/contracts';
import { localDate } from '@motcua/calendar';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { PostageTariff } from '../charges/tariff';
import { PostalConfig } from '../config/postal.config';
import { ProcedureConfigRepository } from '../charges/charges';
import { TrackingPool } from '../tracking/tracking-pool';
import { OrderRepository } from './order.repository';
import { OrderDispatcher } from './order-dispatcher';

/**
 * A resolved dossier whose citizen chose the post gets a result-delivery order with a tracking
 * number; the dispatcher hands it to the carrier after commit. Postage: the procedure's fixed amount, or
 * the tariff's (zone from the centre to the address, `resultWeightGrams`). COD: the procedure's fixed
 * amount, plus the fees of the procedure version in force when the dossier was received (when the
 * citizen pays them at the door), plus the postage (when the citizen pays it at the door).
 */
@Injectable()
export class OpenDeliveryUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrderRepository,
    private readonly dispatcher: OrderDispatcher,
    private readonly pool: TrackingPool,
    private readonly configs: ProcedureConfigRepository,
    private readonly tariff: PostageTariff,
    private readonly catalog: CatalogRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  private readonly logger = new Logger(OpenDeliveryUseCase.name);

  async execute(e: DossierResolvedV1): Promise<void> {
    const opened = await runInTransaction(this.db, async (m) => {
      const request = await this.orders.findRequest(m, e.dossierCode);
      // not seen yet: the bus retries until `dossier.received` has been handled here
      if (!request) throw new Error(`No delivery request recorded yet for ${e.dossierCode}`);
      if (request.resultDelivery !== 'POST') return false;
      // the catalog's rule (the version in force when the dossier was received): may the post carry the result?
      const version = request.procedureCode ? await this.catalog.effective(m, request.procedureCode, localDate(request.receivedAt)) : null;
      if (!version)
        this.logger.warn(`Procedure ${request.procedureCode ?? '(none)'} of ${e.dossierCode} not in the catalog: result goes by post`);
      else if (!version.postMayCarryResult) {
        const at = new Date(e.resolvedAt);
        if (await this.orders.claimHeldAtCounter(m, e.dossierCode, at)) {
          this.logger.log(
            `${e.dossierCode}: ${request.procedureCode} v${version.version} forbids the post to carry the result, held at the counter`,
          );
          const event: PostalDeliveryCancelledV1 = {
            dossierCode: e.dossierCode,
            cause: 'POST_MAY_NOT_CARRY_RESULT',
            centreCode: request.receivingAgencyCode,
            reason: `Thủ tục ${request.procedureCode} (phiên bản ${version.version}) không cho phép trả kết quả qua dịch vụ bưu chính; kết quả được giữ tại bộ phận một cửa`,
            cancelledAt: at.toISOString(),
          };
          await this.outbox.add(POSTAL_DELIVERY_CANCELLED, 1, event, { correlationId: e.dossierCode });
        }
        return false;
      }
      const charges = await this.configs.forProcedure(m, request.procedureCode);
      const centre = { communeCode: this.config.senderCommuneCode, provinceCode: this.config.senderProvinceCode };
      const { postage, zone } = await this.tariff.postageOf(m, charges, centre, request, this.config.resultWeightGrams);
      let codFees = 0;
      if (charges.feesOnDelivery && request.procedureCode) {
        const version = await this.catalog.effective(m, request.procedureCode, localDate(request.receivedAt));
        if (version) codFees = version.fees.reduce((sum, f) => sum + f.amountVnd, 0);
        else this.logger.warn(`Fees of ${request.procedureCode} unknown (not in the catalog): ${e.dossierCode} goes without them`);
      }
      const codPostage = charges.postageOnDelivery ? postage : 0;
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
        postage,
        postageZone: zone,
        codFees,
        codPostage,
        codAmount: charges.codAmount + codFees + codPostage,
      });
      if (!order) return false;
      order.trackingNumber = await this.pool.allocate(m, Number(order.serial));
      await this.orders.saveOrder(m, order);
      return true;
    });
    if (opened) this.dispatcher.kick();
  }
}
