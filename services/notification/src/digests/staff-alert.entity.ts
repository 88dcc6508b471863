import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export const STAFF_ALERT_KINDS = ['OVERDUE', 'DUE_SOON'] as const;
export type StaffAlertKind = (typeof STAFF_ALERT_KINDS)[number];

/**
 * A step that is due soon or overdue, for the staff digest. One row per (step, kind, due instant):
 * a redelivered event adds nothing. `digest_date` is the local date of the digest it belongs to —
 * the first daily send time (`DIGEST_SEND_AT`, Asia/Ho_Chi_Minh) after it was detected.
 */
@Entity({ name: 'staff_alert' })
@Unique('uq_staff_alert_step_kind_due', ['stepId', 'kind', 'dueAt'])
@Index('ix_staff_alert_digest', ['digestDate', 'agencyCode'])
export class StaffAlert {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_staff_alert' }) id!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: StaffAlertKind;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'step_id', type: 'text' }) stepId!: string;
  @Column({ name: 'step_name', type: 'text' }) stepName!: string;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  /** The role holding the step (SPECIALIST, APPROVER, …) when the event says; null for overdue steps. */
  @Column({ name: 'role', type: 'text', nullable: true }) role!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'detected_at', type: 'timestamptz' }) detectedAt!: Date;
  @Column({ name: 'digest_date', type: 'date' }) digestDate!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
