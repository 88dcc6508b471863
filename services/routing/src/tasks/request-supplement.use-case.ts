import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_SUPPLEMENT_REQUESTED, ProcessingSupplementRequestedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { timelinessOf } from '../workflows/timeliness';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface RequestSupplementCommand {
  taskId: string;
  reason: string;
  items?: string[];
  actor: AuthUser;
  at: Date;
}

/**
 * Sends the dossier back to the citizen for a supplement (national status 5). The legal clock of the
 * dossier and of every open step pauses until `dossier.supplement-received`. One supplement per
 * dossier is the rule; a second one (a reason is always given) makes the dossier count as late.
 */
@Injectable()
export class RequestSupplementUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: RequestSupplementCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task } = await this.engine.lockForAction(m, cmd.taskId, cmd.actor);
      instance.status = 'PAUSED';
      instance.pausedAt = cmd.at;
      instance.supplementCount += 1;
      if (instance.supplementCount > 1) instance.countsAsLate = true;
      await this.tasks.saveInstance(m, instance);
      const open = (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'OPEN');
      for (const t of open) t.status = 'PAUSED';
      await this.tasks.saveTasks(m, open);
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);
      await this.slip.record(m, [
        {
          instanceId: instance.id,
          dossierCode: instance.dossierCode,
          kind: 'SUPPLEMENT_REQUESTED',
          handedOverAt: cmd.at,
          giverId: cmd.actor.sub,
          giverName: cmd.actor.name,
          giverAgencyCode: task.agencyCode,
          fromStepKey: task.stepKey,
          fromStepName: task.name,
          outcome: timelinessOf(cmd.at, task.dueAt),
          // the one-stop counter hands the request to the citizen
          receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
          receiverRole: null,
          toStepKey: null,
          toStepName: 'Công dân bổ sung hồ sơ',
          note: cmd.reason,
        },
      ]);
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
      await this.outbox.add(PROCESSING_SUPPLEMENT_REQUESTED, 1, event, { correlationId: instance.dossierCode });
      return open.find((t) => t.id === task.id) ?? task;
    });
  }
}
