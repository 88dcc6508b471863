import { randomUUID } from 'crypto';
import { EventEnvelope } from '@motcua/contracts';
import { currentEnvelope, currentManager } from './transaction-context';

/** The channel the relay LISTENs on; notified (at commit) by every outbox write. */
export const OUTBOX_CHANNEL = 'motcua_outbox';

export interface OutboxAddOptions {
  /** The dossier code where there is one. */
  correlationId: string | null;
  /** Defaults to the id of the message being handled (`currentEnvelope()`), else null. */
  causationId?: string | null;
}

export interface OutboxEvent<T extends object = object> {
  type: string;
  version: number;
  data: T;
  opts: OutboxAddOptions;
}

/**
 * Writes outgoing events into `outbox_message` in the ambient transaction (`runInTransaction`),
 * so they are published if and only if the state change commits.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async add<T extends object>(type: string, version: number, data: T, opts: OutboxAddOptions): Promise<EventEnvelope<T>> {
    const [envelope] = await this.addMany<T>([{ type, version, data, opts }]);
    return envelope;
  }

  async addMany<T extends object>(events: OutboxEvent<T>[]): Promise<EventEnvelope<T>[]> {
    const manager = currentManager();
    if (!manager) {
      throw new Error(
        'Outbox.add must be called inside runInTransaction(): events are written in the same transaction as the state change',
      );
    }
    if (events.length === 0) return [];
    const cause = currentEnvelope();
    const envelopes = events.map(({ type, version, data, opts }): EventEnvelope<T> => ({
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      source: this.source,
      correlationId: opts.correlationId,
      causationId: opts.causationId !== undefined ? opts.causationId : (cause?.id ?? null),
      // A plain JSON copy: what is stored is what will be published.
      data: JSON.parse(JSON.stringify(data)) as T,
    }));
    await manager.query(
      `INSERT INTO "outbox_message" ("id", "type", "payload")
       SELECT "id", "type", "payload"
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS t("id", "type", "payload", "ord")
       ORDER BY "ord"`,
      [envelopes.map((e) => e.id), envelopes.map((e) => e.type), envelopes.map((e) => JSON.stringify(e))],
    );
    // Delivered at commit, not at all on rollback: the relay wakes up within milliseconds.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    return envelopes;
  }
}
