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

/** The applicant's residence (nơi cư trú). */
export interface ResidenceAddress {
  line?: string;
  communeCode: string;
  districtCode?: string;
  provinceCode: string;
}

/** A component received with the dossier (1-based `index` in the procedure's list). */
export interface ReceivedComponent {
  index: number;
  name: string;
  form: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY';
  quantity: number;
}

/** A dossier (hồ sơ) as the citizen sees it. */
@Entity({ name: 'dossier' })
@Index('ux_dossier_code', ['code'], { unique: true })
@Index('ux_dossier_idempotency_key', ['idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
@Index('ix_dossier_receiving_agency_received_at', ['receivingAgencyCode', 'receivedAt'])
@Index('ix_dossier_applicant_id_number', ['applicantIdNumber']) // a citizen's digitized documents (reuse)
@Index('ux_dossier_completeness_check', ['completenessCheckId'], { unique: true, where: 'completeness_check_id IS NOT NULL' })
export class Dossier {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_dossier' }) id!: string;
  @Column({ name: 'code', type: 'text' }) code!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  /** The procedure version the dossier was received under (null: received before versions existed, or a procedure without versions). */
  @Column({ name: 'procedure_version', type: 'integer', nullable: true }) procedureVersion!: number | null;
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
  /** The receiving clerk's display name and role (src/reception/received-by.ts); null for dossiers from before. */
  @Column({ name: 'received_by_name', type: 'text', nullable: true }) receivedByName!: string | null;
  @Column({ name: 'received_by_role', type: 'text', nullable: true }) receivedByRole!: string | null;
  /** Online: the integrator (NATIONAL_PORTAL, PROVINCIAL_PORTAL) and the key it submitted with. */
  @Column({ name: 'integrator_code', type: 'text', nullable: true }) integratorCode!: string | null;
  @Column({ name: 'integrator_key_id', type: 'uuid', nullable: true }) integratorKeyId!: string | null;
  /** The completeness check the reception followed (COMPLETE, or a form 02 check then completed). */
  @Column({ name: 'completeness_check_id', type: 'uuid', nullable: true }) completenessCheckId!: string | null;
  /** The components received (form 01 lists them); null when reception did not list them. */
  @Column({ name: 'received_components', type: 'jsonb', nullable: true }) receivedComponents!: ReceivedComponent[] | null;
  /** Applicant fields filled from the population database at reception. */
  @Column({ name: 'prefilled_fields', type: 'jsonb', nullable: true }) prefilledFields!: string[] | null;
  /** Where the applicant lives (province/commune codes): resolves the COMMUNE_OF_RESIDENCE competence rule. */
  @Column({ name: 'applicant_residence', type: 'jsonb', nullable: true }) applicantResidence!: ResidenceAddress | null;
  /** Received online under a PARTIAL online level: the originals are checked when the result is returned. */
  @Column({ name: 'originals_required_at_return', type: 'boolean', default: false }) originalsRequiredAtReturn!: boolean;
  /** The citizen's deadline for the open supplement request (hạn bổ sung); null when none is open or none was set. */
  @Column({ name: 'supplement_deadline_at', type: 'timestamptz', nullable: true }) supplementDeadlineAt!: Date | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'request_hash', type: 'text', nullable: true }) requestHash!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
