import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DossierNotice, DossierNoticeKind } from './dossier-notice.entity';

export interface NewDossierNotice {
  dossierCode: string;
  kind: DossierNoticeKind;
  occurrence: string;
  templateKey: string;
  values: Record<string, string>;
  occurredAt: Date;
}

@Injectable()
export class DossierNoticeRepository {
  /** Records an occurrence unless known (`ON CONFLICT DO NOTHING`): a redelivered event adds nothing. */
  async record(m: EntityManager, n: NewDossierNotice): Promise<void> {
    await m.query(
      `INSERT INTO dossier_notice (dossier_code, kind, occurrence, template_key, values, occurred_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT ON CONSTRAINT pk_dossier_notice DO NOTHING`,
      [n.dossierCode, n.kind, n.occurrence, n.templateKey, JSON.stringify(n.values), n.occurredAt],
    );
  }

  /** The dossier's occurrences in the order they happened. */
  listByDossier(m: EntityManager, dossierCode: string): Promise<DossierNotice[]> {
    return m.getRepository(DossierNotice).find({ where: { dossierCode }, order: { occurredAt: 'ASC', occurrence: 'ASC' } });
  }
}
