import { IsInt, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class ReportingConfig extends ServiceConfig {
  override port = 3005;
  /** Events read per page when the projection is rebuilt from `event_log`. */
  @IsInt() @Min(1) @Max(100_000) rebuildPageSize = 1000;
}

export function reportingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ReportingConfig> = {}): ReportingConfig {
  return loadConfig(ReportingConfig, env, overrides);
}
