import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event reporting has received, as it arrived (after contract validation): the source of
 * truth from which every projection can be rebuilt. Append-only.
 */
@Entity({ name: 'event_log' })
@Index('ix_event_log_occurred_at_id', ['occurredAt', 'id'])
@Index('ix_event_log_correlation_id', ['correlationId'])
export class EventLogEntry {
  /** The event id (envelope `id`): one row per event, however often it is delivered. */
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_event_log' }) id!: string;
  @Column({ name: 'type', type: 'text' }) type!: string;
  @Column({ name: 'version', type: 'integer' }) version!: number;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'source', type: 'text' }) source!: string;
  /** The dossier code where there is one. */
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId!: string | null;
  @Column({ name: 'causation_id', type: 'text', nullable: true }) causationId!: string | null;
  /** The envelope's `data`. */
  @Column({ name: 'payload', type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}
