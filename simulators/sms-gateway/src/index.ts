export { createSmsGatewaySimulator, startSmsGatewaySimulator } from './sms-gateway-simulator';
export type { SmsGatewaySimulator, SmsGatewaySimulatorOptions, RunningSmsGatewaySimulator } from './sms-gateway-simulator';
export { SmsGatewayEngine, SMS_CODES, normalizeVietnamesePhone } from './sms-gateway-engine';
export type {
  SmsGatewayEngineOptions,
  SmsGatewayConfig,
  SmsSendRequest,
  SmsSendResult,
  SmsAccepted,
  SmsError,
  SmsResultCode,
  SmsMessage,
  SmsDeliveryReceipt,
  SmsDeliveryStatus,
  DlrAttempt,
} from './sms-gateway-engine';
export { smsSegments, GSM7_SINGLE, GSM7_MULTI, UCS2_SINGLE, UCS2_MULTI } from './sms-encoding';
export type { SmsEncoding, SmsSegmentInfo } from './sms-encoding';
export type { SimLogger } from '@motcua/sim-common';
