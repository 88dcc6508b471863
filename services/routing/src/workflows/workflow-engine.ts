import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from '@motcua/contracts';
import { Outbox } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { WorkingCalendarService } from '@motcua/platform';
import { Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { TimerPlanner } from '../timers/timer-planner';
import { fallbackDefinition, StepDefinition, WorkflowSteps } from './workflow-definition';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';
import { WorkflowInstance } from './workflow-instance.entity';

export interface LockedTask {
  instance: WorkflowInstance;
  task: Task;
  def: WorkflowSteps;
}

/** What every action shares: the instance's definition, agencies by rule, opening steps on the legal clock, locking. */
@Injectable()
export class WorkflowEngine {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly timers: TimerPlanner,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly calendar: WorkingCalendarService,
  ) {}

  /** The definition version the instance started with (the built-in one-step workflow when none). */
  async definitionOf(m: EntityManager, instance: WorkflowInstance): Promise<WorkflowSteps> {
    if (!instance.definitionId) return fallbackDefinition(instance.procedureName);
    const def = await this.definitions.findById(m, instance.definitionId);
    if (!def) throw new Error(`Workflow definition ${instance.definitionId} of ${instance.dossierCode} is missing`);
    return { steps: def.steps };
  }

  agencyOf(step: StepDefinition, instance: WorkflowInstance): string {
    if ('code' in step.agency) return step.agency.code;
    if (step.agency.rule === 'receivingAgency') return instance.receivingAgencyCode ?? instance.competentAgencyCode;
    return instance.competentAgencyCode;
  }

  /** Due instant of a step opened at `at`: its budget on the legal clock, else the dossier's appointment. */
  dueOf(step: StepDefinition, at: Date, instance: WorkflowInstance): Date {
    const days = step.budget?.workingDays ?? 0;
    const hours = step.budget?.workingHours ?? 0;
    if (!days && !hours) return instance.dueAt;
    const afterDays = days ? this.calendar.clock().addWorkingDays(at, days) : at;
    return hours ? this.calendar.clock().addWorkingMinutes(afterDays, hours * 60) : afterDays;
  }

  /** Opens a step as a new task (a new attempt when it ran before) and announces it. */
  async openStep(m: EntityManager, instance: WorkflowInstance, step: StepDefinition, at: Date): Promise<Task> {
    const attempt = (await this.tasks.lastAttempt(m, instance.id, step.key)) + 1;
    const task = await this.tasks.insertTask(m, {
      instanceId: instance.id,
      dossierCode: instance.dossierCode,
      stepKey: step.key,
      attempt,
      current: true,
      name: step.name,
      agencyCode: this.agencyOf(step, instance),
      role: step.role,
      status: 'OPEN',
      startedAt: at,
      dueAt: this.dueOf(step, at, instance),
      completedAt: null,
      completedBy: null,
      completedByName: null,
      outcome: null,
      note: null,
      assigneeId: null,
      assigneeName: null,
      assignedAt: null,
      assignedBy: null,
      escalatedAt: null,
    });
    await this.timers.arm(m, task, at);
    const event: ProcessingStepStartedV1 = {
      dossierCode: instance.dossierCode,
      stepId: task.id,
      stepName: task.name,
      agencyCode: task.agencyCode,
      startedAt: at.toISOString(),
      dueAt: task.dueAt.toISOString(),
    };
    await this.outbox.add(PROCESSING_STEP_STARTED, 1, event, { correlationId: instance.dossierCode });
    return task;
  }

  /**
   * Locks the dossier's instance, then the task (the same order everywhere, so actions on parallel
   * branches serialise without deadlocks). A task at another agency is not found (administrators excepted).
   */
  async lockTask(m: EntityManager, taskId: string, actor: AuthUser): Promise<{ instance: WorkflowInstance; task: Task }> {
    const notFound = () => new DomainError('ROUTING.TASK_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy công việc');
    const peek = await this.tasks.findTask(m, taskId);
    const admin = actor.roles.includes('ADMIN');
    if (!peek || (peek.agencyCode !== actor.agencyCode && !admin)) throw notFound();
    const instance = await this.tasks.lockInstance(m, peek.instanceId);
    const task = await this.tasks.findTaskForUpdate(m, taskId);
    if (!instance || !task) throw notFound();
    return { instance, task };
  }

  /** Locks as `lockTask` and checks that the actor may act on the task now (role, open, not someone else's). */
  async lockForAction(m: EntityManager, taskId: string, actor: AuthUser): Promise<LockedTask> {
    const { instance, task } = await this.lockTask(m, taskId, actor);
    const admin = actor.roles.includes('ADMIN');
    if (!actor.roles.includes(task.role) && !admin) {
      throw new DomainError('ROUTING.ROLE_NOT_ALLOWED', 'FORBIDDEN', 'Bước này do vai trò khác xử lý', [
        { field: 'role', rule: 'taskRole', message: `Bước "${task.name}" cần vai trò ${task.role}` },
      ]);
    }
    if (task.status === 'PAUSED') {
      throw new DomainError('ROUTING.DOSSIER_PAUSED', 'CONFLICT', 'Hồ sơ đang chờ công dân bổ sung, chưa thể xử lý tiếp');
    }
    if (task.status !== 'OPEN') {
      throw new DomainError('ROUTING.TASK_NOT_OPEN', 'CONFLICT', 'Công việc đã được xử lý bởi người khác');
    }
    if (task.assigneeId && task.assigneeId !== actor.sub && !admin) throw assignedToOther(task);
    return { instance, task, def: await this.definitionOf(m, instance) };
  }
}

export function assignedToOther(task: Task): DomainError {
  return new DomainError('ROUTING.TASK_ASSIGNED_TO_OTHER', 'CONFLICT', `Công việc đã được giao cho ${task.assigneeName ?? 'người khác'}`);
}
