import { Injectable } from '@nestjs/common';
import { PROCESSING_SUPPLEMENT_REQUESTED, ProcessingSupplementRequestedV1 } from '@motcua/contracts';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';
import { TaskActionCommand, TaskActions } from './task-action';

export interface RequestSupplementCommand extends TaskActionCommand {
  items?: string[];
}

/**
 * Sends the dossier back to the citizen for a supplement (national status 5). The legal clock of the
 * dossier and of every open step pauses until `dossier.supplement-received`. One supplement per
 * dossier is the rule; a second one (a reason is always given) makes the dossier count as late.
 */
@Injectable()
export class RequestSupplementUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly actions: TaskActions,
  ) {}

  async execute(cmd: RequestSupplementCommand): Promise<Task> {
    return this.actions.inTransaction(cmd, async (m, locked) => {
      const { instance, task } = locked;
      instance.status = 'PAUSED';
      instance.pausedAt = cmd.at;
      instance.supplementCount += 1;
      if (instance.supplementCount > 1) instance.countsAsLate = true;
      await this.tasks.saveInstance(m, instance);
      const open = await this.actions.openSteps(m, instance);
      for (const t of open) t.status = 'PAUSED';
      await this.tasks.saveTasks(m, open);
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
      };
      await this.actions.publish(PROCESSING_SUPPLEMENT_REQUESTED, event, instance);
      return open.find((t) => t.id === task.id) ?? task;
    });
  }
}
