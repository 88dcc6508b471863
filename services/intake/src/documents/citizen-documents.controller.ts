import { Controller, Get, Logger, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { NATIONAL_STATUS_LABELS, DOSSIER_STATUSES } from '../dossiers/dossier-status';
import { DocumentsRepository } from './documents.repository';

/**
 * A citizen's digitized documents (kho giấy tờ số hóa, Circular 01/2023), keyed by ID number (CCCD): the
 * results and digitized components of their resolved or returned dossiers, for a clerk receiving a new
 * dossier of that citizen to reuse (POST /v1/dossiers/{code}/documents/reuse). Every listing is logged.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/citizens/:idNumber/digitized-documents')
export class CitizenDocumentsController {
  private readonly logger = new Logger(CitizenDocumentsController.name);

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly db: DataSource,
  ) {}

  @Get()
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST')
  async list(@Param('idNumber') idNumber: string, @CurrentUser() user: AuthUser) {
    if (!/^\d{12}$/.test(idNumber)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'idNumber', rule: 'isCitizenId', message: 'Số định danh cá nhân phải gồm đúng 12 chữ số' },
      ]);
    }
    const found = await this.documents.listForCitizen(this.db.manager, idNumber);
    this.logger.log(
      { user: user.sub, agency: user.agencyCode, idNumber: `${idNumber.slice(0, 3)}******${idNumber.slice(-3)}`, count: found.length },
      'Citizen digitized documents listed',
    );
    return {
      documents: found.map(({ document: d, dossier }) => ({
        id: d.id,
        kind: d.kind,
        componentName: d.componentName,
        fileName: d.fileName,
        mediaType: d.mediaType,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.uploadedAt.toISOString(),
        dossierCode: dossier.code,
        procedureCode: dossier.procedureCode,
        procedureName: dossier.procedureName,
        dossierStatus: NATIONAL_STATUS_LABELS[DOSSIER_STATUSES[dossier.status].national],
        resolvedAt: dossier.resolvedAt?.toISOString() ?? null,
      })),
    };
  }
}
