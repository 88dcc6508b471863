/* Test infrastructure: PostgreSQL databases and RabbitMQ topology of one e2e run. */
import * as amqplib from 'amqplib';
import { testRabbitMqUrl } from '@motcua/testing';

/** Management API base (credentials in the URL are turned into a Basic header). */
export function rabbitMgmtUrl(): string {
  return process.env.TEST_RABBITMQ_MGMT_URL || 'http://guest:guest@127.0.0.1:15672';
}

function mgmtRequest(path: string, init: RequestInit = {}): Promise<Response> {
  const base = new URL(rabbitMgmtUrl());
  const auth = Buffer.from(`${decodeURIComponent(base.username || 'guest')}:${decodeURIComponent(base.password || 'guest')}`).toString(
    'base64',
  );
  base.username = '';
  base.password = '';
  const url = `${base.toString().replace(/\/$/, '')}${path}`;
  return fetch(url, {
    ...init,
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
    signal: init.signal ?? AbortSignal.timeout(10_000),
  });
}

export async function mgmtAvailable(): Promise<boolean> {
  try {
    return (await mgmtRequest('/api/overview')).ok;
  } catch {
    return false;
  }
}

export interface QueueInfo {
  name: string;
  messages: number;
}

export async function listQueues(prefix: string): Promise<QueueInfo[]> {
  const res = await mgmtRequest(`/api/queues/%2F?columns=name,messages`);
  if (!res.ok) throw new Error(`management API GET /api/queues: ${res.status}`);
  const all = (await res.json()) as QueueInfo[];
  return all.filter((q) => q.name.startsWith(`${prefix}.`));
}

/** Queues bound to `${prefix}.events` with a binding key matching `routingKey` exactly. */
export async function queuesBoundTo(prefix: string, routingKey: string): Promise<string[]> {
  const res = await mgmtRequest(`/api/exchanges/%2F/${encodeURIComponent(`${prefix}.events`)}/bindings/source`);
  if (!res.ok) throw new Error(`management API bindings: ${res.status}`);
  const bindings = (await res.json()) as { destination: string; destination_type: string; routing_key: string }[];
  return [
    ...new Set(bindings.filter((b) => b.destination_type === 'queue' && b.routing_key === routingKey).map((b) => b.destination)),
  ].sort();
}

export interface PeekedMessage {
  payload: string;
  headers: Record<string, unknown>;
  messageId?: string;
}

/**
 * Reads up to `count` messages of a queue without removing them: amqplib `get` without ack, then the
 * channel is closed, which returns them to the queue (order kept, redelivered flag set).
 */
export async function peekQueue(queue: string, count = 100): Promise<PeekedMessage[]> {
  const conn = await amqplib.connect(testRabbitMqUrl());
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    const out: PeekedMessage[] = [];
    for (let i = 0; i < count; i++) {
      const msg = await ch.get(queue, { noAck: false });
      if (!msg) break;
      out.push({
        payload: msg.content.toString('utf8'),
        headers: (msg.properties.headers ?? {}) as Record<string, unknown>,
        messageId: msg.properties.messageId as string | undefined,
      });
    }
    await ch.close(); // unacked → requeued
    return out;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Publishes raw bodies to `${prefix}.events` with a confirm channel (as an outside producer would). */
export async function publishRaw(
  prefix: string,
  routingKey: string,
  bodies: { content: Buffer; messageId: string; contentType?: string }[],
): Promise<void> {
  const conn = await amqplib.connect(testRabbitMqUrl());
  try {
    const ch = await conn.createConfirmChannel();
    for (const b of bodies) {
      ch.publish(`${prefix}.events`, routingKey, b.content, {
        persistent: true,
        messageId: b.messageId,
        type: routingKey,
        contentType: b.contentType ?? 'application/json',
      });
    }
    await ch.waitForConfirms();
    await ch.close();
  } finally {
    await conn.close().catch(() => undefined);
  }
}

/** Deletes every queue named `${prefix}.…` and the exchange `${prefix}.events` (management API, else amqplib). */
export async function deleteBusTopology(prefix: string, knownServices: string[]): Promise<void> {
  if (await mgmtAvailable()) {
    for (const q of await listQueues(prefix)) {
      await mgmtRequest(`/api/queues/%2F/${encodeURIComponent(q.name)}`, { method: 'DELETE' });
    }
    await mgmtRequest(`/api/exchanges/%2F/${encodeURIComponent(`${prefix}.events`)}`, { method: 'DELETE' });
    return;
  }
  const conn = await amqplib.connect(testRabbitMqUrl());
  try {
    for (const s of knownServices) {
      for (const q of [`${prefix}.${s}`, `${prefix}.${s}.dlq`, ...[1, 2, 3, 4, 5].map((n) => `${prefix}.${s}.retry.${n}`)]) {
        const ch = await conn.createChannel(); // a failed delete closes the channel
        ch.on('error', () => undefined);
        await ch.deleteQueue(q).catch(() => undefined);
        await ch.close().catch(() => undefined);
      }
    }
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    await ch.deleteExchange(`${prefix}.events`).catch(() => undefined);
    await ch.close().catch(() => undefined);
  } finally {
    await conn.close().catch(() => undefined);
  }
}

export interface EventTap {
  /** Envelopes received so far (parsed JSON; bodies that are not JSON are dropped). */
  readonly events: { type?: string; data?: Record<string, unknown> }[];
  close(): Promise<void>;
}

/**
 * A test's own consumer of `${prefix}.events`: an exclusive, auto-deleted queue bound to `routingKeys`
 * (the services' queues are untouched). Every message is acked and kept in `events`.
 */
export async function tapEvents(prefix: string, routingKeys: string[]): Promise<EventTap> {
  const conn = await amqplib.connect(testRabbitMqUrl());
  const ch = await conn.createChannel();
  ch.on('error', () => undefined);
  await ch.assertExchange(`${prefix}.events`, 'topic', { durable: true });
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const key of routingKeys) await ch.bindQueue(queue, `${prefix}.events`, key);
  const events: EventTap['events'] = [];
  await ch.consume(queue, (msg) => {
    if (!msg) return;
    try {
      events.push(JSON.parse(msg.content.toString('utf8')) as EventTap['events'][number]);
    } catch {
      /* not JSON: not ours to judge here */
    }
    ch.ack(msg);
  });
  return {
    events,
    close: async () => {
      await ch.close().catch(() => undefined);
      await conn.close().catch(() => undefined);
    },
  };
}
