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
}

export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<IntakeConfig> = {}): IntakeConfig {
  return loadConfig(IntakeConfig, env, overrides);
}
