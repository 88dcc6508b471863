import { DeliveryOrderEvent } from '../orders/delivery-order-event.entity';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { DeliveryRequest } from '../orders/delivery-request.entity';
import { Initial1795600678354 } from './migrations/1795600678354-initial';

export const POSTAL_ENTITIES = [DeliveryRequest, DeliveryOrder, DeliveryOrderEvent];
export const POSTAL_MIGRATIONS = [Initial1795600678354];
