/* Test helpers for this library's own specs (excluded from the build). */
import * as amqplib from 'amqplib';
import { randomBytes, randomUUID } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DOSSIER_RECEIVED, EventEnvelope } from '@motcua/contracts';
import { InboxMessageEntity } from './inbox-message.entity';
import { MessagingTables1764000000000 } from './messaging-tables.migration';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { MessageBus } from './bus';
import { InProcessBus } from './in-process-bus';
import { RabbitMqBus } from './rabbitmq-bus';

export const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';

/** Polls `fn` until it stops throwing (or returns a truthy value for boolean checks). */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await fn();
      if (value !== false) return value;
      if (Date.now() > deadline) throw new Error('condition still false');
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function dossierReceived(over: Partial<EventEnvelope> = {}, dataOver: object = {}): EventEnvelope {
  return {
    id: randomUUID(),
    type: DOSSIER_RECEIVED,
    version: 1,
    occurredAt: '2026-01-05T02:00:00.000Z',
    source: 'intake',
    correlationId: '000.00.06.H56-260105-0001',
    causationId: null,
    data: {
      dossierCode: '000.00.06.H56-260105-0001',
      procedureCode: '1.001234',
      procedureName: 'Đăng ký khai sinh',
      receivingAgencyCode: '000.00.06.H56',
      competentAgencyCode: '000.00.06.H56',
      channel: 'COUNTER',
      receivedAt: '2026-01-05T09:00:00+07:00',
      appointmentAt: '2026-01-06T09:00:00+07:00',
      resultDelivery: 'COUNTER',
      applicant: { fullName: 'Nguyễn Văn A' },
      ...dataOver,
    },
    ...over,
  };
}

// ---------- RabbitMQ management API ----------

/** `TEST_RABBITMQ_MGMT_URL` (as exported by tools/infra/ensure.sh), else port 15672 on the AMQP host. */
function managementBase(): { base: string; auth: string } {
  const amqp = new URL(RABBITMQ_URL);
  const u = new URL(process.env.TEST_RABBITMQ_MGMT_URL ?? `http://${amqp.username}:${amqp.password}@${amqp.hostname}:15672`);
  const user = decodeURIComponent(u.username || 'guest');
  const pass = decodeURIComponent(u.password || 'guest');
  return { base: `${u.protocol}//${u.host}/api`, auth: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

export async function management(method: string, path: string): Promise<unknown> {
  const { base, auth } = managementBase();
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: auth } });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Force-closes every broker connection whose client-provided name is `name`. */
export async function closeConnectionsNamed(name: string): Promise<number> {
  const conns = ((await management('GET', '/connections')) ?? []) as { name: string; client_properties?: { connection_name?: string } }[];
  const mine = conns.filter((c) => c.client_properties?.connection_name === name);
  for (const c of mine) await management('DELETE', `/connections/${encodeURIComponent(c.name)}`);
  return mine.length;
}

/** Deletes every queue and the exchange of a test prefix. */
export async function deleteTopology(prefix: string): Promise<void> {
  const queues = ((await management('GET', '/queues/%2F?columns=name')) ?? []) as { name: string }[];
  for (const q of queues.filter((q) => q.name.startsWith(`${prefix}.`))) {
    await management('DELETE', `/queues/%2F/${encodeURIComponent(q.name)}`);
  }
  await management('DELETE', `/exchanges/%2F/${encodeURIComponent(`${prefix}.events`)}`);
}

/** Ready messages in a queue, straight from the broker (the management API lags by seconds). */
export async function queueDepth(queue: string): Promise<number> {
  const conn = await amqplib.connect(RABBITMQ_URL);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    const { messageCount } = await ch.checkQueue(queue);
    return messageCount;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Simulates a network failure: resets the bus's socket (as a TCP RST would). */
export function dropConnection(bus: object): void {
  const manager = (bus as { manager?: { connection?: { connection?: { stream?: { destroy(err?: Error): void } } } } }).manager;
  const stream = manager?.connection?.connection?.stream;
  if (!stream) throw new Error('bus is not connected');
  stream.destroy(Object.assign(new Error('read ECONNRESET (simulated)'), { code: 'ECONNRESET' }));
}

// ---------- PostgreSQL ----------

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `msg_test_${randomSuffix()}`;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(DATABASE_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A DataSource on a fresh database with the messaging tables migrated. */
export async function messagingDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: [OutboxMessageEntity, InboxMessageEntity],
    migrations: [MessagingTables1764000000000],
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  });
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

/** A bus to run a transport spec on, with a foreign producer's raw publish. */
export interface Harness {
  bus: MessageBus;
  /** Publishes a body as a foreign producer would (by hand). */
  publishRaw(routingKey: string, body: string): Promise<void>;
  teardown(): Promise<void>;
}

export const harnesses: [string, () => Promise<Harness>][] = [
  [
    'in-process bus',
    async () => {
      const bus = new InProcessBus({ delayScale: 1 });
      return { bus, publishRaw: (k, b) => bus.publishRaw(k, b), teardown: () => bus.close() };
    },
  ],
  [
    'RabbitMQ',
    async () => {
      const prefix = `test-${randomSuffix()}`;
      const bus = new RabbitMqBus({ url: RABBITMQ_URL, prefix });
      return {
        bus,
        publishRaw: async (routingKey, body) => {
          const conn = await amqplib.connect(RABBITMQ_URL);
          try {
            const ch = await conn.createConfirmChannel();
            ch.publish(`${prefix}.events`, routingKey, Buffer.from(body), { persistent: true, contentType: 'application/json' });
            await ch.waitForConfirms();
          } finally {
            await conn.close();
          }
        },
        teardown: async () => {
          await bus.close();
          await deleteTopology(prefix);
        },
      };
    },
  ],
];
