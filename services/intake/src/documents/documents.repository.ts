import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DossierDocument } from './document.entity';

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
}
