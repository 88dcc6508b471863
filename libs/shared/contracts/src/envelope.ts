/**
 * The envelope every domain event travels in, on RabbitMQ and on the in-process bus alike.
 * `type` is also the routing key; `version` is the schema version of `data`.
 */
export interface EventEnvelope<T = unknown> {
  /** UUID, unique per event; the inbox deduplicates on it. */
  id: string;
  /** Routing key, past tense, e.g. `dossier.received`. */
  type: string;
  /** Schema version of `data` (integer, starts at 1). */
  version: number;
  /** ISO 8601 instant with offset. */
  occurredAt: string;
  /** Producing service, e.g. `intake`. */
  source: string;
  /** The dossier code where there is one. */
  correlationId: string | null;
  /** Id of the event that caused this one, if any. */
  causationId: string | null;
  data: T;
}
