import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Timeliness } from '@motcua/contracts';

export type HandOverKind =
  | 'RECEIVED'
  | 'FORWARDED'
  | 'RETURNED'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUPPLEMENT_RECEIVED'
  | 'RESOLVED'
  | 'REFUSED'
  | 'EXTENDED'
  | 'STOPPED'
  | 'SKIPPED'
  // the paper dossier travels by post between agencies (postal-delivery's transfers)
  | 'POSTAL_HANDED_OVER'
  | 'POSTAL_DELIVERED';

/**
 * One line of the control slip (phiếu kiểm soát quá trình giải quyết hồ sơ): a hand-over with its
 * time, who gave, who received (the agency and role at once, the person when they act), and the
 * giving step's outcome.
 */
@Entity({ name: 'control_slip_entry' })
@Index('ix_control_slip_entry_dossier', ['dossierCode', 'id'])
// the hand-overs to a step that nobody took yet (markReceived, on every action)
@Index('ix_control_slip_entry_instance_step', ['instanceId', 'toStepKey'])
// one line per postal transfer and leg, however often or in whatever order postal-delivery's events come
@Index('ux_control_slip_entry_transfer', ['transferId', 'kind'], { unique: true, where: '"transfer_id" IS NOT NULL' })
export class ControlSlipEntry {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_control_slip_entry' }) id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: HandOverKind;
  @Column({ name: 'handed_over_at', type: 'timestamptz' }) handedOverAt!: Date;
  @Column({ name: 'giver_id', type: 'text' }) giverId!: string;
  @Column({ name: 'giver_name', type: 'text' }) giverName!: string;
  @Column({ name: 'giver_agency_code', type: 'text' }) giverAgencyCode!: string;
  @Column({ name: 'from_step_key', type: 'text', nullable: true }) fromStepKey!: string | null;
  @Column({ name: 'from_step_name', type: 'text', nullable: true }) fromStepName!: string | null;
  /** The giving step's outcome against its due instant (none for the first hand-over from the counter). */
  @Column({ name: 'outcome', type: 'text', nullable: true }) outcome!: Timeliness | null;
  @Column({ name: 'receiver_agency_code', type: 'text' }) receiverAgencyCode!: string;
  @Column({ name: 'receiver_role', type: 'text', nullable: true }) receiverRole!: string | null;
  @Column({ name: 'to_step_key', type: 'text', nullable: true }) toStepKey!: string | null;
  @Column({ name: 'to_step_name', type: 'text', nullable: true }) toStepName!: string | null;
  /** The person who took the step over (filled when they act on it). */
  @Column({ name: 'receiver_id', type: 'text', nullable: true }) receiverId!: string | null;
  @Column({ name: 'receiver_name', type: 'text', nullable: true }) receiverName!: string | null;
  @Column({ name: 'note', type: 'text', nullable: true }) note!: string | null;
  /** A postal leg: postal-delivery's transfer and the post's tracking number (the postal receipt). */
  @Column({ name: 'transfer_id', type: 'text', nullable: true }) transferId!: string | null;
  @Column({ name: 'tracking_number', type: 'text', nullable: true }) trackingNumber!: string | null;
}
