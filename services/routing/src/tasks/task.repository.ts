import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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

  /**
   * Locks the instance of a task (one statement: the task's instance found by a subquery), unless the task is
   * at another agency than `agencyCode` (null: any agency, for administrators): then nothing is locked.
   */
  lockInstanceOfTask(m: EntityManager, taskId: string, agencyCode: string | null): Promise<WorkflowInstance | null> {
    return m
      .getRepository(WorkflowInstance)
      .createQueryBuilder('i')
      .where(
        `i.id = (SELECT t.instance_id FROM task t WHERE t.id = :taskId${agencyCode === null ? '' : ' AND t.agency_code = :agencyCode'})`,
        { taskId, agencyCode },
      )
      .setLock('pessimistic_write')
      .getOne();
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

  /** Writes these fields of a locked instance as they are now (one UPDATE; `saveInstance` reads the row back first). */
  async updateInstance(m: EntityManager, instance: WorkflowInstance, fields: Array<keyof WorkflowInstance>): Promise<void> {
    const values = Object.fromEntries(fields.map((f) => [f, instance[f]])) as QueryDeepPartialEntity<WorkflowInstance>;
    await m.createQueryBuilder().update(WorkflowInstance).set(values).where('id = :id', { id: instance.id }).execute();
  }

  /**
   * Inserts the next attempt of a step (the highest attempt so far + 1, computed by the INSERT itself: one
   * round trip) and answers the task as stored.
   */
  async insertNextAttempt(m: EntityManager, task: Omit<Task, 'id' | 'attempt' | 'version'>): Promise<Task> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(Task)
      .values({
        ...task,
        attempt: () => '(SELECT COALESCE(MAX(p.attempt), 0) + 1 FROM task p WHERE p.instance_id = :instanceId AND p.step_key = :stepKey)',
      })
      .setParameters({ instanceId: task.instanceId, stepKey: task.stepKey })
      .returning(['id', 'attempt', 'version'])
      .updateEntity(false)
      .execute();
    const row = (result.raw as Array<{ id: string; attempt: number; version: number }>)[0];
    return m.getRepository(Task).create({ ...task, id: row.id, attempt: Number(row.attempt), version: Number(row.version) });
  }

  /** Writes these fields of a locked task as they are now and bumps its version (one UPDATE … RETURNING). */
  async updateTask(m: EntityManager, task: Task, fields: Array<keyof Task>): Promise<Task> {
    const values = Object.fromEntries(fields.map((f) => [f, task[f]])) as QueryDeepPartialEntity<Task>;
    const result = await m
      .createQueryBuilder()
      .update(Task)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id', { id: task.id })
      .returning(['version'])
      .updateEntity(false)
      .execute();
    task.version = Number((result.raw as Array<{ version: number }>)[0].version);
    return task;
  }

  findTask(m: EntityManager, id: string): Promise<Task | null> {
    return m.getRepository(Task).findOne({ where: { id } });
  }

  /** Locks the task row: two people acting on one task serialise here. */
  findTaskForUpdate(m: EntityManager, id: string): Promise<Task | null> {
    return m.getRepository(Task).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
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
