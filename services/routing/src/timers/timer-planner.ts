import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/platform';
import { RoutingConfig } from '../config/routing.config';
import { Task } from '../tasks/task.entity';
import { StepTimerRepository } from './step-timer.repository';

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
    const base = { taskId: task.id, dossierCode: task.dossierCode, dueAt: task.dueAt };
    const due = task.dueAt.getTime();
    const remindAt = due - this.config.reminderLeadSeconds * 1000;
    if (this.config.reminderLeadSeconds > 0 && remindAt > now.getTime()) {
      await this.timers.schedule(m, { ...base, kind: 'DUE_SOON', fireAt: new Date(remindAt) });
    }
    await this.timers.schedule(m, { ...base, kind: 'OVERDUE', fireAt: task.dueAt });
    await this.timers.schedule(m, { ...base, kind: 'ESCALATION', fireAt: new Date(due + this.config.escalationAfterSeconds * 1000) });
  }
}
