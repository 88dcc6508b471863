import { Inject, Injectable } from '@nestjs/common';
import { PROCESSING_SUPPLEMENT_REQUESTED, ProcessingSupplementRequestedV1 } from '@motcua/contracts';
import { DomainError, SERVICE_CONFIG, WorkingCalendarService } from '@motcua/platform';
import { RoutingConfig } from '../config/routing.config';
import { TimerPlanner } from '../timers/timer-planner';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';
import { TaskActionCommand, TaskActions } from './task-action';

export interface RequestSupplementCommand extends TaskActionCommand {
  items?: string[];
  /** The citizen's deadline; absent → `supplementDeadlineWorkingDays` working days from now on the legal clock. */
  deadlineAt?: Date;
}

/**
 * Sends the dossier back to the citizen for a supplement (national status 5). The legal clock of the
 * dossier and of every open step pauses until `dossier.supplement-received`. One supplement per
 * dossier is the rule; a second one (a reason is always given) makes the dossier count as late.
 * The request carries the citizen's deadline: a durable timer stops processing (expired) past it.
 */
@Injectable()
export class RequestSupplementUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly actions: TaskActions,
    private readonly timers: TimerPlanner,
    private readonly calendar: WorkingCalendarService,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async execute(cmd: RequestSupplementCommand): Promise<Task> {
    const deadline = cmd.deadlineAt ?? this.calendar.clock().addWorkingDays(cmd.at, this.config.supplementDeadlineWorkingDays);
    if (deadline.getTime() <= cmd.at.getTime()) {
      throw new DomainError('ROUTING.SUPPLEMENT_DEADLINE_PAST', 'UNPROCESSABLE', 'Hạn bổ sung hồ sơ phải sau thời điểm yêu cầu', [
        { field: 'deadlineAt', rule: 'afterNow', message: 'Hạn bổ sung hồ sơ phải là một thời điểm trong tương lai' },
      ]);
    }
    return this.actions.inTransaction(cmd, async (m, locked) => {
      const { instance, task } = locked;
      instance.status = 'PAUSED';
      instance.pausedAt = cmd.at;
      instance.supplementDueAt = deadline;
      instance.supplementCount += 1;
      if (instance.supplementCount > 1) instance.countsAsLate = true;
      await this.tasks.saveInstance(m, instance);
      const open = await this.actions.openSteps(m, instance);
      for (const t of open) t.status = 'PAUSED';
      await this.tasks.saveTasks(m, open);
      await this.timers.armSupplementExpiry(m, task, deadline);
      await this.actions.takeHandOvers(m, locked, cmd.actor);
      await this.actions.handBackToCounter(m, locked, cmd, 'SUPPLEMENT_REQUESTED', 'Công dân bổ sung hồ sơ');
      const event: ProcessingSupplementRequestedV1 = {
        dossierCode: instance.dossierCode,
        stepId: task.id,
        agencyCode: task.agencyCode,
        requestedBy: cmd.actor.sub,
        requestedAt: cmd.at.toISOString(),
        reason: cmd.reason,
        ...(cmd.items?.length ? { items: cmd.items } : {}),
        supplementNumber: instance.supplementCount,
        deadlineAt: deadline.toISOString(),
      };
      await this.actions.publish(PROCESSING_SUPPLEMENT_REQUESTED, event, instance);
      return open.find((t) => t.id === task.id) ?? task;
    });
  }
}
