import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_RESOLVED, DossierResolvedV1, PROCESSING_STEP_COMPLETED, ProcessingStepCompletedV1 } from '@motcua/contracts';
import { Outbox, OutboxEvent, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
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
      await this.tasks.updateTask(m, task, ['status', 'completedAt', 'completedBy', 'completedByName', 'outcome', 'note']);
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);

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
      // each next step opens once the steps before it are done (a join waits for its last branch); a step
      // whose condition does not hold for the dossier is skipped and the steps after it are reached instead
      const { opened, handOvers, started: startedEvents } = await this.engine.advance(m, instance, def, next, cmd.at, base, 'FORWARDED');
      const started = opened.map((t) => t.stepKey);
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
      // one batch: the opened steps' step-started, then step-completed (and dossier.resolved on the last step)
      const events: OutboxEvent<object>[] = [
        ...startedEvents,
        { type: PROCESSING_STEP_COMPLETED, version: 1, data: completed, opts: { correlationId: instance.dossierCode } },
      ];

      if (!next.length) {
        // the last step (a definition has exactly one): every other step is done, the dossier has its result
        const result = summary ?? task.name;
        instance.status = 'RESOLVED';
        instance.resolvedAt = cmd.at;
        instance.timeliness = instance.countsAsLate ? 'LATE' : timelinessOf(cmd.at, instance.dueAt);
        instance.resultSummary = result;
        await this.tasks.updateInstance(m, instance, ['status', 'resolvedAt', 'timeliness', 'resultSummary']);
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
        events.push({ type: DOSSIER_RESOLVED, version: 1, data: event, opts: { correlationId: instance.dossierCode } });
      }
      await this.outbox.addMany(events);
      await this.slip.record(m, handOvers);
      return task;
    });
  }
}
