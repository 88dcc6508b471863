import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { toLocalIso } from '@motcua/calendar';
import { ProcessingResumedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { DossierRepository } from './dossier.repository';
import { DossierSupplement } from './dossier-supplement.entity';
import { DOSSIER_STATUSES } from './dossier-status';

/** Routing resumed processing after a supplement: the appointment moves by the paused working time. */
@Injectable()
export class ApplyResumptionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
  ) {}

  async execute(e: ProcessingResumedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, e.dossierCode, true);
      if (!dossier) throw new Error(`Dossier ${e.dossierCode} is not known to intake (yet)`); // retried by the bus
      const appointmentAt = new Date(e.appointmentAt);
      if (dossier.appointmentAt.getTime() === appointmentAt.getTime()) return; // a repeated event
      dossier.appointmentAt = appointmentAt;
      if (dossier.status === 'SUPPLEMENT_REQUESTED') {
        dossier.status = 'IN_PROCESS';
        dossier.nationalStatus = DOSSIER_STATUSES.IN_PROCESS.national;
      }
      await this.dossiers.save(m, dossier);
      const last = await m
        .getRepository(DossierSupplement)
        .findOne({ where: { dossierId: dossier.id, receivedAt: Not(IsNull()) }, order: { id: 'DESC' } });
      if (last) await m.getRepository(DossierSupplement).update({ id: last.id }, { appointmentAfter: appointmentAt });
      const description = `Tiếp tục giải quyết; hẹn trả kết quả mới: ${toLocalIso(appointmentAt)}`;
      await this.dossiers.addTimeline(m, {
        dossierId: dossier.id,
        occurredAt: new Date(e.resumedAt),
        nationalStatus: dossier.nationalStatus,
        description,
      });
      await this.portal.record(m, dossier, {
        actor: 'Hệ thống',
        department: dossier.competentAgencyCode,
        content: description,
        at: new Date(e.resumedAt),
      });
    });
  }
}
