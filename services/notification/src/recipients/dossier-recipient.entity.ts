import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ResultDeliveryMethod } from '@motcua/contracts';

/**
 * What notification knows about a dossier's citizen and progress, gathered from events in any
 * order: `dossier.received` fills the recipient (phone, name, procedure, appointment); later events
 * fill the facts that trigger messages. A message is queued once its template can be filled. Facts a
 * dossier may have several of (supplement requests, extensions, delivery attempts) are `dossier_notice` rows.
 */
@Entity({ name: 'dossier_recipient' })
export class DossierRecipient {
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_dossier_recipient' }) dossierCode!: string;
  /** Set by `dossier.received`; null until then. */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'applicant_name', type: 'text', nullable: true }) applicantName!: string | null;
  /** Null when the citizen gave no phone: no SMS is ever queued then. */
  @Column({ name: 'phone', type: 'text', nullable: true }) phone!: string | null;
  /** E-mail address given with the dossier (optional). */
  @Column({ name: 'email', type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'procedure_name', type: 'text', nullable: true }) procedureName!: string | null;
  @Column({ name: 'appointment_at', type: 'timestamptz', nullable: true }) appointmentAt!: Date | null;
  @Column({ name: 'result_delivery', type: 'text', nullable: true }) resultDelivery!: ResultDeliveryMethod | null;
  @Column({ name: 'receiving_agency_code', type: 'text', nullable: true }) receivingAgencyCode!: string | null;
  @Column({ name: 'competent_agency_code', type: 'text', nullable: true }) competentAgencyCode!: string | null;
  /** Set by `dossier.resolved` (result ready, national status 9). */
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  /** Set by `dossier.result-returned` with method POST. */
  @Column({ name: 'delivered_by_post_at', type: 'timestamptz', nullable: true }) deliveredByPostAt!: Date | null;
  /** Set by `processing.refused`, with the reason. */
  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true }) refusedAt!: Date | null;
  @Column({ name: 'refusal_reason', type: 'text', nullable: true }) refusalReason!: string | null;
  /**
   * The result is held at the counter: set by `postal.delivery.returned` (the post brought it back) or
   * `postal.delivery.cancelled` (it will not go by post), whichever comes first.
   */
  @Column({ name: 'returned_to_centre_at', type: 'timestamptz', nullable: true }) returnedToCentreAt!: Date | null;
  /** With `returned_to_centre_at` from `postal.delivery.cancelled`: why the result does not go by post; null when the post brought it back. */
  @Column({ name: 'held_at_counter_reason', type: 'text', nullable: true }) heldAtCounterReason!: string | null;
  /** Set by `processing.stopped` (dừng xử lý), with the reason. */
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true }) stoppedAt!: Date | null;
  @Column({ name: 'stop_reason', type: 'text', nullable: true }) stopReason!: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
