import { INestApplication, Logger } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { INTAKE_SERVICE, IntakeModule, intakeConfigFromEnv } from '@motcua/intake';
import { ROUTING_SERVICE, RoutingModule, routingConfigFromEnv } from '@motcua/routing';
import { POSTAL_SERVICE, PostalDeliveryModule, postalConfigFromEnv } from '@motcua/postal-delivery';
import { NOTIFICATION_SERVICE, NotificationModule, notificationConfigFromEnv } from '@motcua/notification';
import { REPORTING_SERVICE, ReportingModule, reportingConfigFromEnv } from '@motcua/reporting';
import { createVnpostSimulator } from '@motcua/sim-vnpost';
import { createSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { createPopulationDataSimulator } from '@motcua/sim-population-data';
import { createZaloZnsSimulator } from '@motcua/sim-zalo-zns';
import { DEMO_USERS, devToken } from './dev-auth';
import { startEmbeddedPostgres } from './embedded-postgres';
import { LocalSmtp, startLocalSmtp } from './local-smtp';

/** A key that must survive restarts (receipts printed before a restart stay valid): kept in the data dir. */
function persistentKey(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export interface EmbeddedOptions {
  port: number;
  dataDir: string;
  pgPort: number;
  /** URL base the simulators use to reach this process (webhooks, gateway calls). */
  selfUrl?: string;
}

export interface RunningPlatform {
  url: string;
  close(): Promise<void>;
}

const SERVICE_DATABASES = {
  intake: 'intake',
  routing: 'routing',
  postal: 'postal_delivery',
  notification: 'notification',
  reporting: 'reporting',
};

/**
 * All five services in one process behind one port: one embedded PostgreSQL with a database per
 * service, the in-process bus, the VNPost, SMS gateway and Zalo ZNS simulators, a local SMTP server, demo
 * data and a dev token issuer.
 */
export async function startEmbeddedPlatform(opts: EmbeddedOptions): Promise<RunningPlatform> {
  const logger = new Logger('Embedded');
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(opts.dataDir, 'postgres'),
    port: opts.pgPort,
    databases: Object.values(SERVICE_DATABASES),
    logger: { log: (m) => (m.startsWith('embedded-postgres:') ? logger.log(m) : logger.debug(m)) },
  });
  const self = opts.selfUrl ?? `http://127.0.0.1:${opts.port}`;
  const jwtSecret = process.env.AUTH_JWT_SECRET ?? randomBytes(32).toString('hex');
  const webhookSecret = randomBytes(24).toString('hex');
  const lookupSecretKey = persistentKey(path.join(opts.dataDir, 'lookup-secret.key'));
  const bus = new InProcessBus();
  const env = { ...process.env, AUTH_JWT_SECRET: jwtSecret, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };

  const root = express();
  const vnpost = createVnpostSimulator({
    token: 'embedded-vnpost-token',
    stepDelayMs: Number(process.env.VNPOST_SIM_STEP_DELAY_MS ?? 2000),
    webhookUrl: `${self}/api/postal/v1/carriers/vnpost/webhook`,
    webhookSecret,
  });
  const sms = createSmsGatewaySimulator({ apiKey: 'embedded-sms-key', brandnames: ['MOTCUA'] });
  root.use('/sim/vnpost', vnpost.app);
  root.use('/sim/sms', sms.app);
  // the national population database (CSDL dân cư) for the counter's pre-fill ("citizen doesn't write")
  const population = createPopulationDataSimulator({ apiKey: 'embedded-population-key' });
  root.use('/sim/population', population.app);
  // Zalo ZNS: its signed delivery events go to notification's receipt endpoint
  const zaloToken = process.env.ZALO_ZNS_ACCESS_TOKEN ?? 'embedded-zalo-token';
  const zaloAppId = process.env.ZALO_APP_ID ?? 'embedded-zalo-app';
  const zaloOaSecretKey = process.env.ZALO_OA_SECRET_KEY ?? randomBytes(24).toString('hex');
  const zalo = createZaloZnsSimulator({
    accessToken: zaloToken,
    appId: zaloAppId,
    oaSecretKey: zaloOaSecretKey,
    webhookUrl: `${self}/api/notification/v1/receipts/zalo`,
  });
  root.use('/sim/zalo', zalo.app);
  // e-mail: a local SMTP server (EMBEDDED_SMTP_PORT, default a free port) unless SMTP_URL names a relay
  const smtp: LocalSmtp | null = process.env.SMTP_URL ? null : await startLocalSmtp(Number(process.env.EMBEDDED_SMTP_PORT ?? 0));
  root.get('/sim/mail/messages', (_req, res) => res.json({ items: smtp?.mails ?? [] }));

  const apps: INestApplication[] = [];
  const mount = async (prefix: string, build: (adapter: ExpressAdapter) => Promise<INestApplication>) => {
    const sub = express();
    const app = await build(new ExpressAdapter(sub));
    apps.push(app);
    // keep the full path: each service serves under its own prefix, as behind the gateway
    root.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith(prefix) ? sub(req, res, next) : next()));
    return app;
  };

  const common = { bus };
  await mount('/api/intake', (adapter) =>
    createServiceApp(
      IntakeModule.forRoot(
        intakeConfigFromEnv(env, {
          ...common,
          databaseUrl: pg.urlFor('intake'),
          seedDemoData: true,
          lookupSecretKey,
          publicLookupUrl: `${self}/tra-cuu`,
          populationDataUrl: `${self}/sim/population`,
          populationDataApiKey: 'embedded-population-key',
        }),
      ),
      { ...INTAKE_SERVICE, adapter },
    ),
  );
  await mount('/api/routing', (adapter) =>
    createServiceApp(RoutingModule.forRoot(routingConfigFromEnv(env, { ...common, databaseUrl: pg.urlFor('routing') })), {
      ...ROUTING_SERVICE,
      adapter,
    }),
  );
  await mount('/api/postal', (adapter) =>
    createServiceApp(
      PostalDeliveryModule.forRoot(
        postalConfigFromEnv(env, {
          ...common,
          databaseUrl: pg.urlFor('postal_delivery'),
          vnpostBaseUrl: `${self}/sim/vnpost`,
          vnpostToken: 'embedded-vnpost-token',
          vnpostWebhookSecret: webhookSecret,
        }),
      ),
      { ...POSTAL_SERVICE, adapter },
    ),
  );
  await mount('/api/notification', (adapter) =>
    createServiceApp(
      NotificationModule.forRoot(
        notificationConfigFromEnv(env, {
          ...common,
          databaseUrl: pg.urlFor('notification'),
          smsGatewayUrl: `${self}/sim/sms`,
          publicLookupUrl: `${self}/tra-cuu`,
          smsGatewayApiKey: 'embedded-sms-key',
          smsBrandname: 'MOTCUA',
          zaloZnsUrl: process.env.ZALO_ZNS_URL ?? `${self}/sim/zalo`,
          zaloZnsAccessToken: zaloToken,
          zaloAppId,
          zaloOaSecretKey,
          ...(smtp ? { smtpUrl: smtp.url } : {}),
        }),
      ),
      { ...NOTIFICATION_SERVICE, adapter },
    ),
  );
  await mount('/api/reporting', (adapter) =>
    createServiceApp(ReportingModule.forRoot(reportingConfigFromEnv(env, { ...common, databaseUrl: pg.urlFor('reporting') })), {
      ...REPORTING_SERVICE,
      adapter,
    }),
  );

  root.use(express.json());
  root.get('/api/dev/users', (_req, res) => res.json(DEMO_USERS));
  root.post('/api/dev/token', (req: Request, res: Response) => {
    const sub = typeof req.body?.sub === 'string' ? req.body.sub : '';
    const token = devToken(jwtSecret, sub);
    if (!token)
      return res.status(404).json({
        error: {
          code: 'DEV.USER_NOT_FOUND',
          message: 'Không có người dùng demo này',
          details: [{ field: 'sub', rule: 'isDemoUser', message: `Chọn một trong: ${DEMO_USERS.map((u) => u.sub).join(', ')}` }],
        },
      });
    return res.json({ token, user: DEMO_USERS.find((u) => u.sub === sub) });
  });
  root.get('/health', async (_req, res) => {
    const names = ['intake', 'routing', 'postal-delivery', 'notification', 'reporting'];
    const checks = await Promise.all(
      apps.map((app) =>
        app
          .get(DataSource)
          .query('SELECT 1')
          .then(() => 'up')
          .catch(() => 'down'),
      ),
    );
    const services = Object.fromEntries(names.map((n, i) => [n, checks[i] ?? 'down']));
    const ok = checks.length === names.length && checks.every((c) => c === 'up') && bus.isConnected();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', services, bus: bus.isConnected() ? 'up' : 'down' });
  });

  const server = http.createServer(root);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '0.0.0.0', resolve);
  });
  logger.log(`Một Cửa platform (embedded) on http://localhost:${opts.port} — docs: /api/<service>/…, dev tokens: POST /api/dev/token`);

  return {
    url: `http://127.0.0.1:${opts.port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const app of apps.reverse()) await app.close();
      await bus.close();
      await vnpost.close();
      await sms.close();
      await population.close();
      await zalo.close();
      await smtp?.close();
      await pg.stop();
    },
  };
}
