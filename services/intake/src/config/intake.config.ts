import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isIP } from 'net';
import { parseOfficePeriods } from '@motcua/calendar';
import { loadConfig, ServiceConfig } from '@motcua/platform';

/** Office periods written `07:00-11:30,13:30-17:00` (in order, not overlapping). */
const IsOfficeHours = () =>
  ValidateBy({
    name: 'isOfficeHours',
    validator: {
      validate: (value: unknown) => {
        try {
          return typeof value === 'string' && parseOfficePeriods(value).length > 0;
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be office periods HH:mm-HH:mm separated by commas, in order, not overlapping',
    },
  });

/** `TRUST_PROXY` as Express takes it: `true`/`false`, a hop count, or a comma-separated list of addresses/subnets/names. */
export function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim());
  for (const entry of list) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const named = ['loopback', 'linklocal', 'uniquelocal'].includes(entry);
    const maskOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    if (!named && (!family || !maskOk || rest.length)) throw new Error(`not a trusted proxy: ${entry}`);
  }
  return list;
}

const IsTrustProxy = () =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => {
        try {
          return typeof value === 'string' && (parseTrustProxy(value), true);
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be true, false, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal separated by commas',
    },
  });

export class IntakeConfig extends ServiceConfig {
  override port = 3001;
  /** Seed the demo province, agencies and procedures at start (idempotent). */
  @IsBoolean() seedDemoData = false;
  /** Base URL of the public lookup page printed on receipts (QR code). */
  @IsUrl({ require_tld: false }) publicLookupUrl = 'http://localhost:3000/tra-cuu';
  /** Server key from which receipts' lookup secrets are derived (HMAC). Changing it changes reprinted secrets. */
  @IsString() @Length(16, 500) lookupSecretKey!: string;
  /** The province's office hours (giờ hành chính), used by the legal clock. */
  @IsOfficeHours() officeHours = '07:00-11:30,13:30-17:00';
  /** Office hours of make-up working Saturdays (làm bù); empty: the same as OFFICE_HOURS. */
  @IsOptional() @IsOfficeHours() makeUpDayOfficeHours?: string;
  /** "Within the day" procedures received after this local time are due at the end of the next working day. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a HH:mm time' }) withinDayCutoff = '15:00';
  /** Seconds a replica keeps the year schedules in memory before re-reading them (a local change reloads at once). */
  @IsInt() @Min(0) @Max(86_400) calendarCacheSeconds = 60;
  /** Directory of the local-disk document storage (digitized components); created when missing. */
  @IsString() @Length(1, 1000) documentStorageDir = '.data/documents';
  /** Where documents' bytes go: `local` (DOCUMENT_STORAGE_DIR) or `s3` (an S3-compatible store, S3_*). */
  @IsIn(['local', 's3']) documentStorage: 'local' | 's3' = 'local';
  /** S3-compatible endpoint (path-style), e.g. `https://s3.example.vn`; required with DOCUMENT_STORAGE=s3. */
  @ValidateIf((c: IntakeConfig) => c.documentStorage === 's3')
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  s3Endpoint?: string;
  @ValidateIf((c: IntakeConfig) => c.documentStorage === 's3') @IsString() @Length(3, 63) s3Bucket?: string;
  @IsString() @Length(1, 50) s3Region = 'us-east-1';
  @ValidateIf((c: IntakeConfig) => c.documentStorage === 's3') @IsString() @Length(1, 200) s3AccessKeyId?: string;
  @ValidateIf((c: IntakeConfig) => c.documentStorage === 's3') @IsString() @Length(1, 500) s3SecretAccessKey?: string;
  /** `AES256` or `aws:kms`: server-side encryption asked on every PUT; unset: the bucket's default. */
  @IsOptional() @IsIn(['AES256', 'aws:kms']) s3ServerSideEncryption?: string;
  /** Largest document accepted by upload, in bytes (default 10 MB); larger → 413. */
  @IsInt() @Min(1) @Max(200 * 1024 * 1024) maxDocumentBytes = 10 * 1024 * 1024;
  /** Compress the content streams of printed forms (PDF); tests turn it off to read the text back. */
  @IsBoolean() compressPdf = true;
  /** The national public-service portal's sync endpoint; unset: no sync. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) nationalPortalUrl?: string;
  /** First retry delay of a failed portal call, doubling up to 10 minutes. */
  @IsInt() @Min(10) @Max(600_000) nationalPortalRetryBaseMs = 2000;
  /** Public lookups and evaluations per minute per client IP (token bucket). */
  @IsInt() @Min(1) @Max(100_000) publicRateLimitPerMinute = 30;
  /**
   * Which reverse proxies' `X-Forwarded-For` is believed for the client IP (Express `trust proxy`): `false` (the
   * TCP peer is the client), `true` (the left-most address: only behind a proxy that overwrites the header), a
   * hop count (`1`), or addresses, CIDRs and `loopback` / `linklocal` / `uniquelocal`, comma-separated.
   */
  @IsTrustProxy() trustProxy = 'false';
  /** Base URL of the population database's lookup service (CSDL dân cư; simulators/population-data); unset: pre-fill answers 503. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) populationDataUrl?: string;
  /** This system's key for the population database (`X-Api-Key`). */
  @IsOptional() @IsString() @Length(1, 500) populationDataApiKey?: string;
  /** How long a population lookup may take before it counts as unavailable. */
  @IsInt() @Min(100) @Max(60_000) populationDataTimeoutMs = 5000;
}

export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<IntakeConfig> = {}): IntakeConfig {
  return loadConfig(IntakeConfig, env, overrides);
}
