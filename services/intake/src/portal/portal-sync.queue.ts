import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { CatalogRepository } from '../catalog/catalog.repository';
import { DossierDocument } from '../documents/document.entity';
import type { Dossier } from '../dossiers/dossier.entity';
import { DossierSupplement } from '../dossiers/dossier-supplement.entity';
import { CAP_NHAT_TIEN_DO, DONG_BO_HO_SO, dossierRecord, PortalFee, ProgressStep, progressRecord } from './portal-records';
import { PortalSync } from './portal-sync.entity';

export const PORTAL_SYNC_CHANNEL = 'intake_portal_sync';

/**
 * Queues the national portal calls of a status change in the caller's transaction: the dossier record
 * (`DongBoHoSoMC`) and the step (`CapNhatTienDoHoSoMC`). Nothing is queued when NATIONAL_PORTAL_URL is unset.
 */
@Injectable()
export class PortalSyncQueue {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    private readonly catalog: CatalogRepository,
  ) {}

  get enabled(): boolean {
    return !!this.config.nationalPortalUrl;
  }

  /**
   * `known.fieldCode`: the procedure's field when the caller has it (reception: no read while the dossier
   * number's row lock is held); a new dossier has no supplements.
   */
  async record(
    m: EntityManager,
    dossier: Dossier,
    step: ProgressStep,
    isNew = false,
    known?: { fieldCode: string; fees: PortalFee[] },
  ): Promise<void> {
    if (!this.enabled) return;
    // the procedure version the dossier was received under (its fees)
    const procedure = known ? null : await this.catalog.findForDossier(m, dossier);
    const fieldCode = known?.fieldCode ?? procedure?.fieldCode ?? '';
    const fees = known?.fees ?? procedure?.fees ?? [];
    const supplements = isNew
      ? []
      : await m.getRepository(DossierSupplement).find({ where: { dossierId: dossier.id }, order: { id: 'ASC' } });
    const documents = isNew
      ? []
      : await m.getRepository(DossierDocument).find({ where: { dossierId: dossier.id }, order: { uploadedAt: 'ASC', id: 'ASC' } });
    const now = new Date();
    const rows: Partial<PortalSync>[] = [
      {
        dossierCode: dossier.code,
        service: DONG_BO_HO_SO,
        isUpdating: !isNew,
        payload: dossierRecord(dossier, fieldCode, supplements, { documents, fees }),
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
