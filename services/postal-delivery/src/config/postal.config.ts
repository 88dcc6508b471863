import { IsBoolean, IsInt, IsString, IsUrl, Length, Matches, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class PostalConfig extends ServiceConfig {
  override port = 3003;
  /** VNPost (MyVNPost) API base URL; the simulator in embedded mode and tests. */
  @IsUrl({ require_tld: false }) vnpostBaseUrl = 'http://127.0.0.1:4010';
  @IsString() @Length(1, 500) vnpostToken!: string;
  /** Shared secret of the signed tracking webhook (HMAC-SHA256). */
  @IsString() @Length(16, 500) vnpostWebhookSecret!: string;
  /** Accepted clock skew / replay window of webhooks, seconds. */
  @IsInt() @Min(10) @Max(3600) vnpostWebhookToleranceSeconds = 300;
  /** Two-letter service indicator of our tracking numbers (UPU S10, e.g. EB…VN). */
  @IsString() @Length(2, 2) trackingPrefix = 'EM';
  /**
   * When no loaded range (ADMIN `POST /v1/tracking-ranges`) has numbers left, take the number from our own
   * sequence with `trackingPrefix`. On by default (development, e2e); turn off once VNPost assigns ranges.
   */
  @IsBoolean() trackingPoolFallback = true;
  /** Largest signature/photo accepted as proof of delivery, bytes. */
  @IsInt() @Min(1024) @Max(700_000) proofMaxBytes = 512_000;
  @IsInt() @Min(1000) @Max(600000) carrierTimeoutMs = 10000;
  /** Poll VNPost's update list (VNPost documents no webhooks; the webhook is the fast path when there is one). */
  @IsBoolean() vnpostPollEnabled = true;
  /** Wait between two polls when the last one found nothing more to read. */
  @IsInt() @Min(50) @Max(3_600_000) vnpostPollIntervalMs = 60_000;
  /** Orders per page of the update list (VNPost allows at most 500). */
  @IsInt() @Min(1) @Max(500) vnpostPollPageSize = 500;
  /** Each window starts this much before the watermark, so a change the carrier records late is still read. */
  @IsInt() @Min(0) @Max(86_400_000) vnpostPollOverlapMs = 120_000;
  /** Each window ends this much before now (the carrier's list settles). */
  @IsInt() @Min(0) @Max(3_600_000) vnpostPollLagMs = 5_000;
  /** First start (no watermark yet): how far back to read. */
  @IsInt() @Min(0) @Max(30 * 86_400_000) vnpostPollInitialLookbackMs = 86_400_000;
  /** Delivery attempts before the result goes back to the centre (`willRetry` of `postal.delivery.attempt-failed`). */
  @IsInt() @Min(1) @Max(10) deliveryMaxAttempts = 3;
  /** Pickup attempts before the pickup is given up (`final` of `postal.pickup.failed`). */
  @IsInt() @Min(1) @Max(10) pickupMaxAttempts = 2;
  /** Weight of a result-delivery parcel (grams): picks the postage tariff's weight band. */
  @IsInt() @Min(1) @Max(30_000) resultWeightGrams = 200;
  /** Weight of a collected dossier (grams): picks the tariff's weight band for pickups whose procedure takes postage from the tariff. */
  @IsInt() @Min(1) @Max(30_000) pickupWeightGrams = 500;
  /** Channels whose dossiers have paper that travels between agencies (comma list of COUNTER, POSTAL, ONLINE; `-`: none). */
  @Matches(/^(-|(COUNTER|POSTAL|ONLINE)(,(COUNTER|POSTAL|ONLINE))*)$/) paperTransferChannels = 'COUNTER,POSTAL';
  /** Agencies the paper travels to when a step opens there: `*` every agency outside the centre, a comma list of agency codes, or `-` none. */
  @Matches(/^(\*|-|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}(,\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})*)$/) paperTransferAgencies = '*';
  /**
   * JSON file of the agencies paper travels between (names, phones, addresses for the carrier and the labels;
   * see `transfers/agency-directory.ts`). Empty: the built-in EXAMPLE directory.
   */
  @IsString() @Length(0, 500) agencyDirectoryFile = '';
  /** The centre that hands results to the post (sender of result deliveries). */
  @IsString() @Length(1, 200) senderName = 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa';
  @IsString() @Length(10, 11) senderPhone = '02373123456';
  @IsString() @Length(1, 300) senderAddress = '28 Đại lộ Lê Lợi, phường Hạc Thành';
  @IsString() @Length(2, 2) senderProvinceCode = '38';
  @IsString() @Length(5, 5) senderCommuneCode = '14755';
}

export function postalConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<PostalConfig> = {}): PostalConfig {
  return loadConfig(PostalConfig, env, overrides);
}
