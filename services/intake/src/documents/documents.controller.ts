import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, StreamableFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Dossier } from '../dossiers/dossier.entity';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DossierDocument } from './document.entity';
import { DOCUMENT_STORAGE, DocumentStorage } from './document-storage';
import { DocumentRejectedFilter, DocumentUploadInterceptor, UploadedDocumentFile } from './document-upload';
import { DocumentsRepository } from './documents.repository';
import { UploadDocumentUseCase } from './upload-document.use-case';

export class UploadDocumentDto {
  @ApiProperty({ description: "1-based position in the procedure's component list", example: '1' })
  @Matches(/^[1-9]\d{0,2}$/, { message: 'số thứ tự thành phần hồ sơ (1, 2, …)' })
  componentIndex!: string;
}

const documentView = (d: DossierDocument) => ({
  id: d.id,
  componentIndex: d.componentIndex,
  componentName: d.componentName,
  fileName: d.fileName,
  mediaType: d.mediaType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  uploadedBy: d.uploadedBy,
  uploadedAt: d.uploadedAt.toISOString(),
});

/** Digitized documents (số hóa) per component of a dossier; staff of the receiving or competent agency only. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/dossiers/:code/documents')
@UseFilters(DocumentRejectedFilter)
export class DocumentsController {
  constructor(
    private readonly upload: UploadDocumentUseCase,
    private readonly documents: DocumentsRepository,
    private readonly dossiers: DossierRepository,
    private readonly catalog: CatalogRepository,
    private readonly db: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /** Upload one PDF, JPEG or PNG (checked by content) for one component: multipart fields `componentIndex` and `file`. */
  @Post()
  @HttpCode(201)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['componentIndex', 'file'],
      properties: { componentIndex: { type: 'string' }, file: { type: 'string', format: 'binary' } },
    },
  })
  @UseInterceptors(DocumentUploadInterceptor)
  async create(@Param('code') code: string, @Body() body: UploadDocumentDto, @Req() req: Request, @CurrentUser() user: AuthUser) {
    const dossier = await this.entitledDossier(code, user);
    const file = (req as Request & { file?: UploadedDocumentFile }).file;
    return documentView(await this.upload.execute(dossier, Number(body.componentIndex), file, user));
  }

  /** The documents of a dossier and, per component of its procedure, whether it is digitized. */
  @Get()
  async list(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    const dossier = await this.entitledDossier(code, user);
    const [documents, procedure] = await Promise.all([
      this.documents.listForDossier(this.db.manager, dossier.id),
      this.catalog.findProcedure(this.db.manager, dossier.procedureCode),
    ]);
    return {
      dossierCode: dossier.code,
      components: (procedure?.components ?? []).map((c, i) => {
        const count = documents.filter((d) => d.componentIndex === i + 1).length;
        return { index: i + 1, name: c.name, required: c.required, digitized: count > 0, documentCount: count };
      }),
      documents: documents.map(documentView),
    };
  }

  /** Download a document with its detected type; the name is the sanitized upload name. */
  @Get(':id')
  async download(@Param('code') code: string, @Param('id') id: string, @CurrentUser() user: AuthUser) {
    const dossier = await this.entitledDossier(code, user);
    const document = /^[0-9a-f-]{36}$/i.test(id) ? await this.documents.find(this.db.manager, dossier.id, id) : null;
    if (!document) throw new DomainError('INTAKE.DOCUMENT_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy tài liệu');
    const data = await this.storage.get(document.storageKey);
    const ascii = document.fileName.replace(/[^A-Za-z0-9._-]/g, '_');
    return new StreamableFile(data, {
      type: document.mediaType,
      length: data.length,
      disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    });
  }

  private async entitledDossier(code: string, user: AuthUser): Promise<Dossier> {
    const dossier = await this.dossiers.findByCode(this.db.manager, code);
    const entitled =
      dossier && (user.roles.includes('ADMIN') || [dossier.receivingAgencyCode, dossier.competentAgencyCode].includes(user.agencyCode));
    if (!dossier || !entitled) throw new DomainError('INTAKE.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    return dossier;
  }
}
