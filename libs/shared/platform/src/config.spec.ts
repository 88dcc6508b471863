import { IsBoolean, IsInt, Min } from 'class-validator';
import { ConfigError, envName, loadConfig, ServiceConfig } from './config';

class DemoConfig extends ServiceConfig {
  @IsBoolean() seedDemoData = false;
  @IsInt() @Min(1) retries = 3;
}

const base = { DATABASE_URL: 'postgresql://u:p@localhost:5432/db', AUTH_JWT_SECRET: 's' };

describe('loadConfig', () => {
  it('maps camelCase properties to SCREAMING_SNAKE variables', () => {
    expect(envName('databaseUrl')).toBe('DATABASE_URL');
    expect(envName('vnpostWebhookToleranceSeconds')).toBe('VNPOST_WEBHOOK_TOLERANCE_SECONDS');
  });

  it('reads, converts and defaults values', () => {
    const c = loadConfig(DemoConfig, { ...base, PORT: '8080', SEED_DEMO_DATA: 'true', RETRIES: '5' });
    expect(c).toMatchObject({ port: 8080, seedDemoData: true, retries: 5, busPrefix: 'motcua', logLevel: 'info' });
    expect(loadConfig(DemoConfig, { ...base, SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
  });

  it('names every missing or invalid variable in one message', () => {
    let message = '';
    try {
      loadConfig(DemoConfig, { PORT: 'eighty', RABBITMQ_URL: 'http://broker', SEED_DEMO_DATA: 'maybe' });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of ['DATABASE_URL', 'PORT', 'RABBITMQ_URL', 'SEED_DEMO_DATA', 'AUTH_JWT_SECRET or AUTH_JWKS_URL'])
      expect(message).toContain(name);
  });

  it('keeps an injected bus by identity', () => {
    const bus = { marker: Symbol('bus') } as unknown as ServiceConfig['bus'];
    expect(loadConfig(DemoConfig, base, { bus }).bus).toBe(bus);
  });
});
