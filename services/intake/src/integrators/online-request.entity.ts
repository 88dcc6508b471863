import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An integrator's supplement or withdrawal request kept for its `Idempotency-Key` (stored as
 * `@{integrator}/{key}`): the same key with the same body answers the dossier again, another body 409.
 */
@Entity({ name: 'online_request' })
export class OnlineRequest {
  @PrimaryColumn({ name: 'idempotency_key', type: 'text', primaryKeyConstraintName: 'pk_online_request' }) idempotencyKey!: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId!: string;
  /** SUPPLEMENT or WITHDRAWAL. */
  @Column({ name: 'action', type: 'text' }) action!: string;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
