import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { IntakeChannel, ResultDeliveryMethod } from '@motcua/contracts';
import type { DossierStatus } from './dossier-status';

export interface DeliveryAddress {
  recipientName: string;
  phone: string;
  line: string;
  communeCode: string;
  districtCode?: string;
  provinceCode: string;
}

/** A dossier (hồ sơ) as the citizen sees it. */
@Entity({ name: 'dossier' })
@Index('ux_dossier_code', ['code'], { unique: true })
@Index('ux_dossier_idempotency_key', ['idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('ix_dossier_receiving_agency_received_at', ['receivingAgencyCode', 'receivedAt'])
export class Dossier {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_dossier' }) id!: string;
  @Column({ name: 'code', type: 'text' }) code!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'receiving_agency_code', type: 'text' }) receivingAgencyCode!: string;
  @Column({ name: 'competent_agency_code', type: 'text' }) competentAgencyCode!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: IntakeChannel;
  @Column({ name: 'status', type: 'text' }) status!: DossierStatus;
  @Column({ name: 'national_status', type: 'smallint' }) nationalStatus!: number;
  @Column({ name: 'applicant_name', type: 'text' }) applicantName!: string;
  @Column({ name: 'applicant_id_number', type: 'text' }) applicantIdNumber!: string;
  @Column({ name: 'applicant_phone', type: 'text', nullable: true }) applicantPhone!: string | null;
  @Column({ name: 'applicant_email', type: 'text', nullable: true }) applicantEmail!: string | null;
  @Column({ name: 'result_delivery', type: 'text' }) resultDelivery!: ResultDeliveryMethod;
  @Column({ name: 'delivery_address', type: 'jsonb', nullable: true }) deliveryAddress!: DeliveryAddress | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'appointment_at', type: 'timestamptz' }) appointmentAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt!: Date | null;
  /** Who took the result at the counter (name and ID number), status 10 by COUNTER. */
  @Column({ name: 'returned_to', type: 'jsonb', nullable: true }) returnedTo!: { fullName: string; idNumber: string } | null;
  /** Why processing ended without a result: the citizen's withdrawal (7) or an agency's refusal (8). */
  @Column({ name: 'closed_reason', type: 'text', nullable: true }) closedReason!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  /** SHA-256 of the secret printed on the receipt; the citizen's lookup key together with the code. */
  @Column({ name: 'lookup_secret_hash', type: 'text' }) lookupSecretHash!: string;
  @Column({ name: 'received_by', type: 'text' }) receivedBy!: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_hash', type: 'text', nullable: true }) requestHash!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
