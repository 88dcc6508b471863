import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@motcua/contracts';
import { EventLogEntry } from './event-log.entity';

export interface EventLogCursor {
  occurredAt: Date;
  id: string;
}

@Injectable()
export class EventLogRepository {
  /** Appends the event; false when it is already in the log (a redelivery or a replayed duplicate). */
  async append(m: EntityManager, e: EventEnvelope<object>): Promise<boolean> {
    const rows = (await m.query(
      `INSERT INTO event_log (id, type, version, occurred_at, source, correlation_id, causation_id, payload, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [e.id, e.type, e.version, e.occurredAt, e.source, e.correlationId, e.causationId, JSON.stringify(e.data)],
    )) as unknown[];
    return rows.length > 0;
  }

  /**
   * Appends the events in one statement (one JSON array parameter, expanded by `jsonb_array_elements`: cheaper to send than
   * one array per column); returns the ids that were new (an id already in the log, or twice in `events`, is stored once).
   */
  async appendMany(m: EntityManager, events: EventEnvelope<object>[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = (await m.query(
      `INSERT INTO event_log (id, type, version, occurred_at, source, correlation_id, causation_id, payload, received_at)
       SELECT (e->>'id')::uuid, e->>'type', (e->>'version')::int, (e->>'occurredAt')::timestamptz, e->>'source',
              e->>'correlationId', e->>'causationId', e->'data', now()
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)
        ORDER BY n
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        JSON.stringify(
          events.map((e) => ({
            id: e.id,
            type: e.type,
            version: e.version,
            occurredAt: e.occurredAt,
            source: e.source,
            correlationId: e.correlationId,
            causationId: e.causationId,
            data: e.data,
          })),
        ),
      ],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** One page of the log in replay order (occurred_at, id), after the cursor; only events that occurred at or before `until` if given. */
  page(m: EntityManager, after: EventLogCursor | null, limit: number, until?: Date): Promise<EventLogEntry[]> {
    const qb = m.getRepository(EventLogEntry).createQueryBuilder('e').orderBy('e.occurredAt', 'ASC').addOrderBy('e.id', 'ASC').limit(limit);
    qb.where('TRUE');
    if (after) qb.andWhere('(e.occurredAt, e.id) > (:at, :id)', { at: after.occurredAt, id: after.id });
    if (until) qb.andWhere('e.occurredAt <= :until', { until });
    return qb.getMany();
  }
}

export function toEnvelope(e: EventLogEntry): EventEnvelope<Record<string, unknown>> {
  return {
    id: e.id,
    type: e.type,
    version: e.version,
    occurredAt: e.occurredAt.toISOString(),
    source: e.source,
    correlationId: e.correlationId,
    causationId: e.causationId,
    data: e.payload,
  };
}
