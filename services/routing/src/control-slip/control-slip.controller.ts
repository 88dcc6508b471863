import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DOSSIER_CODE_PATTERN } from '@motcua/contracts';
import { DomainError } from '@motcua/platform';
import { TaskRepository } from '../tasks/task.repository';
import { toMinute } from '../workflows/timeliness';
import { ControlSlipRepository } from './control-slip.repository';

/** The control slip (phiếu kiểm soát quá trình giải quyết hồ sơ) of a dossier. */
@ApiTags('control slip')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class ControlSlipController {
  constructor(
    private readonly slip: ControlSlipRepository,
    private readonly tasks: TaskRepository,
    private readonly db: DataSource,
  ) {}

  /**
   * Every hand-over to the minute: giver, receiver, agency and the giving step's outcome. Staff of an
   * agency the dossier passed through (receiving, competent or holding a step) and administrators.
   */
  @Get(':code/control-slip')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR', 'ADMIN')
  async controlSlip(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    if (!DOSSIER_CODE_PATTERN.test(code)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'code', rule: 'isDossierCode', message: 'Mã hồ sơ không đúng định dạng' },
      ]);
    }
    const m = this.db.manager;
    const instance = await this.tasks.findInstanceByDossier(m, code);
    const tasks = instance ? await this.tasks.tasksOfDossier(m, code) : [];
    const agencies = new Set([instance?.receivingAgencyCode, instance?.competentAgencyCode, ...tasks.map((t) => t.agencyCode)]);
    if (!instance || (!agencies.has(user.agencyCode) && !user.roles.includes('ADMIN'))) {
      throw new DomainError('ROUTING.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    }
    const entries = await this.slip.entries(m, code);
    return {
      dossierCode: instance.dossierCode,
      procedureCode: instance.procedureCode,
      procedureName: instance.procedureName,
      workflowVersion: instance.definitionVersion,
      status: instance.status,
      appointmentAt: toLocalIso(instance.dueAt),
      pausedWorkingMinutes: instance.pausedWorkingMinutes,
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
      })),
    };
  }
}
