export * from './notification.module';
export * from './config/notification.config';
export * from './database';
export { SmsGatewayAdapter, HttpSmsGatewayAdapter } from './dispatch/sms-gateway.adapter';
export type { SmsRequest, SmsSendResult, HttpSmsGatewayOptions } from './dispatch/sms-gateway.adapter';
