import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Agency, AgencyTree } from '../catalog/agency.entity';

@Injectable()
export class AgenciesRepository {
  find(m: EntityManager, code: string): Promise<Agency | null> {
    return m.getRepository(Agency).findOne({ where: { code } });
  }

  /** Locks the agency rows of a province (moves and creations are serialized per province: no cycles). */
  async lockProvince(m: EntityManager, provinceCode: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(71000002, $1::int)', [Number(provinceCode) || 0]);
  }

  /** Direct children; `tree` keeps those of that tree (and of both); inactive ones only when asked. */
  children(m: EntityManager, code: string, tree?: AgencyTree, includeInactive = false): Promise<Agency[]> {
    const q = m.getRepository(Agency).createQueryBuilder('a').where('a.parent_code = :code', { code });
    if (tree) q.andWhere('a.tree IN (:...trees)', { trees: [tree, 'BOTH'] });
    if (!includeInactive) q.andWhere('a.active = true');
    return q.orderBy('a.code').getMany();
  }

  /** The agency and its ancestors, root last (stops at a cycle, which the writes prevent). */
  async ancestry(m: EntityManager, code: string): Promise<Agency[]> {
    const rows: { code: string }[] = await m.query(
      `WITH RECURSIVE up(code, parent_code, depth, seen) AS (
         SELECT code, parent_code, 0, ARRAY[code] FROM agency WHERE code = $1
         UNION ALL
         SELECT a.code, a.parent_code, up.depth + 1, up.seen || a.code
           FROM agency a JOIN up ON a.code = up.parent_code
          WHERE NOT a.code = ANY(up.seen) AND up.depth < 50)
       SELECT code FROM up ORDER BY depth`,
      [code],
    );
    if (!rows.length) return [];
    const agencies = await m.getRepository(Agency).findBy(rows.map((r) => ({ code: r.code })));
    const byCode = new Map(agencies.map((a) => [a.code, a]));
    return rows.map((r) => byCode.get(r.code)!).filter(Boolean);
  }

  /** The province row of an agency's province (level PROVINCE), if stored. */
  province(m: EntityManager, provinceCode: string): Promise<Agency | null> {
    return m.getRepository(Agency).findOne({ where: { provinceCode, level: 'PROVINCE' } });
  }

  countActiveChildren(m: EntityManager, code: string): Promise<number> {
    return m.getRepository(Agency).count({ where: { parentCode: code, active: true } });
  }

  async insert(m: EntityManager, agency: Agency): Promise<Agency> {
    await m.getRepository(Agency).insert(agency);
    return (await this.find(m, agency.code))!;
  }

  async update(m: EntityManager, code: string, changes: Partial<Agency>): Promise<Agency> {
    await m.getRepository(Agency).update({ code }, changes);
    return (await this.find(m, code))!;
  }
}
