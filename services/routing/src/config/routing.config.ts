import { loadConfig, ServiceConfig } from '@motcua/platform';

export class RoutingConfig extends ServiceConfig {
  override port = 3002;
}

export function routingConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<RoutingConfig> = {}): RoutingConfig {
  return loadConfig(RoutingConfig, env, overrides);
}
