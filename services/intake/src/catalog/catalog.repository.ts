import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { localDate } from '@motcua/calendar';
import { Agency } from './agency.entity';
import { Procedure } from './procedure.entity';
import { ProcedureVersion, ProcedureView } from './procedure-version.entity';

/** Who receives the dossier and where the applicant lives: what a competent-agency rule needs. */
export interface CompetenceContext {
  receivingAgencyCode?: string;
  /** The 5-digit code of the applicant's commune of residence (xã/phường). */
  residenceCommuneCode?: string;
}

@Injectable()
export class CatalogRepository {
  /**
   * The procedure as in effect at `at` (default now): its version whose effective period covers the
   * local date of `at`, the highest-numbered one if several do. A procedure row without any version
   * (written directly) is answered as it is, with `version: null`. Null: unknown, or no version in effect.
   */
  async findProcedure(
    m: EntityManager,
    code: string,
    at: Date = new Date(),
    context: CompetenceContext = {},
  ): Promise<ProcedureView | null> {
    const version = await this.findVersionAt(m, code, localDate(at));
    if (version) return this.view(m, version, context);
    if (await m.getRepository(ProcedureVersion).exists({ where: { procedureCode: code } })) return null;
    const row = await m.getRepository(Procedure).findOne({ where: { code } });
    return row ? legacyView(row) : null;
  }

  /**
   * The procedure version a dossier was received under (its recorded `procedureVersion`), whatever is in
   * effect now; a dossier without a recorded version reads the version in effect at its reception. The
   * competent agency is the dossier's (resolved at reception).
   */
  async findForDossier(
    m: EntityManager,
    dossier: { procedureCode: string; procedureVersion: number | null; receivedAt: Date; competentAgencyCode: string },
  ): Promise<ProcedureView | null> {
    const version =
      dossier.procedureVersion === null
        ? null
        : await m
            .getRepository(ProcedureVersion)
            .findOne({ where: { procedureCode: dossier.procedureCode, version: dossier.procedureVersion } });
    const view = version ? await this.view(m, version, {}) : await this.findProcedure(m, dossier.procedureCode, dossier.receivedAt);
    return view && { ...view, competentAgencyCode: dossier.competentAgencyCode };
  }

  /** The active commune agency whose administrative-unit code is this commune (COMMUNE_OF_RESIDENCE). */
  findCommuneAgency(m: EntityManager, adminUnitCode: string): Promise<Agency | null> {
    return m.getRepository(Agency).findOne({ where: { adminUnitCode, level: 'COMMUNE', active: true } });
  }

  /** The version in effect on a local date (`YYYY-MM-DD`). */
  findVersionAt(m: EntityManager, code: string, date: string): Promise<ProcedureVersion | null> {
    return m
      .getRepository(ProcedureVersion)
      .createQueryBuilder('v')
      .where('v.procedure_code = :code', { code })
      .andWhere('v.effective_from <= :date', { date })
      .andWhere('(v.effective_to IS NULL OR v.effective_to > :date)', { date })
      .orderBy('v.version', 'DESC')
      .getOne();
  }

  listVersions(m: EntityManager, code: string): Promise<ProcedureVersion[]> {
    return m.getRepository(ProcedureVersion).find({ where: { procedureCode: code }, order: { version: 'ASC' } });
  }

  latestVersion(m: EntityManager, code: string): Promise<ProcedureVersion | null> {
    return m.getRepository(ProcedureVersion).findOne({ where: { procedureCode: code }, order: { version: 'DESC' } });
  }

  /** The latest version of each of these procedures (for an import's comparison). */
  async latestVersions(m: EntityManager, codes: string[]): Promise<Map<string, ProcedureVersion>> {
    if (!codes.length) return new Map();
    const rows = await m
      .getRepository(ProcedureVersion)
      .createQueryBuilder('v')
      .distinctOn(['v.procedure_code'])
      .where('v.procedure_code IN (:...codes)', { codes })
      .orderBy('v.procedure_code')
      .addOrderBy('v.version', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.procedureCode, r]));
  }

  procedureExists(m: EntityManager, code: string): Promise<boolean> {
    return m.getRepository(Procedure).exists({ where: { code } });
  }

  /** Inserts a version and makes the identity row equal to it (the newest). */
  async insertVersion(m: EntityManager, version: ProcedureVersion): Promise<ProcedureVersion> {
    const saved = await m.getRepository(ProcedureVersion).save(m.getRepository(ProcedureVersion).create(version));
    await m.getRepository(Procedure).upsert(
      {
        code: version.procedureCode,
        name: version.name,
        fieldCode: version.fieldCode,
        fieldName: version.fieldName,
        competentAgencyCode: version.competentAgencyCode ?? version.competentAgencyRule ?? '',
        processingTime: version.processingTime,
        postAllowed: version.postMayCarryResult,
        components: version.components,
      },
      ['code'],
    );
    return saved;
  }

  /** Versions whose `catalog.procedure-version-published` is not yet in the outbox, locked for this transaction. */
  lockUnpublished(m: EntityManager): Promise<ProcedureVersion[]> {
    return m
      .getRepository(ProcedureVersion)
      .createQueryBuilder('v')
      .where('v.published_at IS NULL')
      .orderBy('v.procedure_code')
      .addOrderBy('v.version')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markPublished(m: EntityManager, version: ProcedureVersion, at: Date): Promise<void> {
    await m
      .getRepository(ProcedureVersion)
      .update({ procedureCode: version.procedureCode, version: version.version, publishedAt: IsNull() }, { publishedAt: at });
  }

  /** The procedures in effect at `at` (default now): the public catalog, two queries whatever its size. */
  async listProcedures(m: EntityManager, at: Date = new Date()): Promise<ProcedureView[]> {
    const date = localDate(at);
    const versions = await m
      .getRepository(ProcedureVersion)
      .createQueryBuilder('v')
      .distinctOn(['v.procedure_code'])
      .where('v.effective_from <= :date', { date })
      .andWhere('(v.effective_to IS NULL OR v.effective_to > :date)', { date })
      .orderBy('v.procedure_code')
      .addOrderBy('v.version', 'DESC')
      .getMany();
    const legacy = await m
      .getRepository(Procedure)
      .createQueryBuilder('p')
      .where('NOT EXISTS (SELECT 1 FROM procedure_version v WHERE v.procedure_code = p.code)')
      .getMany();
    const views = [...(await Promise.all(versions.map((v) => this.view(m, v, {})))), ...legacy.map(legacyView)];
    return views.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  findAgency(m: EntityManager, code: string): Promise<Agency | null> {
    return m.getRepository(Agency).findOne({ where: { code } });
  }

  /** Inserts the agencies not yet stored (an administrator's later changes are kept). */
  async insertMissingAgencies(m: EntityManager, agencies: Agency[]): Promise<void> {
    if (agencies.length) await m.getRepository(Agency).createQueryBuilder().insert().values(agencies).orIgnore().execute();
  }

  async upsertAgencies(m: EntityManager, agencies: Agency[]): Promise<void> {
    await m.getRepository(Agency).upsert(agencies, ['code']);
  }

  /** Writes procedure rows directly, without versions (tests); read back with `version: null`. */
  async upsertProcedures(m: EntityManager, procedures: Procedure[]): Promise<void> {
    await m.getRepository(Procedure).upsert(procedures, ['code']);
  }

  private async view(m: EntityManager, v: ProcedureVersion, context: CompetenceContext): Promise<ProcedureView> {
    const { contentHash: _h, createdBy: _b, createdAt: _c, publishedAt: _p, procedureCode, ...content } = v;
    return {
      ...content,
      code: procedureCode,
      competentAgencyCode: v.competentAgencyCode ?? (await this.resolveRule(m, v, context)),
      postAllowed: v.postMayCarryResult,
    };
  }

  /**
   * A competent-agency rule: COMMUNE_OF_RESIDENCE → the active commune whose administrative-unit code is
   * the applicant's commune; RECEIVING_AGENCY, or a rule the context cannot resolve → the receiving agency.
   */
  private async resolveRule(m: EntityManager, v: ProcedureVersion, context: CompetenceContext): Promise<string> {
    if (v.competentAgencyRule === 'COMMUNE_OF_RESIDENCE' && context.residenceCommuneCode) {
      const commune = await m
        .getRepository(Agency)
        .findOne({ where: { adminUnitCode: context.residenceCommuneCode, level: 'COMMUNE', active: true } });
      if (commune) return commune.code;
    }
    return context.receivingAgencyCode ?? '';
  }
}

function legacyView(row: Procedure): ProcedureView {
  return {
    code: row.code,
    version: null,
    nationalCode: row.code,
    name: row.name,
    fieldCode: row.fieldCode,
    fieldName: row.fieldName,
    level: 'COMMUNE',
    competentAgencyCode: row.competentAgencyCode,
    competentAgencyRule: null,
    components: row.components,
    processingTime: row.processingTime,
    fees: [],
    onlineLevel: 'NONE',
    postMayCarryDossier: row.postAllowed,
    postMayCarryResult: row.postAllowed,
    postAllowed: row.postAllowed,
    effectiveFrom: '1900-01-01',
    effectiveTo: null,
  };
}
