import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { CARRIER_ADAPTER } from './carriers/carrier';
import { VnpostAdapter } from './carriers/vnpost.adapter';
import { PostalConfig } from './config/postal.config';
import { POSTAL_ENTITIES, POSTAL_MIGRATIONS } from './database';
import { DocumentsController } from './documents/documents.controller';
import { ApplyCarrierUpdateUseCase } from './orders/apply-carrier-update.use-case';
import { DossierEventsController } from './orders/dossier-events.controller';
import { OpenDeliveryUseCase } from './orders/open-delivery.use-case';
import { OrderController } from './orders/order.controller';
import { OrderDispatcher } from './orders/order-dispatcher';
import { OrderRepository } from './orders/order.repository';
import { PollStateRepository } from './orders/poll-state.repository';
import { RecordRequestUseCase } from './orders/record-request.use-case';
import { TrackingPoller } from './orders/tracking-poller';
import { WebhookController } from './orders/webhook.controller';
import { PickupController } from './pickups/pickup.controller';
import { PickupRepository } from './pickups/pickup.repository';
import { RequestPickupUseCase } from './pickups/request-pickup.use-case';
import { CatalogEventsController } from './catalog/catalog-events.controller';
import { CatalogRepository } from './catalog/catalog.repository';
import { RecordProcedureVersionUseCase } from './catalog/record-procedure-version.use-case';
import { PostageTariff } from './charges/tariff';
import { CancelController } from './orders/cancel.controller';
import { CancelOrderUseCase } from './orders/cancel-order.use-case';
import { RecordCollectionUseCase } from './pickups/record-collection.use-case';
import { ChargesController } from './charges/charges.controller';
import { ProcedureConfigRepository } from './charges/charges';
import { PostmanController } from './postmen/postman.controller';
import { RecordAttemptUseCase } from './postmen/record-attempt.use-case';
import { WorklistQuery } from './postmen/worklist';
import { ProofController } from './proofs/proof.controller';
import { ProofRepository } from './proofs/proof.repository';
import { RecordProofUseCase } from './proofs/record-proof.use-case';
import { TrackingPool } from './tracking/tracking-pool';
import { TrackingRangeController } from './tracking/tracking-range.controller';
import { OpenTransferUseCase } from './transfers/open-transfer.use-case';
import { RecordPaperUseCase } from './transfers/record-paper.use-case';
import { TransferController } from './transfers/transfer.controller';
import { TransferRepository } from './transfers/transfer.repository';
import { TransferShipments } from './transfers/transfer-shipments';
import { TransferTracking } from './transfers/transfer-tracking';
import { AgencyDirectory } from './transfers/agency-directory';

export const POSTAL_SERVICE = {
  service: 'postal-delivery',
  apiPrefix: 'api/postal',
  title: 'Một Cửa — postal delivery (bưu chính công ích)',
};

/** Postal delivery: what the post carries (results to the door for now), through a carrier adapter. */
@Module({})
export class PostalDeliveryModule {
  static forRoot(config: PostalConfig): DynamicModule {
    return {
      module: PostalDeliveryModule,
      imports: [
        PlatformModule.forService({
          service: 'postal-delivery',
          config,
          entities: POSTAL_ENTITIES,
          migrations: POSTAL_MIGRATIONS,
          audit: { exclude: ['carrier_poll_state'] },
        }),
      ],
      controllers: [
        WebhookController,
        OrderController,
        DocumentsController,
        PickupController,
        DossierEventsController,
        TrackingRangeController,
        ProofController,
        PostmanController,
        ChargesController,
        TransferController,
        CatalogEventsController,
        CancelController,
      ],
      providers: [
        OrderRepository,
        RecordRequestUseCase,
        OpenDeliveryUseCase,
        ApplyCarrierUpdateUseCase,
        OrderDispatcher,
        PollStateRepository,
        PickupRepository,
        RequestPickupUseCase,
        TrackingPoller,
        TrackingPool,
        ProofRepository,
        RecordProofUseCase,
        RecordAttemptUseCase,
        WorklistQuery,
        ProcedureConfigRepository,
        CatalogRepository,
        RecordProcedureVersionUseCase,
        RecordCollectionUseCase,
        CancelOrderUseCase,
        PostageTariff,
        TransferRepository,
        RecordPaperUseCase,
        OpenTransferUseCase,
        TransferShipments,
        TransferTracking,
        AgencyDirectory,
        {
          provide: CARRIER_ADAPTER,
          useValue: new VnpostAdapter({ baseUrl: config.vnpostBaseUrl, token: config.vnpostToken, timeoutMs: config.carrierTimeoutMs }),
        },
      ],
    };
  }
}
