import { IsBoolean, IsString, IsUrl, Length } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class IntakeConfig extends ServiceConfig {
  override port = 3001;
  /** Seed the demo province, agencies and procedures at start (idempotent). */
  @IsBoolean() seedDemoData = false;
  /** Base URL of the public lookup page printed on receipts (QR code). */
  @IsUrl({ require_tld: false }) publicLookupUrl = 'http://localhost:3000/tra-cuu';
  /** Server key from which receipts' lookup secrets are derived (HMAC). Changing it changes reprinted secrets. */
  @IsString() @Length(16, 500) lookupSecretKey!: string;
}

export function intakeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<IntakeConfig> = {}): IntakeConfig {
  return loadConfig(IntakeConfig, env, overrides);
}
