import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { DossierAccess } from '../control-slip/dossier-access';
import { stopNoticePdf } from '../documents/stop-notice.pdf';

/** The notice of stopping (Thông báo dừng xử lý hồ sơ, form 05) of a stopped dossier. */
@ApiTags('control slip')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class StopNoticeController {
  constructor(
    private readonly slip: ControlSlipRepository,
    private readonly access: DossierAccess,
    private readonly db: DataSource,
  ) {}

  /** The notice as a PDF (Vietnamese), for staff of an agency the dossier passed through; 404 unless processing stopped. */
  @Get(':code/stop-notice.pdf')
  @ApiProduces('application/pdf')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR', 'ADMIN')
  async stopNotice(@Param('code') code: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const m = this.db.manager;
    const { instance } = await this.access.load(m, code, user);
    const stop = (await this.slip.entries(m, code)).filter((e) => e.kind === 'STOPPED').pop();
    if (instance.status !== 'STOPPED' || !stop) {
      throw new DomainError('ROUTING.STOP_NOTICE_NOT_FOUND', 'NOT_FOUND', 'Hồ sơ không bị dừng xử lý: không có thông báo dừng xử lý');
    }
    const pdf = await stopNoticePdf(instance, stop);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="thong-bao-dung-xu-ly-${code}.pdf"` });
  }
}
