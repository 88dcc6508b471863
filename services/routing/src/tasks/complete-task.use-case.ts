import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_RESOLVED, DossierResolvedV1, PROCESSING_STEP_COMPLETED, ProcessingStepCompletedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository, NewHandOver } from '../control-slip/control-slip.repository';
import { successors } from '../workflows/workflow-definition';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { timelinessOf } from '../workflows/timeliness';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface CompleteTaskCommand {
  taskId: string;
  actor: AuthUser;
  at: Date;
  /** `COMPLETE` may end the processing with a result; `FORWARD` only hands over (refused on the last step). */
  mode: 'COMPLETE' | 'FORWARD';
  /** The result (last step) or the step's opinion. */
  resultSummary?: string;
  note?: string;
}

/**
 * Completes a step and hands the dossier over (chuyển bước): each next step whose preceding steps
 * are all done opens (a join waits for its last branch). Completing the last step resolves the
 * dossier (status 9) with `dossier.resolved`.
 */
@Injectable()
export class CompleteTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: CompleteTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task, def } = await this.engine.lockForAction(m, cmd.taskId, cmd.actor);
      const next = successors(def, task.stepKey);
      if (cmd.mode === 'FORWARD' && !next.length) {
        throw new DomainError('ROUTING.LAST_STEP', 'CONFLICT', 'Đây là bước cuối: hãy hoàn thành hồ sơ với kết quả giải quyết');
      }
      const summary = cmd.resultSummary ?? cmd.note ?? null;
      task.status = 'DONE';
      task.completedAt = cmd.at;
      task.completedBy = cmd.actor.sub;
      task.completedByName = cmd.actor.name;
      task.outcome = timelinessOf(cmd.at, task.dueAt);
      task.note = summary;
      await this.tasks.saveTask(m, task);
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);

      const current = await this.tasks.currentTasks(m, instance.id);
      const doneKeys = new Set(current.filter((t) => t.status === 'DONE').map((t) => t.stepKey));
      const openedKeys = new Set(current.map((t) => t.stepKey));
      const handOvers: NewHandOver[] = [];
      const base = {
        instanceId: instance.id,
        dossierCode: instance.dossierCode,
        handedOverAt: cmd.at,
        giverId: cmd.actor.sub,
        giverName: cmd.actor.name,
        giverAgencyCode: task.agencyCode,
        fromStepKey: task.stepKey,
        fromStepName: task.name,
        outcome: task.outcome,
        note: summary,
      };
      const started: string[] = [];
      for (const step of next) {
        // the hand-over to the next step's agency happens now, even when a join still waits for other branches
        handOvers.push({
          ...base,
          kind: 'FORWARDED',
          receiverAgencyCode: this.engine.agencyOf(step, instance),
          receiverRole: step.role,
          toStepKey: step.key,
          toStepName: step.name,
        });
        const ready = (step.after ?? []).every((k) => doneKeys.has(k));
        if (ready && !openedKeys.has(step.key)) {
          await this.engine.openStep(m, instance, step, cmd.at);
          started.push(step.key);
        }
      }
      const completed: ProcessingStepCompletedV1 = {
        dossierCode: instance.dossierCode,
        stepId: task.id,
        stepKey: task.stepKey,
        stepName: task.name,
        agencyCode: task.agencyCode,
        completedBy: cmd.actor.sub,
        completedAt: cmd.at.toISOString(),
        dueAt: task.dueAt.toISOString(),
        timeliness: task.outcome,
        nextStepKeys: started,
        ...(summary ? { note: summary } : {}),
      };
      await this.outbox.add(PROCESSING_STEP_COMPLETED, 1, completed, { correlationId: instance.dossierCode });

      if (!next.length) {
        // the last step (a definition has exactly one): every other step is done, the dossier has its result
        const result = summary ?? task.name;
        instance.status = 'RESOLVED';
        instance.resolvedAt = cmd.at;
        instance.timeliness = instance.countsAsLate ? 'LATE' : timelinessOf(cmd.at, instance.dueAt);
        instance.resultSummary = result;
        await this.tasks.saveInstance(m, instance);
        handOvers.push({
          ...base,
          kind: 'RESOLVED',
          receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
          receiverRole: null,
          toStepKey: null,
          toStepName: 'Trả kết quả',
        });
        const event: DossierResolvedV1 = {
          dossierCode: instance.dossierCode,
          resolvingAgencyCode: task.agencyCode,
          resolvedAt: cmd.at.toISOString(),
          appointmentAt: instance.dueAt.toISOString(),
          timeliness: instance.timeliness,
          resultSummary: result,
        };
        await this.outbox.add(DOSSIER_RESOLVED, 1, event, { correlationId: instance.dossierCode });
      }
      await this.slip.record(m, handOvers);
      return task;
    });
  }
}
