import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '../src';
import { parseTrustProxy } from '../src/config/intake.config';

const LIMIT = 3;

describe('TRUST_PROXY', () => {
  it('reads booleans, hop counts and address lists; refuses anything else at start', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8,fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.local', '1.2.3.4/8/1', '']) expect(() => parseTrustProxy(bad)).toThrow();
    const env = { AUTH_JWT_SECRET: 'x'.repeat(32), LOOKUP_SECRET_KEY: 'k'.repeat(20), DATABASE_URL: 'postgres://x/y' };
    expect(() => intakeConfigFromEnv({ ...env, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
    expect(intakeConfigFromEnv({ ...env, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
  });
});

describe('public lookup rate limit per client IP, behind or not behind a proxy', () => {
  let db: TestDatabase;
  const apps: INestApplication[] = [];
  const buses: InProcessBus[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('intake_rate_limit');
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const bus of buses) await bus.close();
    await db?.drop();
  });

  async function boot(trustProxy?: string): Promise<INestApplication> {
    const bus = new InProcessBus({ delayScale: 0.01 });
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', PUBLIC_RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    if (trustProxy) env.TRUST_PROXY = trustProxy;
    const config = intakeConfigFromEnv(env, {
      databaseUrl: db.url,
      authJwtSecret: 'rate-limit-test-secret-0123456789',
      bus,
      lookupSecretKey: 'lookup-test-key-0123456789',
    });
    const app = await createServiceApp(IntakeModule.forRoot(config), INTAKE_SERVICE);
    apps.push(app);
    buses.push(bus);
    return app;
  }

  const lookup = (app: INestApplication, forwardedFor?: string) => {
    const req = request(app.getHttpServer()).get('/api/intake/v1/lookup/000.00.06.H56-260101-0001?secret=ABCDEFGH');
    return forwardedFor ? req.set('X-Forwarded-For', forwardedFor) : req;
  };
  const statuses = async (app: INestApplication, forwardedFor: Array<string | undefined>) => {
    const out: number[] = [];
    for (const f of forwardedFor) out.push((await lookup(app, f)).status);
    return out;
  };

  it('by default counts the TCP peer: a forged X-Forwarded-For does not buy more attempts', async () => {
    const app = await boot();
    const forged = ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5'];
    expect(await statuses(app, forged)).toEqual([404, 404, 404, 429, 429]);
    const tooMany = await lookup(app, '6.6.6.6');
    expect(tooMany.body.error.code).toBe('REQUEST.TOO_MANY');
  });

  it('behind a trusted proxy counts the client the proxy saw (right-most untrusted address)', async () => {
    const app = await boot('loopback');
    // three clients behind the proxy each get their own bucket
    expect(await statuses(app, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.1'])).toEqual([404, 404, 404, 429]);
    expect(await statuses(app, ['203.0.113.2'])).toEqual([404]);
    // a client prepending a forged address is still counted as the address the proxy appended
    expect(await statuses(app, ['9.9.9.9, 203.0.113.1', '8.8.8.8, 203.0.113.1'])).toEqual([429, 429]);
    expect(await statuses(app, ['203.0.113.1, 203.0.113.3'])).toEqual([404]);
  });
});
