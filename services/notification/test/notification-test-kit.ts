import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { issueToken } from '@motcua/auth';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { RunningSmsGatewaySimulator, SmsGatewaySimulatorOptions, startSmsGatewaySimulator } from '@motcua/sim-sms-gateway';
import { RunningZaloZnsSimulator, startZaloZnsSimulator, ZaloZnsSimulatorOptions } from '@motcua/sim-zalo-zns';
import { createTestDatabase, TestDatabase } from '@motcua/testing';
import { NOTIFICATION_SERVICE, NotificationConfig, NotificationModule, notificationConfigFromEnv } from '../src';
import { AGENCY, ApiMessage, SECRET, SMS_API_KEY } from './fixtures';
import { SmtpSink, startSmtpSink } from './smtp-sink';

export const ZALO_TOKEN = 'zalo-oa-test-token';
export const PUBLIC_LOOKUP_URL = 'https://dichvucong.example.vn/tra-cuu';

/** Tokens the notification tests sign with the test secret. */
export const clerk = issueToken(SECRET, { sub: 'clerk-1', name: 'Cán bộ một cửa', roles: ['COUNTER_CLERK'], agencyCode: AGENCY });
export const admin = issueToken(SECRET, { sub: 'admin-1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' });

export interface NotificationTestKitOptions {
  /** Prefix of the throwaway database's name. */
  database: string;
  /** Options of the SMS gateway simulator beyond the port, API key and brandname (default: receipts after 60 s). */
  sms?: Partial<SmsGatewaySimulatorOptions>;
  /** Also start a Zalo ZNS simulator (its URL and token go into the config), with these options if an object. */
  zalo?: boolean | Partial<ZaloZnsSimulatorOptions>;
  /** Also start an SMTP sink (its URL goes into the config). */
  smtp?: boolean;
  /** Runs once the bus exists, before the module boots (e.g. to add a spy consumer). */
  beforeBoot?: (bus: InProcessBus) => Promise<void>;
  /** Config overrides beyond the database, secret, bus, log level and the started simulators. */
  config?: Partial<NotificationConfig> | (() => Partial<NotificationConfig>);
}

export interface NotificationTestKit {
  app: NestExpressApplication;
  bus: InProcessBus;
  sms: RunningSmsGatewaySimulator;
  zalo: RunningZaloZnsSimulator | undefined;
  smtp: SmtpSink | undefined;
  db: TestDatabase;
  /** supertest against the app's HTTP server. */
  api(): ReturnType<typeof request>;
  /** The messages of a dossier as the API lists them (default token: the clerk's). */
  messages<T = ApiMessage>(code: string, token?: string): Promise<T[]>;
  close(): Promise<void>;
}

/** Boots the notification module on a fresh database, an in-process bus and the simulators it talks to. */
export async function startNotificationTestKit(options: NotificationTestKitOptions): Promise<NotificationTestKit> {
  const db = await createTestDatabase(options.database);
  const sms = await startSmsGatewaySimulator({
    port: 0,
    apiKey: SMS_API_KEY,
    brandnames: ['MOTCUA'],
    ...(options.sms ?? { dlrDelayMs: 60_000 }),
  });
  const zaloOptions = typeof options.zalo === 'object' ? options.zalo : {};
  const zalo = options.zalo ? await startZaloZnsSimulator({ port: 0, accessToken: ZALO_TOKEN, ...zaloOptions }) : undefined;
  const smtp = options.smtp ? await startSmtpSink() : undefined;
  const bus = new InProcessBus({ delayScale: 0.01 });
  await options.beforeBoot?.(bus);
  const overrides = typeof options.config === 'function' ? options.config() : (options.config ?? {});
  const config = notificationConfigFromEnv(
    {},
    {
      databaseUrl: db.url,
      authJwtSecret: SECRET,
      bus,
      logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
      smsGatewayUrl: sms.url,
      smsGatewayApiKey: SMS_API_KEY,
      ...(zalo ? { zaloZnsUrl: zalo.url, zaloZnsAccessToken: ZALO_TOKEN } : {}),
      ...(smtp ? { smtpUrl: smtp.url } : {}),
      ...overrides,
    },
  );
  const app = await createServiceApp(NotificationModule.forRoot(config), NOTIFICATION_SERVICE);
  const api = () => request(app.getHttpServer());
  return {
    app,
    bus,
    sms,
    zalo,
    smtp,
    db,
    api,
    messages: async <T = ApiMessage>(code: string, token = clerk): Promise<T[]> => {
      const res = await api().get(`/api/notification/v1/dossiers/${code}/messages`).set('Authorization', `Bearer ${token}`).expect(200);
      return (res.body as { messages: T[] }).messages;
    },
    close: async () => {
      await app?.close();
      await bus?.close();
      await sms?.close();
      await zalo?.close();
      await smtp?.close();
      await db?.drop();
    },
  };
}
