import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { Task } from './task.entity';

@Injectable()
export class TaskRepository {
  findInstanceByDossier(m: EntityManager, dossierCode: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { dossierCode } });
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

  /** Locks the task row: two people acting on one task serialise here. */
  findTaskForUpdate(m: EntityManager, id: string): Promise<Task | null> {
    return m.getRepository(Task).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveTask(m: EntityManager, task: Task): Promise<Task> {
    return m.getRepository(Task).save(task);
  }

  findInstance(m: EntityManager, id: string): Promise<WorkflowInstance | null> {
    return m.getRepository(WorkflowInstance).findOne({ where: { id } });
  }

  inbox(m: EntityManager, agencyCode: string, status: 'OPEN' | 'DONE', limit: number): Promise<Task[]> {
    return m.getRepository(Task).find({ where: { agencyCode, status }, order: { dueAt: 'ASC' }, take: limit });
  }
}
