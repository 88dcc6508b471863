export * from './notification.module';
export * from './config/notification.config';
export * from './database';
export { SmsGatewayAdapter, HttpSmsGatewayAdapter } from './dispatch/sms-gateway.adapter';
export type { SmsRequest, SmsSendResult, HttpSmsGatewayOptions } from './dispatch/sms-gateway.adapter';
export { ZaloZnsAdapter, HttpZaloZnsAdapter } from './channels/zalo-zns.adapter';
export type { ZnsRequest, ZnsSendResult } from './channels/zalo-zns.adapter';
export { EmailAdapter, SmtpEmailAdapter } from './channels/email.adapter';
export { smsLength, stripVietnameseDiacritics } from './sms/sms-encoding';
