import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_CHANNELS } from '@motcua/contracts';
import type { NotificationChannel } from '../templates/template-catalog';

export class PutPreferenceDto {
  /** true: no message at all to this number (từ chối nhận tin). */
  @IsBoolean() optedOut!: boolean;
  /** Channels to use, e.g. ["ZALO"] (falls back to SMS) or ["SMS", "EMAIL"]; absent or null: the default. */
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(3) @IsIn(NOTIFICATION_CHANNELS, { each: true }) channels?:
    NotificationChannel[] | null;
  @IsOptional() @IsEmail() email?: string | null;
}
