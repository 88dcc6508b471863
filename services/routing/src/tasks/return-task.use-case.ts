import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_STEP_RETURNED, ProcessingStepReturnedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { ancestors, descendants, stepOf } from '../workflows/workflow-definition';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { timelinessOf } from '../workflows/timeliness';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface ReturnTaskCommand {
  taskId: string;
  toStepKey: string;
  reason: string;
  actor: AuthUser;
  at: Date;
}

/**
 * Sends the dossier back to an earlier step (one that precedes this one): that step opens again as a
 * new attempt; every task of the round after it (this one, and open parallel branches) is closed.
 */
@Injectable()
export class ReturnTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: ReturnTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task, def } = await this.engine.lockForAction(m, cmd.taskId, cmd.actor);
      const target = stepOf(def, cmd.toStepKey);
      // a step skipped by its condition never ran for this dossier: nothing to return to
      if (!target || !ancestors(def, task.stepKey).has(cmd.toStepKey) || !this.engine.runs(target, instance)) {
        throw new DomainError('ROUTING.RETURN_TARGET_INVALID', 'UNPROCESSABLE', 'Chỉ có thể trả lại một bước đã xử lý trước bước này', [
          { field: 'toStepKey', rule: 'earlierStep', message: `"${cmd.toStepKey}" không phải là bước trước của "${task.stepKey}"` },
        ]);
      }
      const outcome = timelinessOf(cmd.at, task.dueAt);
      const reopened = new Set([target.key, ...descendants(def, target.key)]);
      const closing = (await this.tasks.currentTasks(m, instance.id)).filter((t) => reopened.has(t.stepKey));
      for (const t of closing) {
        t.current = false;
        if (t.id === task.id) {
          t.status = 'RETURNED';
          t.completedAt = cmd.at;
          t.completedBy = cmd.actor.sub;
          t.completedByName = cmd.actor.name;
          t.outcome = outcome;
          t.note = cmd.reason;
        } else if (t.status === 'OPEN') {
          t.status = 'CANCELLED';
          t.completedAt = cmd.at;
          t.note = `Đóng do trả lại bước "${target.name}"`;
        }
      }
      await this.tasks.saveTasks(m, closing);
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);
      const reopenedTask = await this.engine.openStep(m, instance, target, cmd.at);
      await this.slip.record(m, [
        {
          instanceId: instance.id,
          dossierCode: instance.dossierCode,
          kind: 'RETURNED',
          handedOverAt: cmd.at,
          giverId: cmd.actor.sub,
          giverName: cmd.actor.name,
          giverAgencyCode: task.agencyCode,
          fromStepKey: task.stepKey,
          fromStepName: task.name,
          outcome,
          receiverAgencyCode: reopenedTask.agencyCode,
          receiverRole: reopenedTask.role,
          toStepKey: reopenedTask.stepKey,
          toStepName: reopenedTask.name,
          note: cmd.reason,
        },
      ]);
      const event: ProcessingStepReturnedV1 = {
        dossierCode: instance.dossierCode,
        stepId: task.id,
        stepKey: task.stepKey,
        agencyCode: task.agencyCode,
        toStepKey: target.key,
        toAgencyCode: reopenedTask.agencyCode,
        returnedBy: cmd.actor.sub,
        returnedAt: cmd.at.toISOString(),
        reason: cmd.reason,
      };
      await this.outbox.add(PROCESSING_STEP_RETURNED, 1, event, { correlationId: instance.dossierCode });
      return closing.find((t) => t.id === task.id) ?? task;
    });
  }
}
