import { INestApplication } from '@nestjs/common';
import express from 'express';
import { AddressInfo } from 'net';
import { Server } from 'http';
import { AuthUser, issueToken } from '@motcua/auth';
import { DOSSIER_RECEIVED, DOSSIER_RESOLVED, EventEnvelope, validateEnvelope } from '@motcua/contracts';
import { InProcessBus } from '@motcua/messaging';
import { createServiceApp } from '@motcua/platform';
import { createVnpostSimulator, VnpostSimulator, VnpostSimulatorOptions } from '@motcua/sim-vnpost';
import { makeEnvelope } from '@motcua/testing';
import { POSTAL_SERVICE, PostalConfig, PostalDeliveryModule, postalConfigFromEnv } from '../src';

export const SECRET = 'postal-test-secret-0123456789';
export const WEBHOOK_SECRET = 'webhook-secret-0123456789abcdef';
export const TOKEN = 'vnpost-test-token';
export const CENTRE = '000.00.06.H56';
export const bearer = (u: AuthUser) => `Bearer ${issueToken(SECRET, u)}`;

let seq = 0;
/** A dossier received at a centre (CENTRE unless told) whose result goes by post (or to the counter), and its resolution. */
export function dossier(resultDelivery: 'POST' | 'COUNTER' = 'POST', centre = CENTRE) {
  seq += 1;
  const code = `${centre}-261125-${String(seq).padStart(4, '0')}`;
  const receivedEvent = makeEnvelope(
    DOSSIER_RECEIVED,
    {
      dossierCode: code,
      procedureCode: '1.001193',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: centre,
      competentAgencyCode: '000.21.01.H56',
      channel: 'COUNTER',
      receivedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
      resultDelivery,
      applicant: { fullName: 'Nguyễn Thị Hòa', phone: '0912345678' },
      ...(resultDelivery === 'POST'
        ? {
            deliveryAddress: {
              recipientName: 'Nguyễn Thị Hòa',
              phone: '0912345678',
              line: 'Số 12 đường Lê Lợi, thôn Đông Hưng',
              communeCode: '14755',
              provinceCode: '38',
            },
          }
        : {}),
    },
    { correlationId: code, source: 'intake' },
  );
  const resolvedEvent = makeEnvelope(
    DOSSIER_RESOLVED,
    {
      dossierCode: code,
      resolvingAgencyCode: '000.21.01.H56',
      resolvedAt: new Date().toISOString(),
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
      timeliness: 'EARLY',
      resultSummary: 'Đã cấp giấy khai sinh',
    },
    { correlationId: code, source: 'routing' },
  );
  return { code, receivedEvent, resolvedEvent };
}

/**
 * Wall-clock time that never repeats a millisecond: status changes made back to back in a test get
 * distinct carrier times (as real ones have), so their order is known on every path.
 */
export function strictlyIncreasingClock(): () => number {
  let last = 0;
  return () => (last = Math.max(Date.now(), last + 1));
}

/** The simulator behind a tiny express front that records every request path (to observe the poller). */
export interface RecordedSimulator {
  sim: VnpostSimulator;
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startRecordedSimulator(options: VnpostSimulatorOptions): Promise<RecordedSimulator> {
  const sim = createVnpostSimulator({ token: TOKEN, ...options });
  const requests: string[] = [];
  const front = express();
  front.use((req, _res, next) => {
    requests.push(req.url);
    next();
  });
  front.use(sim.app);
  const server: Server = await new Promise((resolve) => {
    const s = front.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    sim,
    url,
    requests,
    close: async () => {
      await sim.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RunningPostal {
  app: INestApplication;
  bus: InProcessBus;
  published: EventEnvelope<Record<string, unknown>>[];
  url: string;
  close(): Promise<void>;
}

/** Boots the service on its own in-process bus, with a probe that records what it publishes. */
export async function startPostal(databaseUrl: string, simUrl: string, overrides: Partial<PostalConfig> = {}): Promise<RunningPostal> {
  const bus = new InProcessBus({ delayScale: 0.01 });
  const published: EventEnvelope<Record<string, unknown>>[] = [];
  await bus.consume({ service: 'probe', bindings: ['postal.#'] }, async (raw) => {
    published.push(raw as EventEnvelope<Record<string, unknown>>);
  });
  const config = postalConfigFromEnv(
    { LOG_LEVEL: 'silent' },
    {
      databaseUrl,
      authJwtSecret: SECRET,
      bus,
      vnpostBaseUrl: simUrl,
      vnpostToken: TOKEN,
      vnpostWebhookSecret: WEBHOOK_SECRET,
      ...overrides,
    },
  );
  const app = await createServiceApp(PostalDeliveryModule.forRoot(config), POSTAL_SERVICE);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    bus,
    published,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await bus.close();
    },
  };
}

/** A simulator that moves parcels on by itself and fails half the delivery attempts (at most two). */
export const AUTO_ADVANCING_WITH_FAILURES = {
  autoAdvance: true,
  stepDelayMs: 15,
  deliveryFailureRate: 0.5,
  maxDeliveryAttempts: 2,
} as const satisfies VnpostSimulatorOptions;

/** Polling every 100 ms, next to webhooks. */
export const FAST_POLLING = {
  vnpostPollIntervalMs: 100,
  vnpostPollLagMs: 0,
  vnpostPollOverlapMs: 1000,
} as const satisfies Partial<PostalConfig>;

/** Points the simulator's signed webhooks at the running service. */
export function connectWebhooks(sim: Pick<VnpostSimulator, 'engine'>, postal: RunningPostal): void {
  sim.engine.configure({ webhookUrl: `${postal.url}/api/postal/v1/carriers/vnpost/webhook`, webhookSecret: WEBHOOK_SECRET });
}

/** Staff of the centre the postal specs act as. */
export const CENTRE_CLERK: AuthUser = { sub: 'c1', name: 'Lê Thu', roles: ['COUNTER_CLERK'], agencyCode: CENTRE };
export const CENTRE_POSTMAN: AuthUser = { sub: 'pm1', name: 'Hoàng Văn Phát', roles: ['POSTMAN'], agencyCode: CENTRE };

/** A pickup request (thu gom) for a window starting in an hour; `windowHours` long; fields overridable. */
export function pickupRequest(overrides: Record<string, unknown> = {}, windowHours = 3) {
  const from = new Date(Date.now() + 3_600_000);
  return {
    channel: 'PORTAL',
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicant: { fullName: 'Trần Thị Bích Ngọc', phone: '0987654321' },
    address: { line: 'Số 5 ngõ 3 đường Bà Triệu', communeCode: '14755', provinceCode: '38' },
    windowFrom: from.toISOString(),
    windowTo: new Date(from.getTime() + windowHours * 3_600_000).toISOString(),
    ...overrides,
  };
}

/** The events of a type postal published for a reference, each checked against its registered contract. */
export function publishedOf(postal: RunningPostal, type: string, correlationId: string): EventEnvelope<Record<string, unknown>>[] {
  return postal.published
    .filter((e) => e.type === type && e.correlationId === correlationId)
    .map((e) => {
      const checked = validateEnvelope(e);
      if (!checked.ok) throw new Error(`${type} breaks its contract: ${JSON.stringify(checked.problems)}`);
      return e;
    });
}
