import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StepDefinition } from './workflow-definition';

/**
 * One version of a procedure's workflow. Rows are never changed: a new version is a new row, and a
 * workflow instance keeps the version it started with.
 */
@Entity({ name: 'workflow_definition' })
@Index('ux_workflow_definition_procedure_version', ['procedureCode', 'version'], { unique: true })
export class WorkflowDefinition {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_workflow_definition' }) id!: string;
  @Column({ name: 'procedure_code', type: 'text' }) procedureCode!: string;
  @Column({ name: 'version', type: 'integer' }) version!: number;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'steps', type: 'jsonb' }) steps!: StepDefinition[];
  /** Staff account that created the version, or `seed`. */
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
