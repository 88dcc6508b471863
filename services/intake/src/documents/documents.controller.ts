import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { CatalogRepository } from '../catalog/catalog.repository';
import { Dossier } from '../dossiers/dossier.entity';
import { DossierRepository } from '../dossiers/dossier.repository';
import { DOCUMENT_KINDS, DocumentKind, DossierDocument } from './document.entity';
import { DOCUMENT_STORAGE, DocumentStorage } from './document-storage';
import { DocumentRejectedFilter, DocumentUploadInterceptor, UploadedDocumentFile } from './document-upload';
import { DocumentsRepository } from './documents.repository';
import { ReuseDocumentUseCase } from './reuse-document.use-case';
import { UploadDocumentUseCase } from './upload-document.use-case';

export class UploadDocumentDto {
  @ApiProperty({ description: '`COMPONENT` (default) or `RESULT` (the result issued: competent agency only)', required: false })
  @IsOptional()
  @IsIn(DOCUMENT_KINDS, { message: 'COMPONENT hoặc RESULT' })
  kind?: DocumentKind;

  @ApiProperty({ description: "1-based position in the procedure's component list (not with RESULT)", example: '1', required: false })
  @ValidateIf((d: UploadDocumentDto) => d.kind !== 'RESULT' || d.componentIndex !== undefined)
  @Matches(/^[1-9]\d{0,2}$/, { message: 'số thứ tự thành phần hồ sơ (1, 2, …)' })
  componentIndex?: string;
}

export class ReuseDocumentDto {
  @ApiProperty({ description: "1-based position in the procedure's component list", example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  componentIndex!: number;

  @ApiProperty({ description: "id of one of the applicant's digitized documents (GET /v1/citizens/{idNumber}/digitized-documents)" })
  @IsUUID()
  digitizedDocumentId!: string;
}

export const documentView = (d: DossierDocument) => ({
  id: d.id,
  kind: d.kind,
  componentIndex: d.componentIndex,
  componentName: d.componentName,
  fileName: d.fileName,
  mediaType: d.mediaType,
  sizeBytes: d.sizeBytes,
  sha256: d.sha256,
  reusedFromDocumentId: d.reusedFromDocumentId,
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
    private readonly reuseDocument: ReuseDocumentUseCase,
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
    if (body.kind === 'RESULT') {
      if (body.componentIndex !== undefined) {
        throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
          { field: 'componentIndex', rule: 'absentForResult', message: 'Giấy tờ kết quả không thuộc thành phần hồ sơ nào' },
        ]);
      }
      if (!user.roles.includes('ADMIN') && user.agencyCode !== dossier.competentAgencyCode) {
        throw new DomainError('AUTH.FORBIDDEN', 'FORBIDDEN', 'Chỉ cơ quan có thẩm quyền giải quyết đưa lên giấy tờ kết quả');
      }
      return documentView(await this.upload.execute(dossier, null, file, user));
    }
    return documentView(await this.upload.execute(dossier, Number(body.componentIndex), file, user));
  }

  /**
   * Links one of the applicant's digitized documents (their earlier resolved dossier's result or component)
   * to a component of this dossier instead of uploading it again (Circular 01/2023); not copied.
   */
  @Post('reuse')
  @HttpCode(201)
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST')
  async reuse(@Param('code') code: string, @Body() body: ReuseDocumentDto, @CurrentUser() user: AuthUser) {
    const dossier = await this.entitledDossier(code, user);
    return documentView(await this.reuseDocument.execute(dossier, body.componentIndex, body.digitizedDocumentId, user));
  }

  /** The documents of a dossier and, per component of its procedure, whether it is digitized. */
  @Get()
  async list(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    const dossier = await this.entitledDossier(code, user);
    const [documents, procedure] = await Promise.all([
      this.documents.listForDossier(this.db.manager, dossier.id),
      this.catalog.findForDossier(this.db.manager, dossier),
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
  async download(
    @Param('code') code: string,
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const dossier = await this.entitledDossier(code, user);
    const document = /^[0-9a-f-]{36}$/i.test(id) ? await this.documents.find(this.db.manager, dossier.id, id) : null;
    if (!document) throw new DomainError('INTAKE.DOCUMENT_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy tài liệu');
    const data = await this.storage.get(document.storageKey);
    res.setHeader('X-Content-Type-Options', 'nosniff'); // a polyglot is never rendered as anything but its detected type
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
