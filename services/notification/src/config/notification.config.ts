import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUrl, Length, Matches, Max, Min } from 'class-validator';
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
  /**
   * Channels used when the citizen's phone has no preference (DEFAULT_CHANNELS), comma-separated from
   * SMS, ZALO, EMAIL. ZALO falls back to SMS when it fails or the number has no Zalo account.
   */
  @Matches(/^(SMS|ZALO|EMAIL)(,(SMS|ZALO|EMAIL))*$/, { message: 'comma-separated list of SMS, ZALO, EMAIL' }) defaultChannels = 'SMS';
  /** Send SMS without Vietnamese diacritics (GSM-7, 160 characters a part) for providers that require it. */
  @IsBoolean() smsStripDiacritics = false;
  /** `smtp://user:pass@host:port` (or smtps://) of the mail relay; e-mail is off when unset. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true }) smtpUrl?: string;
  /** From header of e-mails. */
  @IsString() @Length(3, 200) emailFrom = 'Bộ phận Một cửa <no-reply@motcua.gov.vn>';
  /** Base URL of the Zalo ZNS API (ZALO_ZNS_URL, e.g. https://business.openapi.zalo.me); Zalo is off when unset. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) zaloZnsUrl?: string;
  /** Official Account access token sent as the `access_token` header. */
  @IsOptional() @IsString() @Length(1, 2000) zaloZnsAccessToken?: string;
  /**
   * Zalo app id and OA secret key (ZALO_APP_ID, ZALO_OA_SECRET_KEY): delivery events posted to
   * `/api/notification/v1/receipts/zalo` must carry `X-ZEvent-Signature: mac=sha256(appId + body +
   * timestamp + key)`. Zalo receipts are refused when either is unset.
   */
  @IsOptional() @IsString() @Length(1, 100) zaloAppId?: string;
  @IsOptional() @IsString() @Length(16, 200) zaloOaSecretKey?: string;
  /**
   * Quiet hours in Asia/Ho_Chi_Minh, `HH:MM[:SS]-HH:MM[:SS]` (e.g. `21:00-07:00`, may cross midnight);
   * off when empty. Messages queued inside are sent when the window ends; urgent templates are exempt.
   */
  @Matches(/^$|^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?-([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'HH:MM-HH:MM or empty' })
  quietHours = '';
  /**
   * Key of the delivery-receipt endpoint (SMS_RECEIPT_KEY): the gateway posts to
   * `/api/notification/v1/receipts/sms?key=…` (or header `X-Receipt-Key`). Receipts are refused when unset.
   */
  @IsOptional() @IsString() @Length(16, 200) smsReceiptKey?: string;
  /** Token bucket per provider: sends per second (0 = unlimited) and burst (tokens held at most). */
  @IsNumber() @Min(0) @Max(10_000) smsRatePerSecond = 0;
  @IsInt() @Min(1) @Max(10_000) smsRateBurst = 1;
  @IsNumber() @Min(0) @Max(10_000) zaloRatePerSecond = 0;
  @IsInt() @Min(1) @Max(10_000) zaloRateBurst = 1;
  @IsNumber() @Min(0) @Max(10_000) emailRatePerSecond = 0;
  @IsInt() @Min(1) @Max(10_000) emailRateBurst = 1;
  /** Local time (Asia/Ho_Chi_Minh, `HH:MM[:SS]`) of the daily staff digest e-mail (DIGEST_SEND_AT). */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'HH:MM or HH:MM:SS' }) digestSendAt = '07:30';
  /**
   * Digest addresses per agency (DIGEST_RECIPIENTS): `AGENCY=a@x.vn,b@x.vn;AGENCY2=c@x.vn` — the
   * specialists' and supervisors' mailboxes. Empty: no digest e-mail (the API still shows digests).
   */
  @Matches(/^$|^[^=;]+=[^=;]*(;[^=;]+=[^=;]*)*;?$/, { message: 'AGENCY=address,address;AGENCY=address' }) digestRecipients = '';
  /** How often the digest scheduler looks whether a digest is due. */
  @IsInt() @Min(10) @Max(3_600_000) digestPollMs = 60_000;
}

export function notificationConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<NotificationConfig> = {},
): NotificationConfig {
  return loadConfig(NotificationConfig, env, overrides);
}
