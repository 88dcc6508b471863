import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_RESOLVED, DossierResolvedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { timelinessOf } from '../workflows/timeliness';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface CompleteTaskCommand {
  taskId: string;
  resultSummary: string;
  actor: AuthUser;
  at: Date;
}

/** A specialist completes the (last) step with a result: the dossier is resolved (status 9). */
@Injectable()
export class CompleteTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: CompleteTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const task = await this.tasks.findTaskForUpdate(m, cmd.taskId);
      if (!task || (task.agencyCode !== cmd.actor.agencyCode && !cmd.actor.roles.includes('ADMIN'))) {
        throw new DomainError('ROUTING.TASK_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy công việc');
      }
      if (task.status !== 'OPEN') {
        throw new DomainError('ROUTING.TASK_NOT_OPEN', 'CONFLICT', 'Công việc đã được xử lý bởi người khác');
      }
      const instance = await this.tasks.findInstance(m, task.instanceId);
      if (!instance) throw new Error(`Task ${task.id} has no workflow instance`);
      task.status = 'DONE';
      task.completedAt = cmd.at;
      task.completedBy = cmd.actor.sub;
      task.outcome = timelinessOf(cmd.at, task.dueAt);
      await this.tasks.saveTask(m, task);
      instance.status = 'RESOLVED';
      instance.resolvedAt = cmd.at;
      instance.timeliness = timelinessOf(cmd.at, instance.dueAt);
      instance.resultSummary = cmd.resultSummary;
      await this.tasks.saveInstance(m, instance);
      const event: DossierResolvedV1 = {
        dossierCode: instance.dossierCode,
        resolvingAgencyCode: task.agencyCode,
        resolvedAt: cmd.at.toISOString(),
        appointmentAt: instance.dueAt.toISOString(),
        timeliness: instance.timeliness,
        resultSummary: cmd.resultSummary,
      };
      await this.outbox.add(DOSSIER_RESOLVED, 1, event, { correlationId: instance.dossierCode });
      return task;
    });
  }
}
