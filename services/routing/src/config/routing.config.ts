import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { loadConfig, ServiceConfig } from '@motcua/platform';

export class RoutingConfig extends ServiceConfig {
  override port = 3002;
  /** Load the seed workflow definitions at start (idempotent). */
  @IsBoolean() seedWorkflows = true;
  /** Longest wait of the timer worker between checks (a NOTIFY or the next due timer wakes it earlier). */
  @IsInt() @Min(10) @Max(3_600_000) timerIdlePollMs = 5000;
}

export function routingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RoutingConfig> = {}): RoutingConfig {
  return loadConfig(RoutingConfig, env, overrides);
}
