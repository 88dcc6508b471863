import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from '@motcua/contracts';
import { Outbox, OutboxEvent } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { WorkingCalendarService } from '@motcua/platform';
import { NewHandOver } from '../control-slip/control-slip.repository';
import { Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { TimerPlanner } from '../timers/timer-planner';
import { evaluate } from './step-condition';
import { fallbackDefinition, StepDefinition, successors, WorkflowSteps } from './workflow-definition';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';
import { WorkflowInstance } from './workflow-instance.entity';

/** The giving side of the hand-overs written when steps are reached (the receiving side is each step). */
export type HandOverFrom = Omit<NewHandOver, 'kind' | 'receiverAgencyCode' | 'receiverRole' | 'toStepKey' | 'toStepName'>;

/** What `lockForAction` lets through besides an open task. */
export interface LockOptions {
  /** A task paused for the citizen's supplement (stop and refuse end processing while paused). */
  allowPaused?: boolean;
}

const DEFINITION_CACHE_SIZE = 1000;

export const SKIPPED_NOTE = 'Bỏ qua: điều kiện của bước không áp dụng cho hồ sơ này';

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

  /** Definition rows are never changed (a new version is a new row): read each once per process. */
  private readonly definitionCache = new Map<string, WorkflowSteps>();

  /** The definition version the instance started with (the built-in one-step workflow when none). */
  async definitionOf(m: EntityManager, instance: WorkflowInstance): Promise<WorkflowSteps> {
    if (!instance.definitionId) return fallbackDefinition(instance.procedureName);
    const cached = this.definitionCache.get(instance.definitionId);
    if (cached) return cached;
    const def = await this.definitions.findById(m, instance.definitionId);
    if (!def) throw new Error(`Workflow definition ${instance.definitionId} of ${instance.dossierCode} is missing`);
    if (this.definitionCache.size >= DEFINITION_CACHE_SIZE) this.definitionCache.clear();
    this.definitionCache.set(instance.definitionId, { steps: def.steps });
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
    const task = await this.insertOpenTask(m, instance, step, at);
    await this.announce(m, instance, [task], at);
    return task;
  }

  /** The task of an opened step (no timers, no event yet: see `announce`). */
  private insertOpenTask(m: EntityManager, instance: WorkflowInstance, step: StepDefinition, at: Date): Promise<Task> {
    return this.tasks.insertNextAttempt(m, {
      instanceId: instance.id,
      dossierCode: instance.dossierCode,
      stepKey: step.key,
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
  }

  /** Arms the durable timers of the opened steps and announces each (`processing.step-started`), in one batch each. */
  private async announce(m: EntityManager, instance: WorkflowInstance, opened: Task[], at: Date): Promise<void> {
    await this.timers.armAll(m, opened, at);
    await this.outbox.addMany(this.startedEvents(instance, opened, at));
  }

  /** `processing.step-started` of each opened step, for the outbox. */
  private startedEvents(instance: WorkflowInstance, opened: Task[], at: Date): OutboxEvent<ProcessingStepStartedV1>[] {
    return opened.map((task) => ({
      type: PROCESSING_STEP_STARTED,
      version: 1,
      data: {
        dossierCode: instance.dossierCode,
        stepId: task.id,
        stepName: task.name,
        agencyCode: task.agencyCode,
        startedAt: at.toISOString(),
        dueAt: task.dueAt.toISOString(),
      },
      opts: { correlationId: instance.dossierCode },
    }));
  }

  /** Whether the step runs for this dossier (no condition, or its condition holds for the dossier's facts). */
  runs(step: StepDefinition, instance: WorkflowInstance): boolean {
    return !step.condition || evaluate(step.condition, instance.facts ?? {});
  }

  /**
   * Hands the dossier to `candidates` (the first steps, or the steps after a completed one). Each one whose
   * preceding steps are all done or skipped opens, or, when its condition does not hold, is recorded as
   * skipped and the steps after it are reached in turn (so a join waits only for the branches that run).
   * A hand-over line of `kind` is written for each step that runs (also into a join that still waits) and a
   * `SKIPPED` line for each skipped step. The opened steps' timers are armed. Answers the opened tasks, the lines
   * and the opened steps' `processing.step-started` events: the caller records the lines and adds the events to
   * the outbox (with its own, in one batch).
   */
  async advance(
    m: EntityManager,
    instance: WorkflowInstance,
    def: WorkflowSteps,
    candidates: StepDefinition[],
    at: Date,
    from: HandOverFrom,
    kind: 'RECEIVED' | 'FORWARDED',
  ): Promise<{ opened: Task[]; handOvers: NewHandOver[]; started: OutboxEvent<ProcessingStepStartedV1>[] }> {
    if (!candidates.length) return { opened: [], handOvers: [], started: [] };
    const current = await this.tasks.currentTasks(m, instance.id);
    const passed = new Set(current.filter((t) => t.status === 'DONE' || t.status === 'SKIPPED').map((t) => t.stepKey));
    const present = new Set(current.map((t) => t.stepKey));
    const opened: Task[] = [];
    const handOvers: NewHandOver[] = [];
    const queue = [...candidates];
    while (queue.length) {
      const step = queue.shift()!;
      const runs = this.runs(step, instance);
      const line = {
        ...from,
        receiverAgencyCode: this.agencyOf(step, instance),
        receiverRole: step.role,
        toStepKey: step.key,
        toStepName: step.name,
      };
      const ready = (step.after ?? []).every((k) => passed.has(k));
      if (!ready || present.has(step.key)) {
        // a join still waiting for a branch: the hand-over to it happens now
        if (!ready && runs) handOvers.push({ ...line, kind });
        continue;
      }
      present.add(step.key);
      if (runs) {
        opened.push(await this.insertOpenTask(m, instance, step, at));
        handOvers.push({ ...line, kind });
      } else {
        await this.skipStep(m, instance, step, at);
        passed.add(step.key);
        handOvers.push({ ...line, kind: 'SKIPPED', note: SKIPPED_NOTE });
        queue.push(...successors(def, step.key));
      }
    }
    await this.timers.armAll(m, opened, at);
    return { opened, handOvers, started: this.startedEvents(instance, opened, at) };
  }

  /** Records a step whose condition does not hold as skipped (a closed task: no inbox, no timers). */
  private async skipStep(m: EntityManager, instance: WorkflowInstance, step: StepDefinition, at: Date): Promise<Task> {
    return this.tasks.insertNextAttempt(m, {
      instanceId: instance.id,
      dossierCode: instance.dossierCode,
      stepKey: step.key,
      current: true,
      name: step.name,
      agencyCode: this.agencyOf(step, instance),
      role: step.role,
      status: 'SKIPPED',
      startedAt: at,
      dueAt: at,
      completedAt: at,
      completedBy: null,
      completedByName: null,
      outcome: null,
      note: SKIPPED_NOTE,
      assigneeId: null,
      assigneeName: null,
      assignedAt: null,
      assignedBy: null,
      escalatedAt: null,
    });
  }

  /**
   * Locks the dossier's instance, then the task (the same order everywhere, so actions on parallel
   * branches serialise without deadlocks). A task at another agency is not found (administrators excepted).
   */
  async lockTask(m: EntityManager, taskId: string, actor: AuthUser): Promise<{ instance: WorkflowInstance; task: Task }> {
    const notFound = () => new DomainError('ROUTING.TASK_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy công việc');
    const admin = actor.roles.includes('ADMIN');
    // the instance of a task at the actor's agency (any agency for administrators): a task elsewhere locks nothing
    const instance = await this.tasks.lockInstanceOfTask(m, taskId, admin ? null : actor.agencyCode);
    if (!instance) throw notFound();
    const task = await this.tasks.findTaskForUpdate(m, taskId);
    if (!task) throw notFound();
    return { instance, task };
  }

  /** Locks as `lockTask` and checks that the actor may act on the task now (role, open, not someone else's). */
  async lockForAction(m: EntityManager, taskId: string, actor: AuthUser, options: LockOptions = {}): Promise<LockedTask> {
    const { instance, task } = await this.lockTask(m, taskId, actor);
    const admin = actor.roles.includes('ADMIN');
    if (!actor.roles.includes(task.role) && !admin) {
      throw new DomainError('ROUTING.ROLE_NOT_ALLOWED', 'FORBIDDEN', 'Bước này do vai trò khác xử lý', [
        { field: 'role', rule: 'taskRole', message: `Bước "${task.name}" cần vai trò ${task.role}` },
      ]);
    }
    if (task.status === 'PAUSED' && !(options.allowPaused && instance.status === 'PAUSED')) {
      throw new DomainError('ROUTING.DOSSIER_PAUSED', 'CONFLICT', 'Hồ sơ đang chờ công dân bổ sung, chưa thể xử lý tiếp');
    }
    if (task.status !== 'OPEN' && task.status !== 'PAUSED') {
      throw new DomainError('ROUTING.TASK_NOT_OPEN', 'CONFLICT', 'Công việc đã được xử lý bởi người khác');
    }
    if (task.assigneeId && task.assigneeId !== actor.sub && !admin) throw assignedToOther(task);
    return { instance, task, def: await this.definitionOf(m, instance) };
  }
}

export function assignedToOther(task: Task): DomainError {
  return new DomainError('ROUTING.TASK_ASSIGNED_TO_OTHER', 'CONFLICT', `Công việc đã được giao cho ${task.assigneeName ?? 'người khác'}`);
}
