export * from './postal-delivery.module';
export * from './config/postal.config';
export * from './database';
export * from './carriers/s10';
export * from './carriers/carrier-event-id';
export { TrackingPoller } from './orders/tracking-poller';
