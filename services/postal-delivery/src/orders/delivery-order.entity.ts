import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryState } from '../carriers/vnpost-status';

/**
 * RESULT_DELIVERY: the result to the citizen's door; PICKUP: the dossier from the citizen's address to the centre;
 * TRANSFER: a paper dossier between agencies (`paper_transfer`).
 */
export type OrderKind = 'RESULT_DELIVERY' | 'PICKUP' | 'TRANSFER';

/** A shipment the post carries for the platform (the result to the citizen's door, for now). */
@Entity({ name: 'delivery_order' })
@Index('ux_delivery_order_dossier_kind', ['dossierCode', 'kind'], { unique: true })
@Index('ux_delivery_order_tracking_number', ['trackingNumber'], { unique: true })
@Index('ix_delivery_order_pending', ['nextAttemptAt'], { where: "state = 'PENDING'" })
@Index('ix_delivery_order_centre_created', ['centreCode', 'createdAt'])
export class DeliveryOrder {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_delivery_order' }) id!: string;
  /** The dossier code (the carrier's order number); for a PICKUP, the pickup reference (no dossier exists yet). */
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: OrderKind;
  @Column({ name: 'carrier', type: 'text' }) carrier!: string;
  /** Serial behind the tracking number (UPU S10 from it). */
  @Column({ name: 'serial', type: 'bigint' }) @Generated('increment') serial!: string;
  @Column({ name: 'tracking_number', type: 'text', nullable: true }) trackingNumber!: string | null;
  @Column({ name: 'carrier_order_id', type: 'text', nullable: true }) carrierOrderId!: string | null;
  @Column({ name: 'state', type: 'text' }) state!: DeliveryState;
  @Column({ name: 'last_carrier_status', type: 'smallint', nullable: true }) lastCarrierStatus!: number | null;
  @Column({ name: 'recipient_name', type: 'text' }) recipientName!: string;
  @Column({ name: 'submit_attempts', type: 'integer', default: 0 }) submitAttempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  /** The centre (agency code) that hands the item to the post and gets it back on return; manifests group by it. */
  @Column({ name: 'centre_code', type: 'text', nullable: true }) centreCode!: string | null;
  /** Carrier time of the update that set the current state (orders same-rank updates such as 12 ↔ 15). */
  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true }) lastEventAt!: Date | null;
  /** Failed delivery attempts (VNPost 15) and the carrier's reason for the last one. */
  @Column({ name: 'failed_attempts', type: 'integer', default: 0 }) failedAttempts!: number;
  @Column({ name: 'last_failure_reason', type: 'text', nullable: true }) lastFailureReason!: string | null;
  /** When the item came back to the centre (VNPost 19). */
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  /** Postage (đồng) and the amount the carrier collects at the door (COD, add-on GTG021 / PROP0018; 0 = none). */
  @Column({ name: 'postage', type: 'integer', default: 0 }) postage!: number;
  @Column({ name: 'cod_amount', type: 'integer', default: 0 }) codAmount!: number;
  /** Of `cod_amount`: the dossier's fees and the postage the citizen pays at the door (the rest: the procedure's fixed COD). */
  @Column({ name: 'cod_fees', type: 'integer', default: 0 }) codFees?: number;
  @Column({ name: 'cod_postage', type: 'integer', default: 0 }) codPostage?: number;
  /** Tariff zone the postage was quoted for (null: the procedure's fixed postage). */
  @Column({ name: 'postage_zone', type: 'text', nullable: true }) postageZone?: string | null;
  /** When the carrier reported the COD paid over (VNPost 21) and the amount it reported. */
  @Column({ name: 'cod_paid_at', type: 'timestamptz', nullable: true }) codPaidAt!: Date | null;
  @Column({ name: 'cod_paid_amount', type: 'integer', nullable: true }) codPaidAmount!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
