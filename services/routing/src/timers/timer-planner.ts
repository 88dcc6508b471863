import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/platform';
import { RoutingConfig } from '../config/routing.config';
import { Task } from '../tasks/task.entity';
import { NewTimer, StepTimerRepository } from './step-timer.repository';

/**
 * Arms the durable timers of an open step for its current due instant: a reminder `reminderLeadSeconds`
 * before it (only when that is still ahead), the overdue timer at it, and the escalation to the
 * supervisors `escalationAfterSeconds` after it. Timers armed for an earlier due instant become stale
 * and are skipped when they come due.
 */
@Injectable()
export class TimerPlanner {
  constructor(
    private readonly timers: StepTimerRepository,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async arm(m: EntityManager, task: Task, now: Date): Promise<void> {
    await this.armAll(m, [task], now);
  }

  /** `arm` for several steps at once (one INSERT of every row, one wake-up of the worker). */
  async armAll(m: EntityManager, tasks: Task[], now: Date): Promise<void> {
    const rows: NewTimer[] = [];
    for (const task of tasks) {
      const base = { taskId: task.id, dossierCode: task.dossierCode, dueAt: task.dueAt };
      const due = task.dueAt.getTime();
      const remindAt = due - this.config.reminderLeadSeconds * 1000;
      if (this.config.reminderLeadSeconds > 0 && remindAt > now.getTime()) {
        rows.push({ ...base, kind: 'DUE_SOON', fireAt: new Date(remindAt) });
      }
      rows.push({ ...base, kind: 'OVERDUE', fireAt: task.dueAt });
      rows.push({ ...base, kind: 'ESCALATION', fireAt: new Date(due + this.config.escalationAfterSeconds * 1000) });
    }
    await this.timers.scheduleMany(m, rows);
  }

  /** Arms the citizen's supplement deadline on the step that asked for it: past it, processing stops (expired). */
  async armSupplementExpiry(m: EntityManager, task: Task, deadline: Date): Promise<void> {
    await this.timers.schedule(m, {
      taskId: task.id,
      dossierCode: task.dossierCode,
      kind: 'SUPPLEMENT_EXPIRY',
      fireAt: deadline,
      dueAt: deadline,
    });
  }

  /** The supplement is no longer awaited (received, or processing ended): its deadline timer is consumed. */
  async cancelSupplementExpiry(m: EntityManager, tasks: Task[], at: Date): Promise<void> {
    await this.timers.cancelSupplementExpiry(
      m,
      tasks.map((t) => t.id),
      at,
    );
  }
}
