import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { managerOf, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Dossier } from '../dossiers/dossier.entity';
import { DossierDocument } from './document.entity';
import { DOCUMENT_STORAGE, DocumentStorage } from './document-storage';
import { DocumentRejected, UploadedDocumentFile } from './document-upload';
import { DocumentsRepository } from './documents.repository';
import { DocumentDigitizedPublisher } from './document-digitized';
import { isComplete, safeFileName, sniffMediaType } from './media-type';

export const RESULT_NAME = 'Giấy tờ kết quả giải quyết thủ tục hành chính';

/** Stores one document for one component of a dossier: type by content, SHA-256, bytes in the storage. */
@Injectable()
export class UploadDocumentUseCase {
  private readonly logger = new Logger(UploadDocumentUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly documents: DocumentsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly digitized: DocumentDigitizedPublisher,
  ) {}

  /** `componentIndex` null: the dossier's result (giấy tờ kết quả, kind RESULT). */
  async execute(
    dossier: Dossier,
    componentIndex: number | null,
    file: UploadedDocumentFile | undefined,
    user: AuthUser,
  ): Promise<DossierDocument> {
    if (!file || file.size === 0) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'file', rule: 'required', message: 'Cần tệp tài liệu (PDF, JPEG hoặc PNG) trong trường "file"' },
      ]);
    }
    const procedure = await this.catalog.findForDossier(managerOf(this.db), dossier);
    const component = componentIndex === null ? { name: RESULT_NAME } : procedure?.components[componentIndex - 1];
    if (!component) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'componentIndex', rule: 'componentOfProcedure', message: 'Thành phần không thuộc danh mục thành phần hồ sơ của thủ tục' },
      ]);
    }
    const mediaType = sniffMediaType(file.buffer);
    if (!mediaType) {
      throw new DocumentRejected(415, 'INTAKE.DOCUMENT_TYPE_NOT_ALLOWED', 'Chỉ nhận tài liệu PDF, JPEG hoặc PNG', [
        { field: 'file', rule: 'contentType', message: 'Nội dung tệp không phải PDF, JPEG hoặc PNG' },
      ]);
    }
    if (!isComplete(file.buffer, mediaType)) {
      throw new DocumentRejected(422, 'INTAKE.DOCUMENT_INCOMPLETE', 'Tệp tài liệu bị cắt cụt hoặc có dữ liệu lạ sau phần kết thúc', [
        { field: 'file', rule: 'complete', message: 'Tệp không kết thúc đúng định dạng (thiếu phần cuối hoặc có nội dung khác gắn thêm)' },
      ]);
    }
    const id = randomUUID();
    const storageKey = `${dossier.id}/${id}`;
    await this.storage.put(storageKey, file.buffer);
    try {
      return await runInTransaction(this.db, async (m) => {
        // dossier row first: concurrent uploads count their totals one after the other
        const received = await this.digitized.lockDossier(m, dossier.id);
        const document = await this.documents.insert(m, {
          id,
          dossierId: dossier.id,
          dossierCode: dossier.code,
          kind: componentIndex === null ? 'RESULT' : 'COMPONENT',
          componentIndex,
          componentName: component.name,
          fileName: safeFileName(file.originalname, mediaType),
          mediaType,
          sizeBytes: file.size,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          storageKey,
          reusedFromDocumentId: null,
          uploadedBy: user.sub,
          uploadedAt: new Date(),
        });
        await this.digitized.publish(m, document, received, procedure?.components ?? null);
        return document;
      });
    } catch (err) {
      await this.storage
        .delete(storageKey)
        .catch((e: unknown) => this.logger.warn({ err: e, storageKey }, 'Orphan document file not removed'));
      throw err;
    }
  }
}
