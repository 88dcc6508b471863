import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { assignedToOther, WorkflowEngine } from '../workflows/workflow-engine';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export interface ClaimTaskCommand {
  taskId: string;
  actor: AuthUser;
  at: Date;
}

/** Takes an open task from the agency's inbox: from now on only the claimer acts on it. Of two claims, one wins; the other gets 409. */
@Injectable()
export class ClaimTaskUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
  ) {}

  async execute(cmd: ClaimTaskCommand): Promise<Task> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task } = await this.engine.lockTask(m, cmd.taskId, cmd.actor);
      if (!cmd.actor.roles.includes(task.role)) {
        throw new DomainError('ROUTING.ROLE_NOT_ALLOWED', 'FORBIDDEN', 'Bước này do vai trò khác xử lý', [
          { field: 'role', rule: 'taskRole', message: `Bước "${task.name}" cần vai trò ${task.role}` },
        ]);
      }
      assertAssignable(task);
      if (task.assigneeId === cmd.actor.sub) return task; // claiming one's own task again changes nothing
      if (task.assigneeId) throw assignedToOther(task);
      task.assigneeId = cmd.actor.sub;
      task.assigneeName = cmd.actor.name;
      task.assignedAt = cmd.at;
      task.assignedBy = cmd.actor.sub;
      await this.slip.markReceived(m, instance.id, task.stepKey, cmd.actor.sub, cmd.actor.name);
      return this.tasks.updateTask(m, task, ['assigneeId', 'assigneeName', 'assignedAt', 'assignedBy']);
    });
  }
}

/** Only a task still waiting (open, or paused for a supplement) can be claimed, assigned or released. */
export function assertAssignable(task: Task): void {
  if (task.status !== 'OPEN' && task.status !== 'PAUSED') {
    throw new DomainError('ROUTING.TASK_NOT_OPEN', 'CONFLICT', 'Công việc đã được xử lý bởi người khác');
  }
}
