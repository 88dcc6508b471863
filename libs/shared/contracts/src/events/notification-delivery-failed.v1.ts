import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';
import { NOTIFICATION_CHANNELS } from './notification-sent.v1';

export const NOTIFICATION_DELIVERY_FAILED = 'notification.delivery-failed';
export const NOTIFICATION_FAILURE_KINDS = ['FAILED', 'PERMANENT_FAILURE'] as const;

/**
 * A message will not reach its recipient: sending ended FAILED (the gateway refused it or every attempt
 * failed), or the provider's delivery receipt said PERMANENT_FAILURE. At most once per message and
 * kind. Published by notification.
 */
export class NotificationDeliveryFailedV1 {
  @IsOptional() @Matches(DOSSIER_CODE_PATTERN) dossierCode?: string;
  @IsString() @Length(1, 64) messageId!: string;
  @IsIn(NOTIFICATION_CHANNELS) channel!: (typeof NOTIFICATION_CHANNELS)[number];
  @IsString() @Length(1, 64) template!: string;
  @IsIn(NOTIFICATION_FAILURE_KINDS) kind!: (typeof NOTIFICATION_FAILURE_KINDS)[number];
  /** The provider's error, as reported (English or provider codes; no personal data). */
  @IsOptional() @IsString() @Length(0, 500) error?: string;
  @IsISO8601({ strict: true }) failedAt!: string;
}
