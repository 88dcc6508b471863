export { createZaloZnsSimulator, startZaloZnsSimulator } from './zalo-zns-simulator';
export type { ZaloZnsSimulator, ZaloZnsSimulatorOptions, RunningZaloZnsSimulator } from './zalo-zns-simulator';
export { ZaloZnsEngine, ZNS_DELIVERY_ERRORS, ZNS_ERRORS, ZNS_EVENTS, toZaloPhone, zaloEventSignature } from './zalo-zns-engine';
export type { WebhookAttempt, ZaloZnsConfig, ZaloZnsEngineOptions, ZnsDeliveryEvent, ZnsMessage, ZnsSendOutcome } from './zalo-zns-engine';
