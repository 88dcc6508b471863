import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { EventEnvelope } from '@motcua/contracts';

/**
 * An event written in the same transaction as the state change that caused it, waiting for the
 * relay to publish it. Rows are deleted once the broker confirmed them.
 */
@Entity({ name: 'outbox_message' })
@Unique('uq_outbox_message_id', ['id'])
export class OutboxMessageEntity {
  /** Insertion order; the relay publishes in this order. bigint → string in JavaScript. */
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'pk_outbox_message' })
  seq!: string;

  @Column({ name: 'id', type: 'uuid' })
  id!: string;

  @Column({ name: 'type', type: 'text' })
  type!: string;

  /** The whole envelope, published as is. */
  @Column({ name: 'payload', type: 'jsonb' })
  payload!: EventEnvelope;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Failed publish attempts (diagnostics only: the relay never gives up on a row). */
  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
