export { createZaloZnsSimulator, startZaloZnsSimulator } from './zalo-zns-simulator';
export type { ZaloZnsSimulator, ZaloZnsSimulatorOptions, RunningZaloZnsSimulator } from './zalo-zns-simulator';
export { ZaloZnsEngine, ZNS_ERRORS, toZaloPhone } from './zalo-zns-engine';
export type { ZaloZnsConfig, ZaloZnsEngineOptions, ZnsMessage, ZnsSendOutcome } from './zalo-zns-engine';
