import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IntakeChannel, ResultDeliveryMethod, Timeliness } from '@motcua/contracts';

/**
 * One row per dossier: the facts the indicators need (DOMAIN.md §7), filled from events in any
 * order. Every column but the code is nullable: an event for an unseen dossier creates the row with
 * what it knows, later events fill in the rest.
 */
@Entity({ name: 'dossier_fact' })
@Index('ix_dossier_fact_receiving_agency_received_at', ['receivingAgencyCode', 'receivedAt'])
@Index('ix_dossier_fact_competent_agency_resolved_at', ['competentAgencyCode', 'resolvedAt'])
@Index('ix_dossier_fact_competent_agency_received_at', ['competentAgencyCode', 'receivedAt'])
@Index('ix_dossier_fact_competent_agency_postal_order', ['competentAgencyCode', 'postalOrderCreatedAt'])
@Index('ix_dossier_fact_competent_agency_returned_at', ['competentAgencyCode', 'returnedAt'])
// open dossiers by appointment: "overdue at now" when the period has not ended (the counts are by day)
@Index('ix_dossier_fact_open_competent_appointment', ['competentAgencyCode', 'appointmentAt'], { where: 'resolved_at IS NULL' })
// the lost-point pages' partial indexes (expression, INCLUDE): written by hand in migration LostPointsIndex1795730000000
@Index('ix_dossier_fact_lost_closed', { synchronize: false })
@Index('ix_dossier_fact_open_lost', { synchronize: false })
@Index('ix_dossier_fact_not_online', { synchronize: false })
export class DossierFact {
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_dossier_fact' }) dossierCode!: string;
  @Column({ name: 'procedure_code', type: 'text', nullable: true }) procedureCode!: string | null;
  @Column({ name: 'receiving_agency_code', type: 'text', nullable: true }) receivingAgencyCode!: string | null;
  @Column({ name: 'competent_agency_code', type: 'text', nullable: true }) competentAgencyCode!: string | null;
  @Column({ name: 'channel', type: 'text', nullable: true }) channel!: IntakeChannel | null;
  @Column({ name: 'result_delivery', type: 'text', nullable: true }) resultDelivery!: ResultDeliveryMethod | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  /** The appointment in force: from `dossier.received`, replaced by the one `dossier.resolved` reports. */
  @Column({ name: 'appointment_at', type: 'timestamptz', nullable: true }) appointmentAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'timeliness', type: 'text', nullable: true }) timeliness!: Timeliness | null;
  @Column({ name: 'resolving_agency_code', type: 'text', nullable: true }) resolvingAgencyCode!: string | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  /** How the result reached the citizen (`dossier.result-returned`), kept with the latest return. */
  @Column({ name: 'return_method', type: 'text', nullable: true }) returnMethod!: ResultDeliveryMethod | null;
  /** Postal leg: the carrier accepted the result-delivery order (the first acceptance). */
  @Column({ name: 'postal_order_created_at', type: 'timestamptz', nullable: true }) postalOrderCreatedAt!: Date | null;
  @Column({ name: 'postal_delivered_at', type: 'timestamptz', nullable: true }) postalDeliveredAt!: Date | null;
  @Column({ name: 'messages_sent', type: 'integer', default: 0 }) messagesSent!: number;
  /** Supplement requests during processing (the highest `supplementNumber` seen); ≥ 2 counts as late (DOMAIN.md §2). */
  @Column({ name: 'supplement_requests', type: 'integer', default: 0 }) supplementRequests!: number;
  /** Processing refused (`processing.refused`): the latest refusal. */
  @Column({ name: 'refused_at', type: 'timestamptz', nullable: true }) refusedAt!: Date | null;
  /** Postal leg: the carrier gave up and brought the result back (`postal.delivery.returned`), the latest. */
  @Column({ name: 'postal_returned_at', type: 'timestamptz', nullable: true }) postalReturnedAt!: Date | null;
  /** Extensions granted (`processing.extended`, one per event). */
  @Column({ name: 'extensions', type: 'integer', default: 0 }) extensions!: number;
  /** Processing stopped (`processing.stopped`) / the citizen withdrew (`dossier.withdrawn`): the latest. */
  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true }) stoppedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  /** The citizen's rating (`dossier.evaluated`, the latest) and when. */
  @Column({ name: 'evaluation_level', type: 'text', nullable: true }) evaluationLevel!: string | null;
  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true }) evaluatedAt!: Date | null;
  /** Messages that failed at sending (never sent) / sent but reported undeliverable (`notification.delivery-failed`). */
  @Column({ name: 'messages_failed_sending', type: 'integer', default: 0 }) messagesFailedSending!: number;
  @Column({ name: 'messages_failed_delivery', type: 'integer', default: 0 }) messagesFailedDelivery!: number;
  /**
   * Digitization (`dossier.document-digitized`, the highest running totals seen): components received, of those
   * digitized and reused from a digitized result on file; when the dossier became fully digitized (every component
   * received, at least one) and when its result was first digitized.
   */
  @Column({ name: 'components_received', type: 'integer', default: 0 }) componentsReceived!: number;
  @Column({ name: 'components_digitized', type: 'integer', default: 0 }) componentsDigitized!: number;
  @Column({ name: 'components_reused', type: 'integer', default: 0 }) componentsReused!: number;
  @Column({ name: 'digitized_at', type: 'timestamptz', nullable: true }) digitizedAt!: Date | null;
  @Column({ name: 'result_digitized_at', type: 'timestamptz', nullable: true }) resultDigitizedAt!: Date | null;
}
