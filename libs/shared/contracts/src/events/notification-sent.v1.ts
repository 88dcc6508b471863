import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from './common';

export const NOTIFICATION_SENT = 'notification.sent';
export const NOTIFICATION_CHANNELS = ['SMS', 'ZALO', 'EMAIL'] as const;

/** A message was accepted by a gateway. Published by notification. */
export class NotificationSentV1 {
  @IsOptional() @Matches(DOSSIER_CODE_PATTERN) dossierCode?: string;
  @IsString() @Length(1, 64) messageId!: string;
  @IsIn(NOTIFICATION_CHANNELS) channel!: (typeof NOTIFICATION_CHANNELS)[number];
  @IsString() @Length(1, 64) template!: string;
  @IsISO8601({ strict: true }) sentAt!: string;
}
