import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { Procedure } from '../catalog/procedure.entity';
import type { Dossier } from '../dossiers/dossier.entity';
import { DossierSupplement } from '../dossiers/dossier-supplement.entity';
import { CAP_NHAT_TIEN_DO, DONG_BO_HO_SO, dossierRecord, ProgressStep, progressRecord } from './portal-records';
import { PortalSync } from './portal-sync.entity';

export const PORTAL_SYNC_CHANNEL = 'intake_portal_sync';

/**
 * Queues the national portal calls of a status change in the caller's transaction: the dossier record
 * (`DongBoHoSoMC`) and the step (`CapNhatTienDoHoSoMC`). Nothing is queued when NATIONAL_PORTAL_URL is unset.
 */
@Injectable()
export class PortalSyncQueue {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: IntakeConfig) {}

  get enabled(): boolean {
    return !!this.config.nationalPortalUrl;
  }

  async record(m: EntityManager, dossier: Dossier, step: ProgressStep, isNew = false): Promise<void> {
    if (!this.enabled) return;
    const procedure = await m.getRepository(Procedure).findOne({ where: { code: dossier.procedureCode } });
    const supplements = await m.getRepository(DossierSupplement).find({ where: { dossierId: dossier.id }, order: { id: 'ASC' } });
    const now = new Date();
    const rows: Partial<PortalSync>[] = [
      {
        dossierCode: dossier.code,
        service: DONG_BO_HO_SO,
        isUpdating: !isNew,
        payload: dossierRecord(dossier, procedure?.fieldCode ?? '', supplements),
        nextAttemptAt: now,
      },
      {
        dossierCode: dossier.code,
        service: CAP_NHAT_TIEN_DO,
        isUpdating: false,
        payload: progressRecord(dossier, step),
        nextAttemptAt: now,
      },
    ];
    await m.getRepository(PortalSync).insert(rows as QueryDeepPartialEntity<PortalSync>[]);
    await m.query(`SELECT pg_notify('${PORTAL_SYNC_CHANNEL}', '')`);
  }
}
