import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One call to the national portal waiting to be sent (or sent): an outbox with retries. */
@Entity({ name: 'portal_sync' })
@Index('ix_portal_sync_pending', ['nextAttemptAt'], { where: 'sent_at IS NULL' })
export class PortalSync {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_portal_sync' }) id!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  /** `DongBoHoSoMC` or `CapNhatTienDoHoSoMC`. */
  @Column({ name: 'service', type: 'text' }) service!: string;
  @Column({ name: 'is_updating', type: 'boolean' }) isUpdating!: boolean;
  @Column({ name: 'payload', type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ name: 'attempts', type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
