import { ProcedurePostalConfig } from '../charges/procedure-postal-config.entity';
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

export const POSTAL_ENTITIES = [
  DeliveryRequest,
  DeliveryOrder,
  DeliveryOrderEvent,
  CarrierPollState,
  PickupRequest,
  TrackingRange,
  DeliveryProof,
  ProcedurePostalConfig,
];
export const POSTAL_MIGRATIONS = [
  Initial1795600678354,
  TrackingDepth1795603882287,
  PickupOrders1795604282880,
  PoolAndProof1795605101639,
  ManualAttempts1795606096211,
  ChargesAndCod1795606332785,
];
