import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TransferPurpose } from '@motcua/contracts';

/**
 * A paper dossier carried by the post between agencies (its carrier leg is a `delivery_order` of kind
 * TRANSFER): to the agency of a processing step (STEP), or back to the receiving centre once resolved
 * (RETURN). One per dossier, purpose, origin and destination agency, so redelivered events change nothing.
 */
@Entity({ name: 'paper_transfer' })
@Index('ux_paper_transfer_leg', ['dossierCode', 'purpose', 'fromAgencyCode', 'toAgencyCode'], { unique: true })
@Index('ux_paper_transfer_order', ['orderId'], { unique: true })
@Index('ix_paper_transfer_from', ['fromAgencyCode', 'createdAt'])
@Index('ix_paper_transfer_to', ['toAgencyCode', 'createdAt'])
export class PaperTransfer {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_paper_transfer' }) id!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'purpose', type: 'text' }) purpose!: TransferPurpose;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  /** The routing step (task id) the paper travels for; null for the return. */
  @Column({ name: 'step_id', type: 'text', nullable: true }) stepId!: string | null;
  @Column({ name: 'step_name', type: 'text', nullable: true }) stepName!: string | null;
  @Column({ name: 'from_agency_code', type: 'text' }) fromAgencyCode!: string;
  @Column({ name: 'to_agency_code', type: 'text' }) toAgencyCode!: string;
  /** The dossier's receiving centre. */
  @Column({ name: 'centre_code', type: 'text' }) centreCode!: string;
  /** Postal receipt: when the post took the paper (published as `postal.transfer.handed-over`). */
  @Column({ name: 'handed_over_at', type: 'timestamptz', nullable: true }) handedOverAt!: Date | null;
  /** When the post delivered it (published as `postal.transfer.delivered`). */
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
