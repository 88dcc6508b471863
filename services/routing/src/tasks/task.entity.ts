import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Role } from '@motcua/auth';
import type { Timeliness } from '@motcua/contracts';

/**
 * OPEN: in the inbox; PAUSED: waiting for the citizen's supplement; DONE: completed and handed over;
 * RETURNED: sent back to an earlier step; CANCELLED: closed by a return, refusal or stop elsewhere; REFUSED;
 * STOPPED: processing stopped (dừng xử lý) on this step; SKIPPED: the step's condition did not hold for the dossier.
 */
export const TASK_STATUSES = ['OPEN', 'PAUSED', 'DONE', 'RETURNED', 'CANCELLED', 'REFUSED', 'STOPPED', 'SKIPPED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A step of a workflow waiting in an agency's inbox for a role. A step opened again (after a return) is a new attempt. */
@Entity({ name: 'task' })
@Index('ix_task_agency_status', ['agencyCode', 'status', 'dueAt'])
@Index('ux_task_instance_step_attempt', ['instanceId', 'stepKey', 'attempt'], { unique: true })
// at most one current task per step: a step can never be opened twice (e.g. by two branches joining at once)
@Index('ux_task_current_step', ['instanceId', 'stepKey'], { unique: true, where: '"current"' })
export class Task {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_task' }) id!: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'step_key', type: 'text' }) stepKey!: string;
  @Column({ name: 'attempt', type: 'integer', default: 1 }) attempt!: number;
  /** False once a return re-opened this step or an earlier one (the task is history). */
  @Column({ name: 'current', type: 'boolean', default: true }) current!: boolean;
  @Column({ name: 'name', type: 'text' }) name!: string;
  @Column({ name: 'agency_code', type: 'text' }) agencyCode!: string;
  @Column({ name: 'role', type: 'text' }) role!: Role;
  @Column({ name: 'status', type: 'text' }) status!: TaskStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'completed_by', type: 'text', nullable: true }) completedBy!: string | null;
  @Column({ name: 'completed_by_name', type: 'text', nullable: true }) completedByName!: string | null;
  @Column({ name: 'outcome', type: 'text', nullable: true }) outcome!: Timeliness | null;
  /** The result, opinion or reason given when the task was closed. */
  @Column({ name: 'note', type: 'text', nullable: true }) note!: string | null;
  /** The person who claimed the task or was assigned it by a supervisor (null: anyone of the role may take it). */
  @Column({ name: 'assignee_id', type: 'text', nullable: true }) assigneeId!: string | null;
  @Column({ name: 'assignee_name', type: 'text', nullable: true }) assigneeName!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true }) assignedAt!: Date | null;
  /** Who assigned it (the assignee themself for a claim). */
  @Column({ name: 'assigned_by', type: 'text', nullable: true }) assignedBy!: string | null;
  /** Set when the step, still open after its due instant, was escalated to the agency's supervisors. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt!: Date | null;
  @VersionColumn({ name: 'version', type: 'integer' }) version!: number;
}
