import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProcedureVersion } from './procedure-version.entity';

@Injectable()
export class CatalogRepository {
  /** Stores a version unless it is known already (versions are immutable): true when it was new. */
  async insert(m: EntityManager, version: ProcedureVersion): Promise<boolean> {
    const result = await m.createQueryBuilder().insert().into(ProcedureVersion).values(version).orIgnore().returning(['version']).execute();
    return result.raw.length > 0;
  }

  /**
   * The version in force on a local day: the highest version whose [effectiveFrom, effectiveTo) holds the
   * day; when none does (the catalog is not yet in force, or the day is before every version), the highest
   * version that started by then, else the highest version at all.
   */
  async effective(m: EntityManager, procedureCode: string, localDay: string): Promise<ProcedureVersion | null> {
    const repo = m.getRepository(ProcedureVersion);
    return (
      (await repo
        .createQueryBuilder('v')
        .where('v.procedure_code = :procedureCode', { procedureCode })
        .andWhere('v.effective_from <= :day', { day: localDay })
        .andWhere('(v.effective_to IS NULL OR v.effective_to > :day)', { day: localDay })
        .orderBy('v.version', 'DESC')
        .getOne()) ??
      (await repo
        .createQueryBuilder('v')
        .where('v.procedure_code = :procedureCode', { procedureCode })
        .orderBy('CASE WHEN v.effective_from <= :day THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('v.version', 'DESC')
        .setParameter('day', localDay)
        .getOne())
    );
  }
}
