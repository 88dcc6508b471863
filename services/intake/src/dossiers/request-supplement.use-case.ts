import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcessingSupplementRequestedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { formatLocal } from './dossier.view';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { DossierRepository } from './dossier.repository';
import { DossierSupplement } from './dossier-supplement.entity';
import { canMove, DOSSIER_STATUSES } from './dossier-status';

/** Routing asked the citizen to supplement the dossier: status 5 with everything missing. Once per request. */
@Injectable()
export class RequestSupplementUseCase {
  private readonly logger = new Logger(RequestSupplementUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
  ) {}

  async execute(e: ProcessingSupplementRequestedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, e.dossierCode, true);
      if (!dossier) throw new Error(`Dossier ${e.dossierCode} is not known to intake (yet)`); // retried by the bus
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(DossierSupplement)
        .values({
          dossierId: dossier.id,
          stepId: e.stepId,
          supplementNumber: e.supplementNumber,
          agencyCode: e.agencyCode,
          requestedBy: e.requestedBy,
          requestedAt: new Date(e.requestedAt),
          reason: e.reason,
          items: e.items ?? [],
          appointmentBefore: dossier.appointmentAt,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (inserted.raw.length === 0) return; // a repeated event
      if (!canMove(dossier.status, 'SUPPLEMENT_REQUESTED')) {
        this.logger.warn(`Supplement requested for ${dossier.code} in status ${dossier.status}: recorded, status kept`);
        return;
      }
      dossier.status = 'SUPPLEMENT_REQUESTED';
      // the citizen's deadline (hạn bổ sung); routing stops the dossier (SUPPLEMENT_EXPIRED) when it passes
      dossier.supplementDeadlineAt = e.deadlineAt ? new Date(e.deadlineAt) : null;
      dossier.nationalStatus = DOSSIER_STATUSES.SUPPLEMENT_REQUESTED.national;
      await this.dossiers.save(m, dossier);
      const missing = e.items?.length ? ` Cần bổ sung: ${e.items.join('; ')}.` : '';
      const deadline = e.deadlineAt ? ` Hạn bổ sung: ${formatLocal(new Date(e.deadlineAt))}.` : '';
      const description = `Yêu cầu bổ sung hồ sơ (lần ${e.supplementNumber}): ${e.reason}.${missing}${deadline}`;
      await this.dossiers.addTimeline(m, {
        dossierId: dossier.id,
        occurredAt: new Date(e.requestedAt),
        nationalStatus: dossier.nationalStatus,
        description,
      });
      await this.portal.record(m, dossier, {
        actor: e.requestedBy,
        department: e.agencyCode,
        content: description,
        at: new Date(e.requestedAt),
      });
    });
  }
}
