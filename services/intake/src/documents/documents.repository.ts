import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Dossier } from '../dossiers/dossier.entity';
import { DossierDocument } from './document.entity';

/** Statuses after which a dossier's documents are the citizen's to reuse (resolved, returned). */
export const REUSABLE_AFTER = ['RESOLVED', 'RETURNED'] as const;

/** A digitized document of a citizen, with the dossier it was kept from. */
export interface CitizenDocument {
  document: DossierDocument;
  dossier: Pick<Dossier, 'code' | 'procedureCode' | 'procedureName' | 'status' | 'resolvedAt' | 'applicantIdNumber'>;
}

@Injectable()
export class DocumentsRepository {
  insert(m: EntityManager, document: DossierDocument): Promise<DossierDocument> {
    return m.getRepository(DossierDocument).save(m.getRepository(DossierDocument).create(document));
  }

  listForDossier(m: EntityManager, dossierId: string): Promise<DossierDocument[]> {
    return m.getRepository(DossierDocument).find({ where: { dossierId }, order: { componentIndex: 'ASC', uploadedAt: 'ASC' } });
  }

  find(m: EntityManager, dossierId: string, id: string): Promise<DossierDocument | null> {
    return m.getRepository(DossierDocument).findOne({ where: { dossierId, id } });
  }

  /**
   * The citizen's digitized documents (Circular 01/2023): results and components of their resolved or
   * returned dossiers, by ID number (CCCD); originals only (a reuse points at one of these).
   */
  async listForCitizen(m: EntityManager, idNumber: string, documentId?: string): Promise<CitizenDocument[]> {
    const q = m
      .getRepository(DossierDocument)
      .createQueryBuilder('doc')
      .innerJoin(Dossier, 'd', 'd.id = doc.dossier_id')
      .addSelect('d.code', 'src_code')
      .addSelect('d.procedureCode', 'src_procedure_code')
      .addSelect('d.procedureName', 'src_procedure_name')
      .addSelect('d.status', 'src_status')
      .addSelect('d.resolvedAt', 'src_resolved_at')
      .addSelect('d.applicantIdNumber', 'src_applicant_id_number')
      .where('d.applicant_id_number = :idNumber', { idNumber })
      .andWhere('d.status IN (:...statuses)', { statuses: [...REUSABLE_AFTER] })
      .andWhere('doc.reused_from_document_id IS NULL');
    if (documentId) q.andWhere('doc.id = :documentId', { documentId });
    const { entities, raw } = await q.orderBy('d.resolvedAt', 'DESC', 'NULLS LAST').addOrderBy('doc.uploadedAt', 'ASC').getRawAndEntities();
    const byId = new Map(raw.map((r: Record<string, unknown>) => [r.doc_id as string, r]));
    return entities.map((document) => {
      const r = byId.get(document.id)!;
      return {
        document,
        dossier: {
          code: r.src_code as string,
          procedureCode: r.src_procedure_code as string,
          procedureName: r.src_procedure_name as string,
          status: r.src_status as Dossier['status'],
          resolvedAt: (r.src_resolved_at as Date | null) ?? null,
          applicantIdNumber: r.src_applicant_id_number as string,
        },
      };
    });
  }

  /** Whether the dossier already links that digitized document to that component. */
  isLinked(m: EntityManager, dossierId: string, componentIndex: number, sourceId: string): Promise<boolean> {
    return m.getRepository(DossierDocument).exists({ where: { dossierId, componentIndex, reusedFromDocumentId: sourceId } });
  }
}
