import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_STOPPED, ProcessingStoppedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { timelinessOf } from '../workflows/timeliness';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface StopProcessingCommand {
  taskId: string;
  reason: string;
  actor: AuthUser;
  at: Date;
}

/** Stops processing the dossier (dừng xử lý, national status 8), with the reason: processing ends, other open steps close. */
@Injectable()
export class StopProcessingUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: StopProcessingCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task } = await this.engine.lockForAction(m, cmd.taskId, cmd.actor);
      const outcome = timelinessOf(cmd.at, task.dueAt);
      const open = (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'OPEN');
      for (const t of open) {
        t.completedAt = cmd.at;
        if (t.id === task.id) {
          t.status = 'STOPPED';
          t.completedBy = cmd.actor.sub;
          t.completedByName = cmd.actor.name;
          t.outcome = outcome;
          t.note = cmd.reason;
        } else {
          t.status = 'CANCELLED';
          t.note = 'Đóng do hồ sơ bị dừng xử lý';
        }
      }
      await this.tasks.saveTasks(m, open);
      instance.status = 'STOPPED';
      instance.resolvedAt = cmd.at;
      instance.stopReason = cmd.reason;
      await this.tasks.saveInstance(m, instance);
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);
      await this.slip.record(m, [
        {
          instanceId: instance.id,
          dossierCode: instance.dossierCode,
          kind: 'STOPPED',
          handedOverAt: cmd.at,
          giverId: cmd.actor.sub,
          giverName: cmd.actor.name,
          giverAgencyCode: task.agencyCode,
          fromStepKey: task.stepKey,
          fromStepName: task.name,
          outcome,
          receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
          receiverRole: null,
          toStepKey: null,
          toStepName: 'Trả hồ sơ kèm thông báo dừng xử lý',
          note: cmd.reason,
        },
      ]);
      const event: ProcessingStoppedV1 = {
        dossierCode: instance.dossierCode,
        stepId: task.id,
        agencyCode: task.agencyCode,
        stoppedBy: cmd.actor.sub,
        stoppedAt: cmd.at.toISOString(),
        reason: cmd.reason,
      };
      await this.outbox.add(PROCESSING_STOPPED, 1, event, { correlationId: instance.dossierCode });
      return open.find((t) => t.id === task.id) ?? task;
    });
  }
}
