import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event reporting has received, as it arrived (after contract validation): the source of
 * truth from which every projection can be rebuilt. Append-only.
 */
@Entity({ name: 'event_log' })
@Index('ix_event_log_occurred_at_id', ['occurredAt', 'id'])
@Index('ix_event_log_correlation_id', ['correlationId'])
@Index('ux_event_log_seq', ['seq'], { unique: true })
@Index('ix_event_log_unprojected_seq', ['seq'], { where: 'NOT projected' })
@Index('ix_event_log_tx_id', ['txId'])
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
  /** Append order (a sequence: numbers become visible out of order across concurrent transactions). */
  @Column({ name: 'seq', type: 'bigint' }) @Generated('increment') seq!: string;
  /**
   * Folded into the projections yet? Set in the same transaction as the projector's writes, so each
   * event is applied exactly once whatever crashes; the appender only inserts (the consumer's
   * transaction stays cheap) and the projector picks the committed, unprojected events in `seq` order.
   */
  @Column({ name: 'projected', type: 'boolean', default: false }) projected!: boolean;
  /**
   * The appending transaction (`txid_current()`, a bigint): a fact snapshot records the transaction snapshot it
   * was taken in, so an "as of" query finds the events it did not see (`txid_visible_in_snapshot`), late commits included.
   */
  @Column({ name: 'tx_id', type: 'bigint', default: () => 'txid_current()' }) txId!: string;
}
