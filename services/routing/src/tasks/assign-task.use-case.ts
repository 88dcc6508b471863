import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { assertAssignable } from './claim-task.use-case';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface AssignTaskCommand {
  taskId: string;
  assigneeId: string;
  assigneeName: string;
  actor: AuthUser;
  at: Date;
}

/**
 * A supervisor gives a task of their agency to a named person of the same agency (a task at another
 * agency is not found), replacing whoever held it.
 */
@Injectable()
export class AssignTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
  ) {}

  async execute(cmd: AssignTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task } = await this.engine.lockTask(m, cmd.taskId, cmd.actor);
      assertAssignable(task);
      task.assigneeId = cmd.assigneeId;
      task.assigneeName = cmd.assigneeName;
      task.assignedAt = cmd.at;
      task.assignedBy = cmd.actor.sub;
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.assigneeId, cmd.assigneeName);
      return this.tasks.updateTask(m, task, ['assigneeId', 'assigneeName', 'assignedAt', 'assignedBy']);
    });
  }
}
