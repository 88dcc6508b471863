import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProcessingExtension } from './processing-extension.entity';

@Injectable()
export class ExtensionRepository {
  insert(m: EntityManager, extension: Omit<ProcessingExtension, 'id'>): Promise<ProcessingExtension> {
    return m.getRepository(ProcessingExtension).save(m.getRepository(ProcessingExtension).create(extension));
  }

  findOfDossier(m: EntityManager, dossierCode: string, id: string): Promise<ProcessingExtension | null> {
    return m.getRepository(ProcessingExtension).findOne({ where: { dossierCode, id } });
  }
}
