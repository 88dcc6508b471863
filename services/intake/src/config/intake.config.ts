import { IsBoolean, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
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
}

export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<IntakeConfig> = {}): IntakeConfig {
  return loadConfig(IntakeConfig, env, overrides);
}
