import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import type { Role } from '@motcua/auth';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { Task, TaskStatus } from './task.entity';

@Injectable()
export class TaskRepository {
  findInstanceByDossier(m: EntityManager, dossierCode: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { dossierCode } });
  }

  /** Locks the instance: every action on a dossier's tasks serialises here (instance first, then task). */
  lockInstanceByDossier(m: EntityManager, dossierCode: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { dossierCode }, lock: { mode: 'pessimistic_write' } });
  }

  lockInstance(m: EntityManager, id: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the instance unless the dossier already has one; returns null when it existed. */
  async insertInstance(m: EntityManager, instance: Partial<WorkflowInstance>): Promise<WorkflowInstance | null> {
    const result = await m.createQueryBuilder().insert().into(WorkflowInstance).values(instance).orIgnore().returning('*').execute();
    if (!result.raw.length) return null;
    return m.getRepository(WorkflowInstance).findOneByOrFail({ dossierCode: instance.dossierCode! });
  }

  saveInstance(m: EntityManager, instance: WorkflowInstance): Promise<WorkflowInstance> {
    return m.getRepository(WorkflowInstance).save(instance);
  }

  insertTask(m: EntityManager, task: Partial<Task>): Promise<Task> {
    return m.getRepository(Task).save(m.getRepository(Task).create(task));
  }

  findTask(m: EntityManager, id: string): Promise<Task | null> {
    return m.getRepository(Task).findOne({ where: { id } });
  }

  /** Locks the task row: two people acting on one task serialise here. */
  findTaskForUpdate(m: EntityManager, id: string): Promise<Task | null> {
    return m.getRepository(Task).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveTask(m: EntityManager, task: Task): Promise<Task> {
    return m.getRepository(Task).save(task);
  }

  saveTasks(m: EntityManager, tasks: Task[]): Promise<Task[]> {
    return m.getRepository(Task).save(tasks);
  }

  findInstance(m: EntityManager, id: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { id } });
  }

  /** The tasks of the instance's current round (history excluded). */
  currentTasks(m: EntityManager, instanceId: string): Promise<Task[]> {
    return m.getRepository(Task).find({ where: { instanceId, current: true }, order: { startedAt: 'ASC' } });
  }

  /** Highest attempt of a step so far (0 when never opened). */
  async lastAttempt(m: EntityManager, instanceId: string, stepKey: string): Promise<number> {
    const row = await m
      .getRepository(Task)
      .createQueryBuilder('t')
      .select('COALESCE(MAX(t.attempt), 0)', 'max')
      .where('t.instance_id = :instanceId AND t.step_key = :stepKey', { instanceId, stepKey })
      .getRawOne<{ max: number }>();
    return Number(row?.max ?? 0);
  }

  /** Every task of a dossier, in the order they started (for the slip and audits). */
  tasksOfDossier(m: EntityManager, dossierCode: string): Promise<Task[]> {
    return m.getRepository(Task).find({ where: { dossierCode }, order: { startedAt: 'ASC', attempt: 'ASC' } });
  }

  /**
   * An agency's inbox: its own steps only, for the given roles (all roles when `roles` is null);
   * `assignee`: a person's id, or null for the tasks nobody holds (undefined: all).
   */
  inbox(
    m: EntityManager,
    agencyCode: string,
    roles: Role[] | null,
    status: TaskStatus,
    limit: number,
    assignee?: string | null,
  ): Promise<Task[]> {
    const assigned = assignee === undefined ? {} : { assigneeId: assignee === null ? IsNull() : assignee };
    return m.getRepository(Task).find({
      where: { agencyCode, status, ...(roles ? { role: In(roles) } : {}), ...assigned },
      order: { dueAt: 'ASC' },
      take: limit,
    });
  }

  async markEscalated(m: EntityManager, taskId: string, at: Date): Promise<void> {
    await m.getRepository(Task).update({ id: taskId }, { escalatedAt: at });
  }
}
