import { ArgumentsHost, Catch, Logger, LoggerService, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { EventEnvelope, validateEnvelope } from '@motcua/contracts';
import { DeliveryInfo, MessageBus, NonRetryableError } from './bus';
import { BatchContext, BusContext } from './bus-context';
import { handleOnce } from './inbox';
import { DEFAULT_PREFETCH, envelopeIdOf, errorMessage } from './internal';
import { runInTransaction } from './transaction-context';

export const BUS_TRANSPORT = Symbol('BUS_TRANSPORT');

export interface BusTransportOptions {
  bus: MessageBus;
  /** Consuming service; names the queue and the inbox rows. */
  service: string;
  dataSource: DataSource;
  prefetch?: number;
  retryDelaysMs?: number[];
  /** Close the bus when the transport closes (default false: a shared bus is closed by its owner). */
  ownsBus?: boolean;
  logger?: LoggerService;
  /** Called once per delivery with its outcome (metrics). */
  onOutcome?: (type: string, outcome: HandlingOutcome) => void;
  /**
   * Runs each handling inside a context (e.g. a logger carrying the envelope's correlation id, so
   * every log line a handler writes names the dossier it is about). Default: no context.
   */
  runInContext?: <T>(envelope: EventEnvelope<object>, run: () => Promise<T>) => Promise<T>;
}

export type HandlingOutcome = 'processed' | 'duplicate' | 'invalid' | 'unhandled' | 'failed';

/**
 * `@EventPattern(types, { batch: { maxMessages, maxWaitMs } })`: the handler receives its messages in
 * batches. The transport collects the validated deliveries of the handler (across all its types) until
 * `maxMessages` are waiting or `maxWaitMs` passed since the first one, then calls the handler ONCE with
 * `@Payload()` the array of envelopes (`EventEnvelope[]`, in arrival order) and `@Ctx()` a `BatchContext`,
 * inside ONE transaction (the handler's `runInTransaction` joins it). Every delivery of the batch is
 * acknowledged only after that transaction committed.
 *
 * NO inbox rows are written for batched messages: the handler MUST be idempotent itself (e.g.
 * `INSERT … ON CONFLICT DO NOTHING` keyed by the envelope id), since a message may be delivered again
 * (a crash between commit and ack, a redelivery, a duplicate publish, or the fallback below).
 *
 * If the batch fails, its transaction rolls back and its messages are handled again one at a time
 * (the handler called with a batch of one, each in its own transaction): only a poison message then
 * fails and goes the bus's retry / dead-letter way. Size the consumer's prefetch above `maxMessages`
 * (a batch can only fill with deliveries in flight; otherwise batches close on `maxWaitMs`).
 * The per-envelope `runInContext` (log context, audit actor) is not applied to batches.
 */
export interface BatchOptions {
  /** Flush as soon as this many messages wait (≥ 1). */
  maxMessages: number;
  /** Flush at the latest this long after the first waiting message (≥ 0). */
  maxWaitMs: number;
}

/** A delivery waiting in a batch: settled when its batch (or, on fallback, its own handling) ends. */
interface PendingDelivery {
  envelope: EventEnvelope<object>;
  info: DeliveryInfo;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** The batch being collected for one batch handler (one `@EventPattern`, all its types). */
interface Batcher {
  options: BatchOptions;
  handler: MessageHandler;
  pending: PendingDelivery[];
  timer?: NodeJS.Timeout;
}

const ROUTING_KEY = /^[A-Za-z0-9_*#-]+(\.[A-Za-z0-9_*#-]+)*$/;

/**
 * Nest custom transport: `@EventPattern(type)` methods become the handlers of the service's queue.
 * Each message is validated against its contract (invalid → dead-letter queue at once), then the
 * handler runs through `handleOnce` (inbox + transaction), so a redelivered message runs once and
 * a handler's database writes and outbox events commit together with its inbox row. A handler
 * declared with `{ batch: BatchOptions }` receives its messages in batches instead (see BatchOptions).
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = BUS_TRANSPORT;
  private readonly log: LoggerService;
  private listening = false;
  private closed = false;
  /** Per batch handler (keyed by its `extras`, shared by every pattern of one `@EventPattern`). */
  private readonly batchers = new Map<object, Batcher>();
  private readonly runningBatches = new Set<Promise<void>>();

  constructor(private readonly opts: BusTransportOptions) {
    super();
    this.log = opts.logger ?? new Logger(`BusTransport:${opts.service}`);
  }

  /** The transport emits no events of its own. */
  on(): never {
    throw new Error('BusTransport emits no events; observe the bus instead');
  }

  unwrap<T>(): T {
    return this.opts.bus as unknown as T;
  }

  listen(callback: (err?: unknown, ...optionalParams: unknown[]) => void): void {
    this.start().then(
      () => callback(),
      (err: unknown) => callback(err),
    );
  }

  /** Routing keys this service consumes: the patterns of its event handlers. */
  bindings(): string[] {
    const patterns: string[] = [];
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) {
        this.log.warn(`@MessagePattern(${pattern}) is not supported on the bus (events only); ignored`);
        continue;
      }
      if (!ROUTING_KEY.test(pattern)) {
        this.log.warn(`Event pattern ${pattern} is not a routing key; ignored`);
        continue;
      }
      patterns.push(pattern);
    }
    return patterns;
  }

  private async start(): Promise<void> {
    const bindings = this.bindings();
    if (bindings.length === 0) {
      this.log.warn(`Service ${this.opts.service} has no @EventPattern handlers; not consuming`);
      return;
    }
    for (const options of this.batchOptions()) {
      if ((this.opts.prefetch ?? DEFAULT_PREFETCH) < options.maxMessages) {
        this.log.warn(
          `Batch of ${options.maxMessages} in ${this.opts.service} is larger than the prefetch (${this.opts.prefetch ?? DEFAULT_PREFETCH}): batches close on time only`,
        );
      }
    }
    await this.opts.bus.consume(
      { service: this.opts.service, bindings, prefetch: this.opts.prefetch, retryDelaysMs: this.opts.retryDelaysMs },
      (raw, info) => this.handleMessage(raw, info),
    );
    this.listening = true;
    this._status$.next('connected');
    this.log.log(`Consuming ${bindings.join(', ')} as ${this.opts.service}`);
  }

  /** One delivery: validate, find the handler, run it once (inbox) in a transaction. */
  async handleMessage(raw: unknown, info: DeliveryInfo): Promise<void> {
    const id = envelopeIdOf(raw) ?? '(no message id)';
    // Not lost: the bus retries it, and by then another replica (or this one restarted) takes it.
    if (this.closed) throw new Error(`Message ${id} arrived after the transport of ${this.opts.service} closed`);
    const result = validateEnvelope(raw);
    const type = typeof (raw as { type?: unknown })?.type === 'string' ? (raw as { type: string }).type : '(unknown)';
    if (!result.ok) {
      this.opts.onOutcome?.(type, 'invalid');
      const problems = result.problems.map((p) => `${p.path || '(root)'}: ${p.rule}`).join('; ');
      throw new NonRetryableError(`Message ${id} violates its contract: ${problems}`, result.problems);
    }
    const envelope: EventEnvelope<object> = result.envelope;
    // an exact pattern first: Nest's lookup JSON-parses the pattern (a throw per event type) before it falls back to it
    const handler = this.messageHandlers.get(envelope.type) ?? this.getHandlerByPattern(envelope.type);
    if (!handler) {
      this.opts.onOutcome?.(type, 'unhandled');
      this.log.debug?.(`Message ${id} (${envelope.type}) has no handler in ${this.opts.service}; acknowledged`);
      return;
    }
    const batch = batchOptionsOf(handler);
    if (batch) return this.enqueue(handler, batch, envelope, info);
    let outcome: 'processed' | 'duplicate';
    try {
      const handle = () => handleOnce(this.opts.dataSource, this.opts.service, envelope, () => this.invoke(handler, envelope, info));
      outcome = await (this.opts.runInContext ? this.opts.runInContext(envelope, handle) : handle());
    } catch (err) {
      this.opts.onOutcome?.(type, 'failed');
      throw err;
    }
    this.opts.onOutcome?.(type, outcome);
    if (outcome === 'duplicate') {
      this.log.debug?.(`Message ${id} (${envelope.type}) already handled by ${this.opts.service}; skipped`);
    }
  }

  private async invoke(handler: MessageHandler, envelope: EventEnvelope<object>, info: DeliveryInfo): Promise<void> {
    const ctx = new BusContext([envelope, info]);
    try {
      const returned: unknown = await handler(envelope.data, ctx);
      const stream = this.transformToObservable(returned as Observable<unknown> | Promise<unknown>);
      await lastValueFrom(stream, { defaultValue: undefined });
    } catch (err) {
      throw toError(err);
    }
  }

  private batchOptions(): BatchOptions[] {
    const out = new Set<BatchOptions>();
    for (const handler of this.messageHandlers.values()) {
      const options = batchOptionsOf(handler);
      if (options) out.add(options);
    }
    return [...out];
  }

  /** Adds a validated delivery to its handler's batch; resolves once the batch holding it committed. */
  private enqueue(handler: MessageHandler, options: BatchOptions, envelope: EventEnvelope<object>, info: DeliveryInfo): Promise<void> {
    const key = handler.extras as object;
    let batcher = this.batchers.get(key);
    if (!batcher) {
      batcher = { options, handler, pending: [] };
      this.batchers.set(key, batcher);
    }
    const b = batcher;
    return new Promise<void>((resolve, reject) => {
      b.pending.push({ envelope, info, resolve, reject });
      if (b.pending.length >= b.options.maxMessages) this.flush(b);
      else if (!b.timer) b.timer = setTimeout(() => this.flush(b), b.options.maxWaitMs);
    });
  }

  /** Starts handling what the batcher holds (up to maxMessages); the rest waits for the next flush. */
  private flush(b: Batcher): void {
    if (b.timer) clearTimeout(b.timer);
    b.timer = undefined;
    while (b.pending.length) {
      const items = b.pending.splice(0, b.options.maxMessages);
      const run = this.runBatch(b.handler, items).finally(() => this.runningBatches.delete(run));
      this.runningBatches.add(run);
      // a partial remainder waits for more messages (or its own time limit) unless closing
      if (b.pending.length && b.pending.length < b.options.maxMessages && !this.closed) {
        b.timer = setTimeout(() => this.flush(b), b.options.maxWaitMs);
        return;
      }
    }
  }

  /** One transaction for the whole batch; on failure each message alone, so only a poison message fails. */
  private async runBatch(handler: MessageHandler, items: PendingDelivery[]): Promise<void> {
    try {
      await this.invokeBatch(handler, items);
    } catch (err) {
      if (items.length === 1) {
        this.settleFailed(items[0], toError(err));
        return;
      }
      this.log.warn(`Batch of ${items.length} messages failed in ${this.opts.service} (${errorMessage(err)}); handling them one at a time`);
      for (const item of items) {
        try {
          await this.invokeBatch(handler, [item]);
        } catch (one) {
          this.settleFailed(item, toError(one));
          continue;
        }
        this.settleProcessed(item);
      }
      return;
    }
    for (const item of items) this.settleProcessed(item);
  }

  private async invokeBatch(handler: MessageHandler, items: PendingDelivery[]): Promise<void> {
    const envelopes = items.map((i) => i.envelope);
    const ctx = new BatchContext([envelopes, items.map((i) => i.info)]);
    await runInTransaction(this.opts.dataSource, async () => {
      try {
        const returned: unknown = await handler(envelopes, ctx);
        const stream = this.transformToObservable(returned as Observable<unknown> | Promise<unknown>);
        await lastValueFrom(stream, { defaultValue: undefined });
      } catch (err) {
        throw toError(err);
      }
    });
  }

  private settleProcessed(item: PendingDelivery): void {
    this.opts.onOutcome?.(item.envelope.type, 'processed');
    item.resolve();
  }

  private settleFailed(item: PendingDelivery, err: Error): void {
    this.opts.onOutcome?.(item.envelope.type, 'failed');
    item.reject(err);
  }

  /** Messages waiting in batches that have not started yet (for tests). */
  pendingBatchedMessages(): number {
    let n = 0;
    for (const b of this.batchers.values()) n += b.pending.length;
    return n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // waiting batches are handled now (not after their time limit): acked on commit, or retried by the bus
    for (const b of this.batchers.values()) this.flush(b);
    while (this.runningBatches.size) await Promise.allSettled([...this.runningBatches]);
    if (this.opts.ownsBus) await this.opts.bus.close();
    else if (this.listening) await this.opts.bus.stopConsuming(this.opts.service);
    this.listening = false;
    this._status$.next('disconnected');
  }
}

/**
 * Nest's default RPC exception filter turns every error into `{ status, message: 'Internal server
 * error' }`, hiding the cause from the bus's logs and turning a NonRetryableError into a retryable
 * one. Register this filter (`app.useGlobalFilters(new BusExceptionFilter())`) to let the original
 * error reach the bus.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** The handler's batch option (`@EventPattern(types, { batch })`), validated; undefined for a per-message handler. */
function batchOptionsOf(handler: MessageHandler): BatchOptions | undefined {
  const batch = (handler.extras as { batch?: BatchOptions } | undefined)?.batch;
  if (!batch) return undefined;
  if (!Number.isInteger(batch.maxMessages) || batch.maxMessages < 1) throw new Error(`Invalid batch maxMessages ${batch.maxMessages}`);
  if (!Number.isFinite(batch.maxWaitMs) || batch.maxWaitMs < 0) throw new Error(`Invalid batch maxWaitMs ${batch.maxWaitMs}`);
  return batch;
}

/** Handlers may reject with anything (Nest's filters produce plain objects): keep it an Error. */
function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(`Handler failed: ${errorMessage(err)}`);
}
