import { PickupRequest } from '../pickups/pickup-request.entity';
import { CarrierPollState } from '../orders/carrier-poll-state.entity';
import { DeliveryOrderEvent } from '../orders/delivery-order-event.entity';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { DeliveryRequest } from '../orders/delivery-request.entity';
import { Initial1795600678354 } from './migrations/1795600678354-initial';
import { TrackingDepth1795603882287 } from './migrations/1795603882287-tracking-depth';
import { PickupOrders1795604282880 } from './migrations/1795604282880-pickup-orders';

export const POSTAL_ENTITIES = [DeliveryRequest, DeliveryOrder, DeliveryOrderEvent, CarrierPollState, PickupRequest];
export const POSTAL_MIGRATIONS = [Initial1795600678354, TrackingDepth1795603882287, PickupOrders1795604282880];
