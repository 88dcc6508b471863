import { ArgumentsHost, Catch, Logger, LoggerService, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { EventEnvelope, validateEnvelope } from '@motcua/contracts';
import { DeliveryInfo, MessageBus, NonRetryableError } from './bus';
import { BusContext } from './bus-context';
import { handleOnce } from './inbox';
import { envelopeIdOf, errorMessage } from './internal';

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

const ROUTING_KEY = /^[A-Za-z0-9_*#-]+(\.[A-Za-z0-9_*#-]+)*$/;

/**
 * Nest custom transport: `@EventPattern(type)` methods become the handlers of the service's queue.
 * Each message is validated against its contract (invalid → dead-letter queue at once), then the
 * handler runs through `handleOnce` (inbox + transaction), so a redelivered message runs once and
 * a handler's database writes and outbox events commit together with its inbox row.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = BUS_TRANSPORT;
  private readonly log: LoggerService;
  private listening = false;
  private closed = false;

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
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      this.opts.onOutcome?.(type, 'unhandled');
      this.log.debug?.(`Message ${id} (${envelope.type}) has no handler in ${this.opts.service}; acknowledged`);
      return;
    }
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
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

/** Handlers may reject with anything (Nest's filters produce plain objects): keep it an Error. */
function toError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(`Handler failed: ${errorMessage(err)}`);
}
