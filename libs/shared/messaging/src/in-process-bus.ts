import { Logger, LoggerService } from '@nestjs/common';
import { EventEnvelope } from '@motcua/contracts';
import { ConsumerSpec, DeadLetter, DeliveryInfo, EnvelopeHandler, MessageBus } from './bus';
import { envelopeIdOf, errorMessage, isNonRetryable, resolveSpec, ResolvedConsumerSpec } from './internal';

export interface InProcessBusOptions {
  logger?: LoggerService;
  /** Multiplies every retry delay (e.g. 0.01 in tests). Default 1. */
  delayScale?: number;
}

/** A message as it sits in a queue: the JSON text (never a shared object) and its attempt number. */
interface QueuedMessage {
  body: string;
  routingKey: string;
  attempt: number;
}

interface LocalConsumer {
  handler: EnvelopeHandler;
  prefetch: number;
  active: number;
  inFlight: Set<Promise<void>>;
}

interface LocalQueue {
  service: string;
  /** Compiled binding patterns; bindings persist once declared. */
  bindings: Set<string>;
  retryDelaysMs: number[];
  ready: QueuedMessage[];
  consumers: LocalConsumer[];
  nextConsumer: number;
  deadLetters: (DeadLetter & { body: string; routingKey: string })[];
}

/**
 * AMQP topic matching: words separated by `.`, `*` matches exactly one word, `#` zero or more words.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  const p = pattern.split('.');
  const k = routingKey.split('.');
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i}:${j}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === p.length) result = j === k.length;
    else if (p[i] === '#') result = match(i + 1, j) || (j < k.length && match(i, j + 1));
    else result = j < k.length && (p[i] === '*' || p[i] === k[j]) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/**
 * The in-memory bus for tests and the single-process runner. Same semantics as RabbitMqBus: topic
 * routing, one queue per consuming service (created on its first `consume`), bounded concurrency
 * (prefetch), delayed retries, then an inspectable and replayable dead-letter list.
 */
export class InProcessBus implements MessageBus {
  private readonly logger: LoggerService;
  private readonly delayScale: number;
  private readonly queues = new Map<string, LocalQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closing = false;

  constructor(opts: InProcessBusOptions = {}) {
    this.logger = opts.logger ?? new Logger(InProcessBus.name);
    this.delayScale = opts.delayScale ?? 1;
  }

  isConnected(): boolean {
    return !this.closing;
  }

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (this.closing) throw new Error('InProcessBus is closed');
    // Serialise everything first: a publish either routes every message or none.
    const messages = envelopes.map((e) => ({ body: JSON.stringify(e), routingKey: e.type }));
    for (const m of messages) this.route(m.routingKey, m.body);
  }

  /** Publishes a raw body (e.g. malformed JSON) as a producer outside our control could. */
  async publishRaw(routingKey: string, body: string): Promise<void> {
    if (this.closing) throw new Error('InProcessBus is closed');
    this.route(routingKey, body);
  }

  private route(routingKey: string, body: string): void {
    for (const q of this.queues.values()) {
      if ([...q.bindings].some((b) => topicMatches(b, routingKey))) {
        q.ready.push({ body, routingKey, attempt: 0 });
        this.dispatchSoon(q);
      }
    }
  }

  async consume(spec: ConsumerSpec, handler: EnvelopeHandler): Promise<void> {
    if (this.closing) throw new Error('InProcessBus is closed');
    const s: ResolvedConsumerSpec = resolveSpec(spec);
    let q = this.queues.get(s.service);
    if (!q) {
      q = {
        service: s.service,
        bindings: new Set<string>(),
        retryDelaysMs: s.retryDelaysMs,
        ready: [],
        consumers: [],
        nextConsumer: 0,
        deadLetters: [],
      };
      this.queues.set(s.service, q);
    }
    q.retryDelaysMs = s.retryDelaysMs;
    for (const b of s.bindings) q.bindings.add(b);
    q.consumers.push({ handler, prefetch: s.prefetch, active: 0, inFlight: new Set() });
    this.dispatchSoon(q);
  }

  private dispatchSoon(q: LocalQueue): void {
    // Asynchronous like a broker: the publisher's call returns before any handler runs.
    queueMicrotask(() => this.dispatch(q));
  }

  private dispatch(q: LocalQueue): void {
    while (!this.closing && q.ready.length) {
      const consumer = this.pickConsumer(q);
      if (!consumer) return;
      const message = q.ready.shift() as QueuedMessage;
      consumer.active += 1;
      const run = this.deliver(q, consumer, message).finally(() => {
        consumer.active -= 1;
        this.inFlight.delete(run);
        consumer.inFlight.delete(run);
        this.dispatch(q);
      });
      this.inFlight.add(run);
      consumer.inFlight.add(run);
    }
  }

  private pickConsumer(q: LocalQueue): LocalConsumer | undefined {
    for (let i = 0; i < q.consumers.length; i++) {
      const idx = (q.nextConsumer + i) % q.consumers.length;
      const c = q.consumers[idx];
      if (c.active < c.prefetch) {
        q.nextConsumer = (idx + 1) % q.consumers.length;
        return c;
      }
    }
    return undefined;
  }

  private async deliver(q: LocalQueue, consumer: LocalConsumer, message: QueuedMessage): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(message.body);
    } catch (err) {
      this.deadLetter(q, message, '(no message id)', `unparsable JSON: ${errorMessage(err)}`);
      return;
    }
    const id = envelopeIdOf(body) ?? '(no message id)';
    const info: DeliveryInfo = { attempt: message.attempt, redelivered: false };
    try {
      await consumer.handler(body, info);
    } catch (err) {
      const reason = errorMessage(err);
      if (isNonRetryable(err)) this.deadLetter(q, message, id, `non-retryable: ${reason}`);
      else if (message.attempt < q.retryDelaysMs.length) this.scheduleRetry(q, message, id, reason);
      else this.deadLetter(q, message, id, `retries exhausted: ${reason}`);
    }
  }

  private scheduleRetry(q: LocalQueue, message: QueuedMessage, id: string, reason: string): void {
    const delay = Math.round(q.retryDelaysMs[message.attempt] * this.delayScale);
    this.logger.warn(
      `Message ${id} failed in ${q.service} (attempt ${message.attempt + 1}): ${reason}; retry ${message.attempt + 1} in ${delay} ms`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      q.ready.push({ ...message, attempt: message.attempt + 1 });
      this.dispatch(q);
    }, delay);
    this.timers.add(timer);
  }

  private deadLetter(q: LocalQueue, message: QueuedMessage, id: string, reason: string): void {
    let envelope: unknown;
    try {
      envelope = JSON.parse(message.body);
    } catch {
      envelope = message.body;
    }
    q.deadLetters.push({
      envelope,
      reason,
      failedAt: new Date().toISOString(),
      attempts: message.attempt + 1,
      body: message.body,
      routingKey: message.routingKey,
    });
    this.logger.error(`Message ${id} dead-lettered by ${q.service} after ${message.attempt + 1} attempt(s): ${reason}`);
  }

  async peekDeadLetters(service: string, limit = 100): Promise<DeadLetter[]> {
    const q = this.queues.get(service);
    if (!q) return [];
    return q.deadLetters.slice(0, limit).map(({ envelope, reason, failedAt, attempts }) => ({
      // A fresh copy: an operator tool must not be able to change what will be replayed.
      envelope: typeof envelope === 'string' ? envelope : (JSON.parse(JSON.stringify(envelope)) as unknown),
      reason,
      failedAt,
      attempts,
    }));
  }

  async replayDeadLetters(service: string): Promise<number> {
    const q = this.queues.get(service);
    if (!q) return 0;
    const letters = q.deadLetters.splice(0, q.deadLetters.length);
    for (const l of letters) q.ready.push({ body: l.body, routingKey: l.routingKey, attempt: 0 });
    if (letters.length) this.dispatchSoon(q);
    return letters.length;
  }

  /** Messages ready in a service's queue (not counting in-flight ones or scheduled retries); for tests. */
  queueDepth(service: string): number {
    return this.queues.get(service)?.ready.length ?? 0;
  }

  async stopConsuming(service: string): Promise<void> {
    const q = this.queues.get(service);
    if (!q) return;
    const stopped = q.consumers.splice(0, q.consumers.length);
    q.nextConsumer = 0;
    for (const c of stopped) while (c.inFlight.size) await Promise.allSettled([...c.inFlight]);
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
