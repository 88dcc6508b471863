import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * DUE_SOON: reminder before the due instant; OVERDUE: at it; ESCALATION: some time after it, to the supervisors;
 * SUPPLEMENT_EXPIRY: the citizen's supplement deadline (`due_at`), armed on the step that asked for it.
 */
export const TIMER_KINDS = ['DUE_SOON', 'OVERDUE', 'ESCALATION', 'SUPPLEMENT_EXPIRY'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
/** FIRED: the event was written; SKIPPED: stale when due (the step closed, paused or moved), re-armed if scheduled again. */
export type TimerOutcome = 'FIRED' | 'SKIPPED';

/**
 * A durable timer: fires once at `fireAt` (the worker claims due rows with FOR UPDATE SKIP LOCKED and
 * sets `firedAt` in the same transaction as the event it writes to the outbox). A timer whose task
 * is no longer open, or whose due instant moved (supplement pause), is consumed without an event.
 */
@Entity({ name: 'step_timer' })
@Index('ix_step_timer_pending', ['fireAt'], { where: '"fired_at" IS NULL' })
@Index('ux_step_timer_task_kind_fire_at', ['taskId', 'kind', 'fireAt'], { unique: true })
export class StepTimer {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_step_timer' }) id!: string;
  @Column({ name: 'task_id', type: 'uuid' }) taskId!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  @Column({ name: 'kind', type: 'text' }) kind!: TimerKind;
  @Column({ name: 'fire_at', type: 'timestamptz' }) fireAt!: Date;
  /** The step's due instant the timer was armed for (null on rows from before reminders: `fireAt` is then the due instant). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt!: Date | null;
  @Column({ name: 'outcome', type: 'text', nullable: true }) outcome!: TimerOutcome | null;
}
