import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The durable once-per-day marker: the digest of (agency, date) was e-mailed. Inserted in the
 * transaction that sends it, so a second replica (or a second tick) finds it and sends nothing.
 */
@Entity({ name: 'digest_run' })
export class DigestRun {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_digest_run' }) agencyCode!: string;
  @PrimaryColumn({ name: 'digest_date', type: 'date', primaryKeyConstraintName: 'pk_digest_run' }) digestDate!: string;
  @Column({ name: 'recipients', type: 'integer' }) recipients!: number;
  @Column({ name: 'alerts', type: 'integer' }) alerts!: number;
  @Column({ name: 'sent_at', type: 'timestamptz' }) sentAt!: Date;
}
