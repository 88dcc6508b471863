import * as amqplib from 'amqplib';
import { randomBytes } from 'crypto';
import type { EventEnvelope } from '@motcua/contracts';
import { expectEventually } from './eventually';

const RETRY_QUEUES = [1, 2, 3, 4, 5];
/** The test broker (tools/infra/ensure.sh exports TEST_RABBITMQ_URL). */
export const THIRD_PARTY_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * A third party on a real RabbitMQ broker, for a service's RabbitMQ-backed spec: it publishes envelopes
 * with a raw amqplib confirm channel, as another service (or another team's code) would, and records
 * what the service under test publishes, from a queue of its own bound to the exchange. `close()`
 * deletes the service's queues of this run (and, when TEST_RABBITMQ_MGMT_URL is set, every other queue
 * of the prefix) and the exchange.
 */
export class ThirdPartyBroker {
  readonly seen: EventEnvelope<Record<string, unknown>>[] = [];

  private constructor(
    readonly prefix: string,
    private readonly service: string,
    private readonly connection: amqplib.ChannelModel,
    private readonly channel: amqplib.ConfirmChannel,
  ) {}

  /** The topic exchange of this run (`<prefix>.events`). */
  get exchange(): string {
    return `${this.prefix}.events`;
  }

  /** Connects, declares the exchange and starts recording the events matching `bindings` (topic patterns). */
  static async connect(service: string, bindings: string[], url = THIRD_PARTY_RABBITMQ_URL) {
    const prefix = `test-${service}-${randomBytes(4).toString('hex')}`;
    const connection = await amqplib.connect(url);
    const channel = await connection.createConfirmChannel();
    const broker = new ThirdPartyBroker(prefix, service, connection, channel);
    await channel.assertExchange(broker.exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    for (const key of bindings) await channel.bindQueue(queue, broker.exchange, key);
    await channel.consume(queue, (msg) => {
      if (!msg) return;
      broker.seen.push(JSON.parse(msg.content.toString('utf8')) as EventEnvelope<Record<string, unknown>>);
      channel.ack(msg);
    });
    return broker;
  }

  /** Publishes as the producing service would: persistent JSON envelopes, routing key = type, confirmed. */
  async publish(...envelopes: EventEnvelope[]): Promise<void> {
    for (const envelope of envelopes) this.publishRaw(envelope.type, Buffer.from(JSON.stringify(envelope)), envelope.id);
    await this.channel.waitForConfirms();
  }

  /** Publishes any bytes under a routing key (malformed messages, foreign producers). */
  publishRaw(routingKey: string, body: Buffer, messageId?: string): void {
    this.channel.publish(this.exchange, routingKey, body, {
      persistent: true,
      contentType: 'application/json',
      messageId,
      type: routingKey,
    });
  }

  async confirmed(): Promise<void> {
    await this.channel.waitForConfirms();
  }

  /** The recorded events of `type` correlated with `correlationId`: waits until there are exactly `count`. */
  onBroker(type: string, correlationId: string, count = 1, timeoutMs = 10_000): Promise<EventEnvelope<Record<string, unknown>>[]> {
    return expectEventually(() => {
      const found = this.seen.filter((e) => e.type === type && e.correlationId === correlationId);
      if (found.length !== count) throw new Error(`expected ${count} ${type} for ${correlationId} on the broker, got ${found.length}`);
      return found;
    }, timeoutMs);
  }

  /** Waits until the service under test has declared its queue (it consumes from then on). */
  async serviceQueueReady(timeoutMs = 10_000): Promise<void> {
    await expectEventually(async () => {
      // a failed check closes its channel: use a throwaway one per attempt
      const probe = await this.connection.createChannel();
      try {
        await probe.checkQueue(`${this.prefix}.${this.service}`);
      } finally {
        await probe.close().catch(() => undefined);
      }
    }, timeoutMs);
  }

  /** Messages waiting in the service's dead-letter queue. */
  async deadLettered(): Promise<number> {
    return (await this.channel.checkQueue(`${this.prefix}.${this.service}.dlq`)).messageCount;
  }

  async close(): Promise<void> {
    const base = `${this.prefix}.${this.service}`;
    const names = new Set([base, `${base}.dlq`, ...RETRY_QUEUES.map((i) => `${base}.retry.${i}`)]);
    const management = process.env.TEST_RABBITMQ_MGMT_URL;
    if (management) {
      const u = new URL(management);
      const auth = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
      const res = await fetch(`${u.protocol}//${u.host}/api/queues/%2F?columns=name`, { headers: { authorization: auth } });
      if (res.ok) for (const q of (await res.json()) as { name: string }[]) if (q.name.startsWith(`${this.prefix}.`)) names.add(q.name);
    }
    for (const name of names) await this.channel.deleteQueue(name);
    await this.channel.deleteExchange(this.exchange);
    await this.connection.close();
  }
}
