import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { HandOverKind } from '../control-slip/control-slip-entry.entity';
import { TimerPlanner } from '../timers/timer-planner';
import { timelinessOf } from '../workflows/timeliness';
import { LockedTask, LockOptions, WorkflowEngine } from '../workflows/workflow-engine';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

/** What every action on a task is given: the task, who acts, when, and why. */
export interface TaskActionCommand {
  taskId: string;
  reason: string;
  actor: AuthUser;
  at: Date;
}

/** How an action that ends processing (refusal, stop) closes the dossier. */
export interface ProcessingEnd {
  /** The status of the acting step, of the dossier's instance and the kind of the control-slip line. */
  status: 'REFUSED' | 'STOPPED';
  /** Where the instance keeps the reason. */
  reasonField: 'refusalReason' | 'stopReason';
  /** The note on the other open steps, which are cancelled. */
  cancelNote: string;
  /** What the one-stop counter hands back to the citizen (control slip). */
  toStepName: string;
}

/** The steps that the actions on a task (refuse, stop, supplement, extension) share. */
@Injectable()
export class TaskActions {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly timers: TimerPlanner,
  ) {}

  /** Runs `action` in one transaction, once the dossier then the task are locked and the actor may act on the task now. */
  inTransaction<T>(
    cmd: TaskActionCommand,
    action: (m: EntityManager, locked: LockedTask) => Promise<T>,
    options: LockOptions = {},
  ): Promise<T> {
    return runInTransaction(this.db, async (m) => action(m, await this.engine.lockForAction(m, cmd.taskId, cmd.actor, options)));
  }

  /** The dossier's steps of the current round that are open. */
  async openSteps(m: EntityManager, instance: WorkflowInstance): Promise<Task[]> {
    return (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'OPEN');
  }

  /** The dossier's steps of the current round that are open or paused for the citizen's supplement. */
  async unfinishedSteps(m: EntityManager, instance: WorkflowInstance): Promise<Task[]> {
    return (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'OPEN' || t.status === 'PAUSED');
  }

  /**
   * Ends processing: the acting step closes with the reason, every other open step is cancelled, the
   * instance is resolved with the reason, and the dossier goes back to the one-stop counter. Works as well on a
   * dossier paused for a supplement: the paused steps close and the supplement deadline timer is consumed.
   * Returns the acting step.
   */
  async endProcessing(m: EntityManager, { instance, task }: LockedTask, cmd: TaskActionCommand, end: ProcessingEnd): Promise<Task> {
    const outcome = timelinessOf(cmd.at, task.dueAt);
    const open = await this.unfinishedSteps(m, instance);
    if (instance.status === 'PAUSED') {
      await this.timers.cancelSupplementExpiry(m, open, cmd.at);
      instance.supplementDueAt = null;
    }
    for (const t of open) {
      t.completedAt = cmd.at;
      if (t.id === task.id) {
        t.status = end.status;
        t.completedBy = cmd.actor.sub;
        t.completedByName = cmd.actor.name;
        t.outcome = outcome;
        t.note = cmd.reason;
      } else {
        t.status = 'CANCELLED';
        t.note = end.cancelNote;
      }
    }
    await this.tasks.saveTasks(m, open);
    instance.status = end.status;
    instance.resolvedAt = cmd.at;
    instance[end.reasonField] = cmd.reason;
    await this.tasks.saveInstance(m, instance);
    await this.takeHandOvers(m, { instance, task }, cmd.actor);
    await this.handBackToCounter(m, { instance, task }, cmd, end.status, end.toStepName);
    return open.find((t) => t.id === task.id) ?? task;
  }

  /** The actor becomes the receiver of the hand-overs to the task's step that nobody took yet. */
  async takeHandOvers(m: EntityManager, { instance, task }: Pick<LockedTask, 'instance' | 'task'>, actor: AuthUser): Promise<void> {
    await this.slip.markReceived(m, instance.id, task.stepKey, actor.sub, actor.name);
  }

  /** Records on the control slip that the actor hands the dossier from the task's step to the one-stop counter. */
  async handBackToCounter(
    m: EntityManager,
    { instance, task }: Pick<LockedTask, 'instance' | 'task'>,
    cmd: TaskActionCommand,
    kind: HandOverKind,
    toStepName: string,
  ): Promise<void> {
    await this.slip.record(m, [
      {
        instanceId: instance.id,
        dossierCode: instance.dossierCode,
        kind,
        handedOverAt: cmd.at,
        giverId: cmd.actor.sub,
        giverName: cmd.actor.name,
        giverAgencyCode: task.agencyCode,
        fromStepKey: task.stepKey,
        fromStepName: task.name,
        outcome: timelinessOf(cmd.at, task.dueAt),
        // the one-stop counter hands the dossier back to the citizen
        receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
        receiverRole: null,
        toStepKey: null,
        toStepName,
        note: cmd.reason,
      },
    ]);
  }

  /** Publishes the action's event (in the action's transaction), correlated to the dossier. */
  async publish<E extends object>(type: string, event: E, instance: WorkflowInstance): Promise<void> {
    await this.outbox.add(type, 1, event, { correlationId: instance.dossierCode });
  }
}
