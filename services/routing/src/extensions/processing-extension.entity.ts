import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An extension granted before the appointment passed: the apology with a new appointment date
 * (Phiếu xin lỗi và hẹn lại ngày trả kết quả) issued by the agency holding the step.
 */
@Entity({ name: 'processing_extension' })
@Index('ix_processing_extension_dossier', ['dossierCode', 'requestedAt'])
export class ProcessingExtension {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_processing_extension' }) id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId!: string;
  @Column({ name: 'step_name', type: 'text' }) stepName!: string;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_by_name', type: 'text' }) requestedByName!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'previous_appointment_at', type: 'timestamptz' }) previousAppointmentAt!: Date;
  @Column({ name: 'new_appointment_at', type: 'timestamptz' }) newAppointmentAt!: Date;
  @Column({ name: 'reason', type: 'text' }) reason!: string;
}
