import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A supplement asked for during processing (national status 5) and, once handed in, its receipt. */
@Entity({ name: 'dossier_supplement' })
@Index('ux_dossier_supplement_request', ['dossierId', 'stepId', 'supplementNumber'], { unique: true })
export class DossierSupplement {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_dossier_supplement' }) id!: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId!: string;
  @Column({ name: 'step_id', type: 'text' }) stepId!: string;
  @Column({ name: 'supplement_number', type: 'integer' }) supplementNumber!: number;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'reason', type: 'text' }) reason!: string;
  /** Everything missing, listed at once. */
  @Column({ name: 'items', type: 'jsonb' }) items!: string[];
  /** The appointment when the supplement was asked for (the national record keeps old and new). */
  @Column({ name: 'appointment_before', type: 'timestamptz' }) appointmentBefore!: Date;
  @Column({ name: 'appointment_after', type: 'timestamptz', nullable: true }) appointmentAfter!: Date | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'received_by', type: 'text', nullable: true }) receivedBy!: string | null;
  @Column({ name: 'note', type: 'text', nullable: true }) note!: string | null;
}
