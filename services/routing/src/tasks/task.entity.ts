import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Role } from '@motcua/auth';
import type { Timeliness } from '@motcua/contracts';

export type TaskStatus = 'OPEN' | 'DONE';

/** A step of a workflow waiting in an agency's inbox for a role. */
@Entity({ name: 'task' })
@Index('ix_task_agency_status', ['agencyCode', 'status', 'dueAt'])
@Index('ux_task_instance_step', ['instanceId', 'stepKey'], { unique: true })
export class Task {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_task' }) id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'step_key', type: 'text' }) stepKey!: string;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  @Column({ name: 'role', type: 'text' }) role!: Role;
  @Column({ name: 'status', type: 'text' }) status!: TaskStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'completed_by', type: 'text', nullable: true }) completedBy!: string | null;
  @Column({ name: 'outcome', type: 'text', nullable: true }) outcome!: Timeliness | null;
  @VersionColumn({ name: 'version', type: 'integer' }) version!: number;
}
