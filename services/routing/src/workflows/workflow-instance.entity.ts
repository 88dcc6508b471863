import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Timeliness } from '@motcua/contracts';

/** The processing of one dossier (liên thông: possibly across several agencies). */
@Entity({ name: 'workflow_instance' })
@Index('ux_workflow_instance_dossier_code', ['dossierCode'], { unique: true })
export class WorkflowInstance {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_workflow_instance' }) id!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'procedure_name', type: 'text' }) procedureName!: string;
  @Column({ name: 'competent_agency_code', type: 'text' }) competentAgencyCode!: string;
  @Column({ name: 'status', type: 'text' }) status!: 'ACTIVE' | 'RESOLVED';
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  /** The dossier's appointment: the due instant of the whole processing. */
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'timeliness', type: 'text', nullable: true }) timeliness!: Timeliness | null;
  @Column({ name: 'result_summary', type: 'text', nullable: true }) resultSummary!: string | null;
}
