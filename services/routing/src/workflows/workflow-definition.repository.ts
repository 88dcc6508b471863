import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkflowDefinition } from './workflow-definition.entity';

@Injectable()
export class WorkflowDefinitionRepository {
  /** The version new dossiers of the procedure start with: the highest. */
  latest(m: EntityManager, procedureCode: string): Promise<WorkflowDefinition | null> {
    return m.getRepository(WorkflowDefinition).findOne({ where: { procedureCode }, order: { version: 'DESC' } });
  }

  findById(m: EntityManager, id: string): Promise<WorkflowDefinition | null> {
    return m.getRepository(WorkflowDefinition).findOne({ where: { id } });
  }

  versions(m: EntityManager, procedureCode: string): Promise<WorkflowDefinition[]> {
    return m.getRepository(WorkflowDefinition).find({ where: { procedureCode }, order: { version: 'ASC' } });
  }

  /** The latest version of every procedure that has a definition. */
  latestOfEach(m: EntityManager): Promise<WorkflowDefinition[]> {
    return m
      .getRepository(WorkflowDefinition)
      .createQueryBuilder('d')
      .distinctOn(['d.procedure_code'])
      .orderBy('d.procedure_code', 'ASC')
      .addOrderBy('d.version', 'DESC')
      .getMany();
  }

  /** Serialises version numbering of one procedure until the transaction ends. */
  async lockProcedure(m: EntityManager, procedureCode: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('workflow_definition:' || $1))`, [procedureCode]);
  }

  insert(m: EntityManager, def: Omit<WorkflowDefinition, 'id' | 'createdAt'>): Promise<WorkflowDefinition> {
    return m.getRepository(WorkflowDefinition).save(m.getRepository(WorkflowDefinition).create(def));
  }

  /** Inserts the seed as version 1 unless the procedure already has that version (idempotent, replica-safe). */
  async insertSeed(m: EntityManager, def: Omit<WorkflowDefinition, 'id' | 'createdAt' | 'version' | 'createdBy'>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(WorkflowDefinition)
      .values({ ...def, version: 1, createdBy: 'seed' })
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
