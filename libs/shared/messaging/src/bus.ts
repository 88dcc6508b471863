import { EventEnvelope } from '@motcua/contracts';

/**
 * Topology names. One durable topic exchange `${prefix}.events`; per consuming service a durable
 * queue `${prefix}.${service}`, TTL retry queues `${prefix}.${service}.retry.${n}` that dead-letter
 * back into the main queue, and a dead-letter queue `${prefix}.${service}.dlq`.
 */
export function topology(prefix: string, service: string) {
  return {
    exchange: `${prefix}.events`,
    queue: `${prefix}.${service}`,
    retryQueue: (attempt: number) => `${prefix}.${service}.retry.${attempt}`,
    deadLetterQueue: `${prefix}.${service}.dlq`,
  };
}

export interface ConsumerSpec {
  /** Consuming service name; names its queues. */
  service: string;
  /** Routing keys (event types) to bind; topic wildcards allowed. */
  bindings: string[];
  /** Unacknowledged messages in flight per consumer (default 20). */
  prefetch?: number;
  /** Delays before each retry; after the last one the message goes to the DLQ (default [1000, 5000, 30000]). */
  retryDelaysMs?: number[];
}

/** Information about the delivery that a handler may want (for logs and metrics). */
export interface DeliveryInfo {
  /** 0 on first delivery, n on the n-th retry. */
  attempt: number;
  redelivered: boolean;
}

export type EnvelopeHandler = (raw: unknown, info: DeliveryInfo) => Promise<void>;

/**
 * A handler failure that retrying cannot fix (e.g. the message fails its contract): the bus sends
 * the message straight to the dead-letter queue.
 */
export class NonRetryableError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'NonRetryableError';
  }
}

/** A dead-lettered message as an operator sees it. */
export interface DeadLetter {
  envelope: unknown;
  reason: string;
  failedAt: string;
  attempts: number;
}

export interface MessageBus {
  /** Publishes persistently; resolves only once the broker confirmed every message. */
  publish(envelopes: EventEnvelope[]): Promise<void>;
  /**
   * Declares the consumer's queues and bindings and starts consuming. The handler receives the
   * parsed JSON body (unvalidated). Resolve → ack. Reject → retry after a growing delay, then DLQ.
   * Reject with NonRetryableError (or an unparsable body) → DLQ at once. Always logged with the id.
   */
  consume(spec: ConsumerSpec, handler: EnvelopeHandler): Promise<void>;
  /**
   * Stops the consumers of one service and waits for their in-flight handlers; the queue and its
   * bindings stay (messages keep accumulating until a consumer comes back). Used by BusTransport
   * when the bus is shared and owned by someone else.
   */
  stopConsuming(service: string): Promise<void>;
  /** Stops taking new deliveries, waits for in-flight handlers to finish, then closes. */
  close(): Promise<void>;
  /** True while connected (used by /health). */
  isConnected(): boolean;
  /** Operator tools: read (without removing) and replay the dead-letter queue of a service. */
  peekDeadLetters(service: string, limit?: number): Promise<DeadLetter[]>;
  replayDeadLetters(service: string): Promise<number>;
}
