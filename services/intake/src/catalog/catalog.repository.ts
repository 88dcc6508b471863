import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency } from './agency.entity';
import { Procedure } from './procedure.entity';

@Injectable()
export class CatalogRepository {
  findProcedure(m: EntityManager, code: string): Promise<Procedure | null> {
    return m.getRepository(Procedure).findOne({ where: { code } });
  }

  listProcedures(m: EntityManager): Promise<Procedure[]> {
    return m.getRepository(Procedure).find({ order: { code: 'ASC' } });
  }

  findAgency(m: EntityManager, code: string): Promise<Agency | null> {
    return m.getRepository(Agency).findOne({ where: { code } });
  }

  async upsertAgencies(m: EntityManager, agencies: Agency[]): Promise<void> {
    await m.getRepository(Agency).upsert(agencies, ['code']);
  }

  async upsertProcedures(m: EntityManager, procedures: Procedure[]): Promise<void> {
    await m.getRepository(Procedure).upsert(procedures, ['code']);
  }
}
