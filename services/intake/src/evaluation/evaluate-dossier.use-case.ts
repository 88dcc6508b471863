import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { timingSafeEqual } from 'crypto';
import { DOSSIER_EVALUATED, DossierEvaluatedV1, SatisfactionLevel } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { DossierRepository } from '../dossiers/dossier.repository';
import { hashSecret } from '../dossiers/receive-dossier.use-case';
import { DossierEvaluation } from './dossier-evaluation.entity';

/** Vietnamese labels of the five national satisfaction levels. */
export const SATISFACTION_LABELS: Record<SatisfactionLevel, string> = {
  VERY_SATISFIED: 'Rất hài lòng',
  SATISFIED: 'Hài lòng',
  NEUTRAL: 'Bình thường',
  DISSATISFIED: 'Không hài lòng',
  VERY_DISSATISFIED: 'Rất không hài lòng',
};

/** The citizen rates the service for a dossier, once, with the code and the receipt's secret. */
@Injectable()
export class EvaluateDossierUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(code: string, secret: string, level: SatisfactionLevel, comment: string | undefined, at: Date): Promise<DossierEvaluation> {
    return runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, code, true);
      const expected = Buffer.from(dossier?.lookupSecretHash ?? '0'.repeat(64), 'hex');
      if (!timingSafeEqual(expected, Buffer.from(hashSecret(secret), 'hex')) || !dossier) {
        throw new DomainError('INTAKE.LOOKUP_FAILED', 'NOT_FOUND', 'Mã hồ sơ hoặc mã tra cứu không đúng');
      }
      const repo = m.getRepository(DossierEvaluation);
      if (await repo.exists({ where: { dossierId: dossier.id } })) {
        throw new DomainError('INTAKE.ALREADY_EVALUATED', 'CONFLICT', 'Hồ sơ này đã được đánh giá', [
          { field: 'code', rule: 'oncePerDossier', message: 'Mỗi hồ sơ chỉ được đánh giá một lần' },
        ]);
      }
      const evaluation = repo.create({ dossierId: dossier.id, level, comment: comment ?? null, evaluatedAt: at });
      await repo.insert(evaluation);
      const event: DossierEvaluatedV1 = {
        dossierCode: dossier.code,
        procedureCode: dossier.procedureCode,
        receivingAgencyCode: dossier.receivingAgencyCode,
        competentAgencyCode: dossier.competentAgencyCode,
        level,
        ...(comment ? { comment } : {}),
        evaluatedAt: at.toISOString(),
      };
      await this.outbox.add(DOSSIER_EVALUATED, 1, event, { correlationId: dossier.code });
      return evaluation;
    });
  }
}
