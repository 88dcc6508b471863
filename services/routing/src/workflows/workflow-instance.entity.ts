import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Timeliness } from '@motcua/contracts';
import type { DossierFacts } from './step-condition';

export type InstanceStatus = 'ACTIVE' | 'PAUSED' | 'RESOLVED' | 'REFUSED' | 'STOPPED';

/** The processing of one dossier (liên thông: possibly across several agencies). */
@Entity({ name: 'workflow_instance' })
@Index('ux_workflow_instance_dossier_code', ['dossierCode'], { unique: true })
export class WorkflowInstance {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_workflow_instance' }) id!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'competent_agency_code', type: 'text' }) competentAgencyCode!: string;
  /** Null for instances started before it was recorded: the competent agency stands in. */
  @Column({ name: 'receiving_agency_code', type: 'text', nullable: true }) receivingAgencyCode!: string | null;
  /** The definition version it started with; null → the built-in one-step workflow. */
  @Column({ name: 'definition_id', type: 'uuid', nullable: true }) definitionId!: string | null;
  @Column({ name: 'definition_version', type: 'integer', nullable: true }) definitionVersion!: number | null;
  @Column({ name: 'status', type: 'text' }) status!: InstanceStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  /** The dossier's appointment: the due instant of the whole processing (moved by supplement pauses). */
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  /** Set while waiting for the citizen's supplement (the clock is paused). */
  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true }) pausedAt!: Date | null;
  @Column({ name: 'paused_working_minutes', type: 'integer', default: 0 }) pausedWorkingMinutes!: number;
  @Column({ name: 'supplement_count', type: 'integer', default: 0 }) supplementCount!: number;
  /** A second supplement request makes the dossier count as late whatever its finishing time. */
  @Column({ name: 'counts_as_late', type: 'boolean', default: false }) countsAsLate!: boolean;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'timeliness', type: 'text', nullable: true }) timeliness!: Timeliness | null;
  @Column({ name: 'result_summary', type: 'text', nullable: true }) resultSummary!: string | null;
  @Column({ name: 'refusal_reason', type: 'text', nullable: true }) refusalReason!: string | null;
  /** Why processing was stopped (dừng xử lý). */
  @Column({ name: 'stop_reason', type: 'text', nullable: true }) stopReason!: string | null;
  /** The applicant's name from `dossier.received` (for the letters to the citizen); null for older instances. */
  @Column({ name: 'applicant_name', type: 'text', nullable: true }) applicantName!: string | null;
  /** Extensions granted (each with an apology letter and a new appointment). */
  @Column({ name: 'extension_count', type: 'integer', default: 0 }) extensionCount!: number;
  /** What `dossier.received` told about the dossier, read by step conditions; null for older instances. */
  @Column({ name: 'facts', type: 'jsonb', nullable: true }) facts!: DossierFacts | null;
  /** While paused: the citizen's deadline for the supplement; past it processing stops (expired). */
  @Column({ name: 'supplement_due_at', type: 'timestamptz', nullable: true }) supplementDueAt!: Date | null;
  /** Why processing stopped, as a code: `SUPPLEMENT_EXPIRED` when stopped by the supplement deadline; null when stopped by a person. */
  @Column({ name: 'stop_reason_code', type: 'text', nullable: true }) stopReasonCode!: string | null;
}
