import { IsInt, IsString, IsUrl, Length, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class NotificationConfig extends ServiceConfig {
  override port = 3004;
  /** Base URL of the SMS gateway (SMS_GATEWAY_URL); messages go to `POST {url}/api/v1/sms/send`. */
  @IsUrl({ require_tld: false, require_protocol: true }) smsGatewayUrl!: string;
  /** Bearer key of the SMS gateway account (SMS_GATEWAY_API_KEY). */
  @IsString() @Length(1, 500) smsGatewayApiKey!: string;
  /** Registered sender name (brandname) shown on the citizen's phone. */
  @IsString() @Length(1, 11) smsBrandname = 'MOTCUA';
  /** Base URL of the public lookup page; the dossier code is appended (`{url}/{code}`). */
  @IsUrl({ require_tld: false }) publicLookupUrl = 'http://localhost:3000/tra-cuu';
  /** Per-request timeout of a gateway call. */
  @IsInt() @Min(100) @Max(120_000) smsTimeoutMs = 10_000;
  /** Sending attempts per message before it is marked FAILED. */
  @IsInt() @Min(1) @Max(50) smsMaxAttempts = 6;
  /** Delay before the first retry; doubles on each further attempt (capped at one hour). */
  @IsInt() @Min(1) @Max(3_600_000) smsRetryBaseMs = 5_000;
  /** Fallback poll of the dispatcher when no NOTIFY arrives (safety net, not the main path). */
  @IsInt() @Min(10) @Max(600_000) dispatchPollMs = 5_000;
  /** Messages claimed (and sent concurrently) per dispatcher transaction. */
  @IsInt() @Min(1) @Max(500) dispatchBatchSize = 20;
}

export function notificationConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<NotificationConfig> = {},
): NotificationConfig {
  return loadConfig(NotificationConfig, env, overrides);
}
