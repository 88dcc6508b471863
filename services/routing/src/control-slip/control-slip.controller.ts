import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { controlSlipPdf } from '../documents/control-slip.pdf';
import { toMinute } from '../workflows/timeliness';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { ControlSlipEntry } from './control-slip-entry.entity';
import { ControlSlipRepository } from './control-slip.repository';
import { DossierAccess } from './dossier-access';

export type ControlSlipView = ReturnType<typeof controlSlipView>;

function controlSlipView(instance: WorkflowInstance, entries: ControlSlipEntry[]) {
  return {
    dossierCode: instance.dossierCode,
    procedureCode: instance.procedureCode,
    procedureName: instance.procedureName,
    workflowVersion: instance.definitionVersion,
    status: instance.status,
    appointmentAt: toLocalIso(instance.dueAt),
    pausedWorkingMinutes: instance.pausedWorkingMinutes,
    /** While waiting for the citizen's supplement (and on a dossier that expired): its deadline. */
    supplementDueAt: instance.supplementDueAt ? toLocalIso(instance.supplementDueAt) : null,
    stopReasonCode: instance.stopReasonCode,
    timeliness: instance.timeliness,
    handOvers: entries.map((e) => ({
      kind: e.kind,
      handedOverAt: toMinute(toLocalIso(e.handedOverAt)),
      giver: { id: e.giverId, name: e.giverName, agencyCode: e.giverAgencyCode },
      fromStep: e.fromStepKey ? { key: e.fromStepKey, name: e.fromStepName } : null,
      outcome: e.outcome,
      receiver: { agencyCode: e.receiverAgencyCode, role: e.receiverRole, id: e.receiverId, name: e.receiverName },
      toStep: e.toStepKey || e.toStepName ? { key: e.toStepKey, name: e.toStepName } : null,
      note: e.note,
      /** A postal leg of the paper dossier (postal-delivery's transfer): the post's tracking number. */
      postal: e.transferId ? { transferId: e.transferId, trackingNumber: e.trackingNumber } : null,
    })),
  };
}

const READERS = ['COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR', 'ADMIN'] as const;

/** The control slip (phiếu kiểm soát quá trình giải quyết hồ sơ) of a dossier. */
@ApiTags('control slip')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class ControlSlipController {
  constructor(
    private readonly slip: ControlSlipRepository,
    private readonly access: DossierAccess,
    private readonly db: DataSource,
  ) {}

  /**
   * Every hand-over to the minute: giver, receiver, agency and the giving step's outcome. Staff of an
   * agency the dossier passed through (receiving, competent or holding a step) and administrators.
   */
  @Get(':code/control-slip')
  @Roles(...READERS)
  async controlSlip(@Param('code') code: string, @CurrentUser() user: AuthUser): Promise<ControlSlipView> {
    return this.load(code, user);
  }

  /** The same control slip as a printable PDF (Vietnamese, A4 landscape). */
  @Get(':code/control-slip.pdf')
  @ApiProduces('application/pdf')
  @Roles(...READERS)
  async controlSlipPdf(@Param('code') code: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const pdf = await controlSlipPdf(await this.load(code, user));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="phieu-kiem-soat-${code}.pdf"` });
  }

  private async load(code: string, user: AuthUser): Promise<ControlSlipView> {
    const m = this.db.manager;
    const { instance } = await this.access.load(m, code, user);
    return controlSlipView(instance, await this.slip.entries(m, code));
  }
}
