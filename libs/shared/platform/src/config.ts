import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';
import type { MessageBus } from '@motcua/messaging';

/** camelCase property → SCREAMING_SNAKE environment variable (databaseUrl → DATABASE_URL). */
export function envName(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Settings every service has; each service extends it with its own. Read from the environment. */
export class ServiceConfig {
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  databaseUrl!: string;
  /** Absent → the in-process bus (embedded mode only). */
  @IsOptional()
  @Matches(/^amqps?:\/\/.+/, { message: 'must be an amqp:// or amqps:// URL' })
  rabbitmqUrl?: string;
  @IsString() @Matches(/^[a-z0-9][a-z0-9._-]*$/) busPrefix = 'motcua';
  @IsOptional() @IsString() authJwtSecret?: string;
  @IsOptional() @IsUrl({ require_tld: false }) authJwksUrl?: string;
  @IsOptional() @IsString() authIssuer?: string;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) logLevel = 'info';
  /** Relay and consumer tuning. */
  @IsInt() @Min(1) @Max(1000) busPrefetch = 32;
  /** PostgreSQL connections per process (each event being handled holds one for its transaction). */
  @IsInt() @Min(2) @Max(500) dbPoolSize = 20;
  /** Set by the all-in-one runner: the shared in-process bus. Never from the environment. */
  bus?: MessageBus;
}

export class ConfigError extends Error {}

/**
 * Builds and validates a config class from environment variables (plus overrides), failing with
 * one message that names every missing or invalid variable.
 */
export function loadConfig<T extends ServiceConfig>(cls: new () => T, env: NodeJS.ProcessEnv = process.env, overrides: Partial<T> = {}): T {
  const properties = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(cls, '', true, false)
      .map((m) => m.propertyName),
  );
  const defaults = new cls();
  const raw: Record<string, unknown> = {};
  for (const p of properties) {
    const value = env[envName(p)];
    if (value !== undefined && value !== '') raw[p] = value;
  }
  const { bus, ...plainOverrides } = overrides;
  const merged = { ...defaults, ...raw, ...plainOverrides } as Record<string, unknown>;
  const instance = plainToInstance(cls, merged);
  if (bus) instance.bus = bus; // an object with identity (the shared in-process bus): never copied
  // implicit conversion keeps env strings as strings for number-typed fields with defaults; coerce.
  for (const p of properties) {
    const d = (defaults as Record<string, unknown>)[p];
    const v = (instance as Record<string, unknown>)[p];
    if (typeof d === 'number' && typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) (instance as Record<string, unknown>)[p] = Number(v);
    const rawValue = raw[p];
    if (typeof d === 'boolean' && typeof rawValue === 'string') {
      const flag = rawValue.trim().toLowerCase();
      (instance as Record<string, unknown>)[p] = ['true', '1', 'yes'].includes(flag)
        ? true
        : ['false', '0', 'no'].includes(flag)
          ? false
          : rawValue;
    }
  }
  const errors = validateSync(instance, { skipMissingProperties: false });
  const problems = errors.map((e) => `${envName(e.property)}: ${Object.values(e.constraints ?? { invalid: 'is invalid' }).join('; ')}`);
  if (!instance.authJwtSecret && !instance.authJwksUrl) problems.push('AUTH_JWT_SECRET or AUTH_JWKS_URL: one of them must be set');
  if (problems.length) throw new ConfigError(`Invalid configuration for ${cls.name}:\n  - ${problems.join('\n  - ')}`);
  return instance;
}
