import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { DossierAccess } from '../control-slip/dossier-access';
import { apologyLetterPdf } from '../documents/apology-letter.pdf';
import { ExtensionRepository } from './extension.repository';

const badId = () =>
  new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
    { field: 'id', rule: 'isUuid', message: 'Mã phiếu phải là UUID' },
  ]);

/** The apology letters (Phiếu xin lỗi và hẹn lại ngày trả kết quả) of a dossier. */
@ApiTags('extensions')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class ExtensionController {
  constructor(
    private readonly extensions: ExtensionRepository,
    private readonly access: DossierAccess,
    private readonly db: DataSource,
  ) {}

  /** The apology with the new appointment as a PDF (Vietnamese), for staff of an agency the dossier passed through. */
  @Get(':code/extensions/:id.pdf')
  @ApiProduces('application/pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR', 'ADMIN')
  async apologyLetter(
    @Param('code') code: string,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: badId })) id: string,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    const m = this.db.manager;
    const { instance } = await this.access.load(m, code, user);
    const extension = await this.extensions.findOfDossier(m, code, id);
    if (!extension) throw new DomainError('ROUTING.EXTENSION_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy phiếu xin lỗi và hẹn lại');
    const pdf = await apologyLetterPdf(instance, extension);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="phieu-xin-loi-${code}.pdf"` });
  }
}
