import { Logger, LoggerService } from '@nestjs/common';
import type { ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage, Message, MessagePropertyHeaders } from 'amqplib';
import { AmqpConnectionManager, ChannelWrapper, connect } from 'amqp-connection-manager';
import { randomUUID } from 'crypto';
import { EventEmitter, once } from 'events';
import { EventEnvelope } from '@motcua/contracts';
import { ConsumerSpec, DeadLetter, DeliveryInfo, EnvelopeHandler, MessageBus, topology } from './bus';
import { envelopeIdOf, errorMessage, isNonRetryable, resolveSpec, ResolvedConsumerSpec, truncate } from './internal';

export interface RabbitMqBusOptions {
  url: string;
  /** Topology prefix (default `motcua`): exchange `${prefix}.events`, queues `${prefix}.${service}…`. */
  prefix?: string;
  logger?: LoggerService;
  /** Shown in the management UI (`connection_name` client property). */
  connectionName?: string;
  /** Default 5. */
  heartbeatIntervalInSeconds?: number;
  /** Delay between reconnection attempts (default 1). */
  reconnectTimeInSeconds?: number;
  /** How long `publish` waits for a connection and then for the broker's confirms (default 10 000 ms). */
  publishTimeoutMs?: number;
}

/** Headers the bus owns; everything else (trace context…) is carried along on retries. */
export const HEADERS = {
  attempt: 'x-attempt',
  lastError: 'x-last-error',
  deathReason: 'x-death-reason',
  failedAt: 'x-failed-at',
  attempts: 'x-attempts',
  correlationId: 'x-correlation-id',
  originalRoutingKey: 'x-original-routing-key',
  replayedAt: 'x-replayed-at',
  publishId: 'x-publish-id',
} as const;

interface ConsumerState {
  spec: ResolvedConsumerSpec;
  handler: EnvelopeHandler;
  wrapper?: ChannelWrapper;
  /** The raw channel of the current connection; acks always go to the channel that delivered. */
  channel?: ConfirmChannel;
  consumerTag?: string;
  ready: Deferred<void>;
  setupCount: number;
  stopped: boolean;
  inFlight: Set<Promise<void>>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const d: Deferred<T> = {
    promise: new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    }),
    resolve: (v) => {
      d.settled = true;
      resolve(v);
    },
    reject: (e) => {
      d.settled = true;
      reject(e);
    },
    settled: false,
  };
  d.promise.catch(() => undefined);
  return d;
}

/** Per-channel registry of mandatory publishes the broker returned as unroutable. */
const returnedIds = new WeakMap<ConfirmChannel, Set<string>>();

function watchReturns(ch: ConfirmChannel): void {
  if (returnedIds.has(ch)) return;
  const set = new Set<string>();
  returnedIds.set(ch, set);
  ch.on('return', (msg: Message) => {
    const id = msg.properties.headers?.[HEADERS.publishId];
    if (typeof id === 'string') set.add(id);
  });
}

/** Rejects when the channel closes: confirms outstanding on a closed channel never succeed. */
function channelClosed(ch: EventEmitter): { promise: Promise<never>; dispose: () => void } {
  let onClose!: () => void;
  const promise = new Promise<never>((_, reject) => {
    onClose = () => reject(new Error('Channel closed before the broker confirmed'));
    ch.once('close', onClose);
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => ch.removeListener('close', onClose) };
}

/**
 * Sends to a queue through the default exchange with `mandatory`, and resolves once the broker
 * confirmed it and did not return it as unroutable (a deleted queue must not swallow the message).
 */
async function sendConfirmed(ch: ConfirmChannel, queue: string, content: Buffer, options: PublishProps): Promise<void> {
  watchReturns(ch);
  const publishId = randomUUID();
  const headers = { ...options.headers, [HEADERS.publishId]: publishId };
  const closed = channelClosed(ch);
  try {
    const confirmed = new Promise<void>((resolve, reject) => {
      ch.sendToQueue(queue, content, { ...options, headers, mandatory: true }, (err) => {
        const returned = returnedIds.get(ch);
        if (err) reject(err instanceof Error ? err : new Error(errorMessage(err)));
        else if (returned?.delete(publishId)) reject(new Error(`Queue ${queue} does not exist (message returned)`));
        else resolve();
      });
    });
    await Promise.race([confirmed, closed.promise]);
  } finally {
    closed.dispose();
  }
}

interface PublishProps {
  persistent: boolean;
  contentType?: string;
  messageId?: string;
  type?: string;
  timestamp?: number;
  headers: MessagePropertyHeaders;
}

/** Copies a delivered message's headers, minus the broker's dead-letter bookkeeping. */
function carriedHeaders(msg: Message): MessagePropertyHeaders {
  const out: MessagePropertyHeaders = {};
  for (const [key, value] of Object.entries(msg.properties.headers ?? {})) {
    if (key === 'x-death' || key.startsWith('x-first-death') || key.startsWith('x-last-death')) continue;
    if (key === HEADERS.publishId) continue;
    out[key] = value;
  }
  return out;
}

function numberHeader(msg: Message, name: string): number {
  const v: unknown = msg.properties.headers?.[name];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : 0;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0;
}

function stringHeader(msg: Message, name: string): string | undefined {
  const v: unknown = msg.properties.headers?.[name];
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return undefined;
}

function propsOf(msg: Message, headers: MessagePropertyHeaders): PublishProps {
  return {
    persistent: true,
    contentType: msg.properties.contentType ?? 'application/json',
    messageId: msg.properties.messageId,
    type: msg.properties.type,
    timestamp: msg.properties.timestamp,
    headers,
  };
}

/**
 * The production bus: RabbitMQ through amqplib + amqp-connection-manager.
 *
 * Topology (see `topology()`): a durable topic exchange; per consuming service a durable queue
 * bound to its routing keys, TTL retry queues that dead-letter back into it, and a durable DLQ.
 * Retries and dead-lettering are done by republishing through a confirm channel and only then
 * acking, so a message is never lost and never requeued forever.
 */
export class RabbitMqBus implements MessageBus {
  readonly prefix: string;
  private readonly logger: LoggerService;
  private readonly manager: AmqpConnectionManager;
  private readonly publisher: ChannelWrapper;
  private publishChannel?: ConfirmChannel;
  private readonly consumers: ConsumerState[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly publishTimeoutMs: number;
  private closing = false;
  private closed?: Promise<void>;

  constructor(opts: RabbitMqBusOptions) {
    this.prefix = opts.prefix ?? 'motcua';
    this.logger = opts.logger ?? new Logger(RabbitMqBus.name);
    this.publishTimeoutMs = opts.publishTimeoutMs ?? 10_000;
    this.manager = connect(opts.url, {
      heartbeatIntervalInSeconds: opts.heartbeatIntervalInSeconds ?? 5,
      reconnectTimeInSeconds: opts.reconnectTimeInSeconds ?? 1,
      connectionOptions: opts.connectionName ? { clientProperties: { connection_name: opts.connectionName } } : undefined,
    });
    this.manager.on('connect', () => this.logger.log(`Connected to RabbitMQ (prefix ${this.prefix})`));
    this.manager.on('disconnect', ({ err }: { err?: Error }) => {
      if (!this.closing) this.logger.warn(`Disconnected from RabbitMQ: ${err ? err.message : 'no reason given'}; reconnecting`);
    });
    this.manager.on('connectFailed', ({ err }: { err: Error }) => this.logger.warn(`RabbitMQ connection failed: ${err.message}`));
    this.manager.on('blocked', ({ reason }: { reason: string }) => this.logger.warn(`RabbitMQ blocked the connection: ${reason}`));

    const exchange = topology(this.prefix, '_').exchange;
    this.publisher = this.manager.createChannel({
      name: 'publisher',
      confirm: true,
      setup: async (ch: ConfirmChannel) => {
        await ch.assertExchange(exchange, 'topic', { durable: true });
        ch.once('close', () => {
          if (this.publishChannel === ch) this.publishChannel = undefined;
        });
        this.publishChannel = ch;
      },
    });
    this.publisher.on('error', (err: Error) => this.logger.error(`Publisher channel setup failed: ${err.message}`));
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** Resolves once connected and the exchange is declared (rejects after `timeoutMs`). */
  async waitUntilReady(timeoutMs = this.publishTimeoutMs): Promise<void> {
    await this.readyPublishChannel(timeoutMs);
  }

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    if (this.closing) throw new Error('RabbitMqBus is closed');
    const ch = await this.readyPublishChannel(this.publishTimeoutMs);
    const exchange = topology(this.prefix, '_').exchange;
    const closed = channelClosed(ch);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No publisher confirms within ${this.publishTimeoutMs} ms`)), this.publishTimeoutMs);
    });
    timeout.catch(() => undefined);
    try {
      const confirms: Promise<void>[] = [];
      for (const envelope of envelopes) {
        const content = Buffer.from(JSON.stringify(envelope));
        let writable = true;
        const confirm = new Promise<void>((resolve, reject) => {
          writable = ch.publish(
            exchange,
            envelope.type,
            content,
            {
              persistent: true,
              contentType: 'application/json',
              messageId: envelope.id,
              type: envelope.type,
              timestamp: Math.floor(Date.now() / 1000),
              headers: { [HEADERS.correlationId]: envelope.correlationId ?? undefined },
            },
            (err) => (err ? reject(err instanceof Error ? err : new Error(errorMessage(err))) : resolve()),
          );
        });
        confirm.catch(() => undefined);
        confirms.push(confirm);
        if (!writable) await Promise.race([once(ch, 'drain'), closed.promise, timeout]);
      }
      await Promise.race([Promise.all(confirms), closed.promise, timeout]);
    } finally {
      closed.dispose();
      clearTimeout(timer);
    }
  }

  private async readyPublishChannel(timeoutMs: number): Promise<ConfirmChannel> {
    const deadline = Date.now() + timeoutMs;
    while (!this.publishChannel) {
      if (this.closing) throw new Error('RabbitMqBus is closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('RabbitMQ is not connected');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.publisher.waitForConnect(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Math.min(left, 100));
        }),
      ]);
      clearTimeout(timer);
    }
    return this.publishChannel;
  }

  async consume(spec: ConsumerSpec, handler: EnvelopeHandler): Promise<void> {
    if (this.closing) throw new Error('RabbitMqBus is closed');
    const state: ConsumerState = {
      spec: resolveSpec(spec),
      handler,
      ready: deferred<void>(),
      setupCount: 0,
      stopped: false,
      inFlight: new Set(),
    };
    this.consumers.push(state);
    this.openConsumerChannel(state);
    try {
      await state.ready.promise;
    } catch (err) {
      this.consumers.splice(this.consumers.indexOf(state), 1);
      await state.wrapper?.close().catch(() => undefined);
      throw err;
    }
  }

  private openConsumerChannel(state: ConsumerState): void {
    const holder: { wrapper?: ChannelWrapper } = {};
    const wrapper = this.manager.createChannel({
      name: `consumer:${state.spec.service}`,
      confirm: true,
      // Runs on every (re)connection: declares the topology and (re)starts consuming.
      setup: (ch: ConfirmChannel) => this.setupConsumer(state, holder, ch),
    });
    holder.wrapper = wrapper;
    wrapper.on('error', (err: Error) => {
      this.logger.error(`Consumer setup for ${state.spec.service} failed: ${err.message}`);
      if (!state.ready.settled) state.ready.reject(err);
    });
    state.wrapper = wrapper;
  }

  private async setupConsumer(state: ConsumerState, holder: { wrapper?: ChannelWrapper }, ch: ConfirmChannel): Promise<void> {
    const { service, bindings, prefetch, retryDelaysMs } = state.spec;
    const t = topology(this.prefix, service);
    const connection = this.manager.connection;
    try {
      await ch.assertExchange(t.exchange, 'topic', { durable: true });
      await ch.assertQueue(t.queue, { durable: true });
      for (const binding of bindings) await ch.bindQueue(t.queue, t.exchange, binding);
      for (const [i, delay] of retryDelaysMs.entries()) {
        await ch.assertQueue(t.retryQueue(i + 1), {
          durable: true,
          messageTtl: delay,
          deadLetterExchange: '',
          deadLetterRoutingKey: t.queue,
        });
      }
      await ch.assertQueue(t.deadLetterQueue, { durable: true });
      await ch.prefetch(prefetch);
      watchReturns(ch);
    } catch (err) {
      if (!state.ready.settled) state.ready.reject(err);
      throw err;
    }
    if (this.closing || state.stopped || (holder.wrapper && holder.wrapper !== state.wrapper)) return;
    ch.once('close', () => this.onConsumerChannelClosed(state, holder, ch, connection));
    const { consumerTag } = await ch.consume(t.queue, (msg) => {
      if (!msg) {
        this.logger.warn(`Consumer of ${t.queue} was cancelled by the broker; re-establishing`);
        if (state.channel === ch) this.reopenConsumerLater(state);
        return;
      }
      this.track(state, this.handleDelivery(state, ch, msg));
    });
    state.channel = ch;
    state.consumerTag = consumerTag;
    state.setupCount += 1;
    if (state.setupCount > 1) this.logger.log(`Consumer of ${t.queue} re-established`);
    state.ready.resolve();
  }

  /**
   * amqp-connection-manager recreates channels only when the connection comes back; a channel
   * closed on its own (a channel-level error) would leave the consumer dead, so reopen it.
   */
  private onConsumerChannelClosed(
    state: ConsumerState,
    holder: { wrapper?: ChannelWrapper },
    ch: ConfirmChannel,
    connection: ChannelModel | undefined,
  ): void {
    if (state.channel === ch) {
      state.channel = undefined;
      state.consumerTag = undefined;
    }
    if (this.closing) return;
    setTimeout(() => {
      if (this.closing || state.stopped || state.channel || holder.wrapper !== state.wrapper) return;
      if (this.manager.connection && this.manager.connection === connection) {
        this.logger.warn(`Consumer channel of ${state.spec.service} closed while connected; reopening`);
        this.reopenConsumer(state);
      }
    }, 500).unref();
  }

  private reopenConsumerLater(state: ConsumerState): void {
    state.channel = undefined;
    setTimeout(() => {
      if (!this.closing && !state.stopped) this.reopenConsumer(state);
    }, 500).unref();
  }

  private reopenConsumer(state: ConsumerState): void {
    const old = state.wrapper;
    this.openConsumerChannel(state);
    old?.close().catch(() => undefined);
  }

  private track(state: ConsumerState, p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => this.logger.error(`Unexpected delivery failure: ${errorMessage(err)}`));
    this.inFlight.add(tracked);
    state.inFlight.add(tracked);
    void tracked.finally(() => {
      this.inFlight.delete(tracked);
      state.inFlight.delete(tracked);
    });
  }

  async stopConsuming(service: string): Promise<void> {
    const states = this.consumers.filter((s) => s.spec.service === service);
    for (const state of states) {
      state.stopped = true;
      this.consumers.splice(this.consumers.indexOf(state), 1);
      if (state.channel && state.consumerTag) await state.channel.cancel(state.consumerTag).catch(() => undefined);
    }
    for (const state of states) {
      while (state.inFlight.size) await Promise.allSettled([...state.inFlight]);
      const wrapper = state.wrapper;
      state.wrapper = undefined;
      await wrapper?.close().catch(() => undefined);
    }
  }

  private async handleDelivery(state: ConsumerState, ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const { service, retryDelaysMs } = state.spec;
    const attempt = numberHeader(msg, HEADERS.attempt);
    let body: unknown;
    try {
      body = JSON.parse(msg.content.toString('utf8'));
    } catch (err) {
      const id = msg.properties.messageId ?? '(no message id)';
      await this.deadLetter(state, ch, msg, id, attempt, `unparsable JSON: ${errorMessage(err)}`);
      return;
    }
    const id = envelopeIdOf(body) ?? msg.properties.messageId ?? '(no message id)';
    const info: DeliveryInfo = { attempt, redelivered: msg.fields.redelivered };
    try {
      await state.handler(body, info);
    } catch (err) {
      const reason = errorMessage(err);
      if (isNonRetryable(err)) {
        await this.deadLetter(state, ch, msg, id, attempt, `non-retryable: ${reason}`);
      } else if (attempt < retryDelaysMs.length) {
        await this.retry(state, ch, msg, id, attempt, reason);
      } else {
        await this.deadLetter(state, ch, msg, id, attempt, `retries exhausted: ${reason}`);
      }
      return;
    }
    this.settle(ch, msg, 'ack', id, service);
  }

  private async retry(
    state: ConsumerState,
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    id: string,
    attempt: number,
    reason: string,
  ): Promise<void> {
    const t = topology(this.prefix, state.spec.service);
    const next = attempt + 1;
    const headers: MessagePropertyHeaders = {
      ...carriedHeaders(msg),
      [HEADERS.attempt]: next,
      [HEADERS.lastError]: truncate(reason),
      [HEADERS.originalRoutingKey]: stringHeader(msg, HEADERS.originalRoutingKey) ?? msg.fields.routingKey,
    };
    try {
      await sendConfirmed(ch, t.retryQueue(next), msg.content, propsOf(msg, headers));
    } catch (err) {
      this.logger.error(`Message ${id}: could not schedule retry ${next} (${errorMessage(err)}); requeueing`);
      this.settle(ch, msg, 'requeue', id, state.spec.service);
      return;
    }
    this.logger.warn(
      `Message ${id} failed in ${state.spec.service} (attempt ${attempt + 1}): ${reason}; retry ${next} in ${state.spec.retryDelaysMs[attempt]} ms`,
    );
    this.settle(ch, msg, 'ack', id, state.spec.service);
  }

  private async deadLetter(
    state: ConsumerState,
    ch: ConfirmChannel,
    msg: ConsumeMessage,
    id: string,
    attempt: number,
    reason: string,
  ): Promise<void> {
    const t = topology(this.prefix, state.spec.service);
    const headers: MessagePropertyHeaders = {
      ...carriedHeaders(msg),
      [HEADERS.deathReason]: truncate(reason),
      [HEADERS.failedAt]: new Date().toISOString(),
      [HEADERS.attempts]: attempt + 1,
      [HEADERS.originalRoutingKey]: stringHeader(msg, HEADERS.originalRoutingKey) ?? msg.fields.routingKey,
    };
    try {
      await sendConfirmed(ch, t.deadLetterQueue, msg.content, propsOf(msg, headers));
    } catch (err) {
      this.logger.error(`Message ${id}: could not dead-letter (${errorMessage(err)}); requeueing`);
      this.settle(ch, msg, 'requeue', id, state.spec.service);
      return;
    }
    this.logger.error(`Message ${id} dead-lettered by ${state.spec.service} after ${attempt + 1} attempt(s): ${reason}`);
    this.settle(ch, msg, 'ack', id, state.spec.service);
  }

  /** Acks/nacks on the delivering channel; if it is gone the broker redelivers the message anyway. */
  private settle(ch: ConfirmChannel, msg: ConsumeMessage, how: 'ack' | 'requeue', id: string, service: string): void {
    try {
      if (how === 'ack') ch.ack(msg);
      else ch.nack(msg, false, true);
    } catch (err) {
      this.logger.warn(`Message ${id} (${service}): ${how} failed (${errorMessage(err)}); the broker will redeliver it`);
    }
  }

  async peekDeadLetters(service: string, limit = 100): Promise<DeadLetter[]> {
    const t = topology(this.prefix, service);
    const ch = await this.operatorChannel();
    try {
      if (!(await this.queueExists(ch, t.deadLetterQueue))) return [];
      const out: DeadLetter[] = [];
      while (out.length < limit) {
        const msg = await ch.get(t.deadLetterQueue, { noAck: false });
        if (!msg) break;
        out.push(toDeadLetter(msg));
      }
      // Unacked messages go back to their original positions: order and count are preserved.
      if (out.length) ch.nackAll(true);
      return out;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  async replayDeadLetters(service: string): Promise<number> {
    const t = topology(this.prefix, service);
    const ch = await this.operatorChannel();
    let moved = 0;
    try {
      if (!(await this.queueExists(ch, t.deadLetterQueue))) return 0;
      // Only what is there now: messages failing again while we replay must not loop forever.
      const { messageCount } = await ch.checkQueue(t.deadLetterQueue);
      while (moved < messageCount) {
        const msg = await ch.get(t.deadLetterQueue, { noAck: false });
        if (!msg) break;
        const headers = carriedHeaders(msg);
        for (const h of [HEADERS.deathReason, HEADERS.failedAt, HEADERS.attempts, HEADERS.lastError]) delete headers[h];
        headers[HEADERS.attempt] = 0;
        headers[HEADERS.replayedAt] = new Date().toISOString();
        try {
          await sendConfirmed(ch, t.queue, msg.content, propsOf(msg, headers));
        } catch (err) {
          ch.nack(msg, false, true);
          throw err;
        }
        ch.ack(msg);
        moved += 1;
        this.logger.log(`Message ${msg.properties.messageId ?? '(no message id)'} replayed from ${t.deadLetterQueue}`);
      }
      return moved;
    } finally {
      await ch.close().catch(() => undefined);
    }
  }

  private async operatorChannel(): Promise<ConfirmChannel> {
    await this.readyPublishChannel(this.publishTimeoutMs);
    const connection = this.manager.connection;
    if (!connection) throw new Error('RabbitMQ is not connected');
    const ch = await connection.createConfirmChannel();
    ch.on('error', () => undefined);
    watchReturns(ch);
    return ch;
  }

  private async queueExists(ch: ConfirmChannel, queue: string): Promise<boolean> {
    try {
      await ch.checkQueue(queue);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code === 404) return false;
      throw err;
    }
  }

  close(): Promise<void> {
    this.closed ??= this.doClose();
    return this.closed;
  }

  private async doClose(): Promise<void> {
    this.closing = true;
    for (const state of this.consumers) if (!state.ready.settled) state.ready.reject(new Error('RabbitMqBus closed'));
    await Promise.all(
      this.consumers.map(async (state) => {
        if (state.channel && state.consumerTag) await state.channel.cancel(state.consumerTag).catch(() => undefined);
      }),
    );
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
    await this.manager.close().catch((err: unknown) => this.logger.warn(`Closing RabbitMQ connection: ${errorMessage(err)}`));
  }
}

function toDeadLetter(msg: GetMessage): DeadLetter {
  const text = msg.content.toString('utf8');
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    envelope = text;
  }
  return {
    envelope,
    reason: stringHeader(msg, HEADERS.deathReason) ?? 'unknown',
    failedAt: stringHeader(msg, HEADERS.failedAt) ?? '',
    attempts: numberHeader(msg, HEADERS.attempts),
  };
}
