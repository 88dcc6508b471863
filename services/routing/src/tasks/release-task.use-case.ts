import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { assignedToOther, WorkflowEngine } from '../workflows/workflow-engine';
import { assertAssignable } from './claim-task.use-case';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface ReleaseTaskCommand {
  taskId: string;
  actor: AuthUser;
}

/** Puts a claimed or assigned task back in the agency's inbox: by its holder, or by a supervisor of the agency. */
@Injectable()
export class ReleaseTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async execute(cmd: ReleaseTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { task } = await this.engine.lockTask(m, cmd.taskId, cmd.actor);
      assertAssignable(task);
      if (!task.assigneeId) {
        throw new DomainError('ROUTING.TASK_NOT_CLAIMED', 'CONFLICT', 'Công việc chưa được ai nhận');
      }
      const supervisor = cmd.actor.roles.includes('SUPERVISOR') || cmd.actor.roles.includes('ADMIN');
      if (task.assigneeId !== cmd.actor.sub && !supervisor) throw assignedToOther(task);
      task.assigneeId = null;
      task.assigneeName = null;
      task.assignedAt = null;
      task.assignedBy = null;
      return this.tasks.updateTask(m, task, ['assigneeId', 'assigneeName', 'assignedAt', 'assignedBy']);
    });
  }
}
