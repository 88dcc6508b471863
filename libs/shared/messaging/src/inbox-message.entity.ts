import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per (consumer, message) handled: written in the handler's transaction, so a redelivered
 * message is recognised and skipped. Rows may be pruned by `processed_at` once redelivery of that
 * age is impossible.
 */
@Entity({ name: 'inbox_message' })
@Index('ix_inbox_message_processed_at', ['processedAt'])
export class InboxMessageEntity {
  @PrimaryColumn({ name: 'consumer', type: 'text', primaryKeyConstraintName: 'pk_inbox_message' })
  consumer!: string;

  @PrimaryColumn({ name: 'message_id', type: 'uuid', primaryKeyConstraintName: 'pk_inbox_message' })
  messageId!: string;

  @Column({ name: 'message_type', type: 'text' })
  messageType!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
