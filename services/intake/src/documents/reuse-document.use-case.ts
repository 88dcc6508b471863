import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { managerOf, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Dossier } from '../dossiers/dossier.entity';
import { DossierDocument } from './document.entity';
import { DocumentsRepository } from './documents.repository';
import { DocumentDigitizedPublisher } from './document-digitized';

/**
 * Links one of the applicant's digitized documents (a result or component of their resolved dossier) to a
 * component of this dossier instead of an upload (Circular 01/2023): a new row pointing at the same bytes
 * (same storage key and SHA-256), `reusedFromDocumentId` naming the original. Nothing is copied.
 */
@Injectable()
export class ReuseDocumentUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly documents: DocumentsRepository,
    private readonly digitized: DocumentDigitizedPublisher,
  ) {}

  async execute(dossier: Dossier, componentIndex: number, digitizedDocumentId: string, user: AuthUser): Promise<DossierDocument> {
    const procedure = await this.catalog.findForDossier(managerOf(this.db), dossier);
    const component = procedure?.components[componentIndex - 1];
    if (!component) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'componentIndex', rule: 'componentOfProcedure', message: 'Thành phần không thuộc danh mục thành phần hồ sơ của thủ tục' },
      ]);
    }
    const linked = () => new DomainError('INTAKE.DOCUMENT_ALREADY_LINKED', 'CONFLICT', 'Giấy tờ này đã được dùng cho thành phần hồ sơ này');
    return runInTransaction(this.db, async (m) => {
      // dossier row first: concurrent uploads and reuses count their totals one after the other
      const received = await this.digitized.lockDossier(m, dossier.id);
      // only the same citizen's, from another dossier already resolved or returned
      const [source] = dossier.applicantIdNumber
        ? await this.documents.listForCitizen(m, dossier.applicantIdNumber, digitizedDocumentId)
        : [];
      if (!source || source.dossier.code === dossier.code) {
        throw new DomainError('INTAKE.DIGITIZED_DOCUMENT_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy giấy tờ số hóa của công dân', [
          {
            field: 'digitizedDocumentId',
            rule: 'reusableForApplicant',
            message: 'Giấy tờ không thuộc kho số hóa của chủ hồ sơ (cùng số định danh, hồ sơ trước đã giải quyết)',
          },
        ]);
      }
      if (await this.documents.isLinked(m, dossier.id, componentIndex, source.document.id)) throw linked();
      const original = source.document;
      const document = await this.documents.insert(m, {
        id: randomUUID(),
        dossierId: dossier.id,
        dossierCode: dossier.code,
        kind: 'COMPONENT',
        componentIndex,
        componentName: component.name,
        fileName: original.fileName,
        mediaType: original.mediaType,
        sizeBytes: original.sizeBytes,
        sha256: original.sha256,
        storageKey: original.storageKey,
        reusedFromDocumentId: original.id,
        uploadedBy: user.sub,
        uploadedAt: new Date(),
      });
      await this.digitized.publish(m, document, received, procedure.components);
      return document;
    }).catch((err: unknown) => {
      // two identical requests raced: the unique index lets one through
      throw (err as { code?: string }).code === '23505' ? linked() : err;
    });
  }
}
