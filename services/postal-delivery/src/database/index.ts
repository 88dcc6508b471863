import { ProcedurePostalConfig } from '../charges/procedure-postal-config.entity';
import { PostageTariffBand } from '../charges/postage-tariff.entity';
import { ProcedureVersion } from '../catalog/procedure-version.entity';
import { OrderNotice } from '../orders/order-notice.entity';
import { DeliveryProof } from '../proofs/delivery-proof.entity';
import { TrackingRange } from '../tracking/tracking-range.entity';
import { PickupRequest } from '../pickups/pickup-request.entity';
import { CarrierPollState } from '../orders/carrier-poll-state.entity';
import { DeliveryOrderEvent } from '../orders/delivery-order-event.entity';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { DeliveryRequest } from '../orders/delivery-request.entity';
import { Initial1795600678354 } from './migrations/1795600678354-initial';
import { TrackingDepth1795603882287 } from './migrations/1795603882287-tracking-depth';
import { PickupOrders1795604282880 } from './migrations/1795604282880-pickup-orders';
import { PoolAndProof1795605101639 } from './migrations/1795605101639-pool-and-proof';
import { ManualAttempts1795606096211 } from './migrations/1795606096211-manual-attempts';
import { ChargesAndCod1795606332785 } from './migrations/1795606332785-charges-and-cod';
import { PickupsCatalogTariff1795700000000 } from './migrations/1795700000000-pickups-catalog-tariff';
import { PaperTransfers1795710000000 } from './migrations/1795710000000-paper-transfers';
import { HeldResultsAndPaperCopies1795720000000 } from './migrations/1795720000000-held-results-and-paper-copies';
import { PaperDossier } from '../transfers/paper-dossier.entity';
import { PaperTransfer } from '../transfers/paper-transfer.entity';

export const POSTAL_ENTITIES = [
  DeliveryRequest,
  DeliveryOrder,
  DeliveryOrderEvent,
  CarrierPollState,
  PickupRequest,
  TrackingRange,
  DeliveryProof,
  ProcedurePostalConfig,
  OrderNotice,
  ProcedureVersion,
  PostageTariffBand,
  PaperDossier,
  PaperTransfer,
];
export const POSTAL_MIGRATIONS = [
  Initial1795600678354,
  TrackingDepth1795603882287,
  PickupOrders1795604282880,
  PoolAndProof1795605101639,
  ManualAttempts1795606096211,
  ChargesAndCod1795606332785,
  PickupsCatalogTariff1795700000000,
  PaperTransfers1795710000000,
  HeldResultsAndPaperCopies1795720000000,
];
