import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { PROCESSING_EXTENDED, ProcessingExtendedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { TaskRepository } from '../tasks/task.repository';
import { TimerPlanner } from '../timers/timer-planner';
import { timelinessOf } from '../workflows/timeliness';
import { WorkflowEngine } from '../workflows/workflow-engine';
import { ExtensionRepository } from './extension.repository';
import { ProcessingExtension } from './processing-extension.entity';

export interface RequestExtensionCommand {
  taskId: string;
  reason: string;
  newAppointmentAt: Date;
  actor: AuthUser;
  at: Date;
}

/**
 * Before the appointment passes, the agency holding a step asks for more time: the apology with a new
 * appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả) is issued, the dossier's appointment and the
 * due instants of its open steps move to the new appointment (timers re-armed), and
 * `processing.extended` tells intake and notification.
 */
@Injectable()
export class RequestExtensionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly engine: WorkflowEngine,
    private readonly extensions: ExtensionRepository,
    private readonly slip: ControlSlipRepository,
    private readonly timers: TimerPlanner,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: RequestExtensionCommand): Promise<ProcessingExtension> {
    return runInTransaction(this.db, async (m) => {
      const { instance, task } = await this.engine.lockForAction(m, cmd.taskId, cmd.actor);
      const previous = instance.dueAt;
      if (cmd.at.getTime() >= previous.getTime()) {
        throw new DomainError('ROUTING.APPOINTMENT_PASSED', 'UNPROCESSABLE', 'Đã quá hạn trả kết quả, không thể xin gia hạn', [
          { field: 'newAppointmentAt', rule: 'requestedBeforeAppointment', message: 'Phải xin gia hạn trước thời điểm hẹn trả kết quả' },
        ]);
      }
      if (cmd.newAppointmentAt.getTime() <= previous.getTime()) {
        throw new DomainError('ROUTING.EXTENSION_NOT_LATER', 'UNPROCESSABLE', 'Ngày hẹn mới phải sau ngày hẹn hiện tại', [
          { field: 'newAppointmentAt', rule: 'afterCurrentAppointment', message: 'Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại' },
        ]);
      }
      instance.dueAt = cmd.newAppointmentAt;
      instance.extensionCount += 1;
      await this.tasks.saveInstance(m, instance);
      const moved = (await this.tasks.currentTasks(m, instance.id)).filter(
        (t) => (t.status === 'OPEN' || t.status === 'PAUSED') && t.dueAt.getTime() < cmd.newAppointmentAt.getTime(),
      );
      for (const t of moved) t.dueAt = cmd.newAppointmentAt;
      await this.tasks.saveTasks(m, moved);
      for (const t of moved.filter((x) => x.status === 'OPEN')) await this.timers.arm(m, t, cmd.at);
      const extension = await this.extensions.insert(m, {
        instanceId: instance.id,
        dossierCode: instance.dossierCode,
        taskId: task.id,
        stepName: task.name,
        agencyCode: task.agencyCode,
        requestedBy: cmd.actor.sub,
        requestedByName: cmd.actor.name,
        requestedAt: cmd.at,
        previousAppointmentAt: previous,
        newAppointmentAt: cmd.newAppointmentAt,
        reason: cmd.reason,
      });
      await this.slip.record(m, [
        {
          instanceId: instance.id,
          dossierCode: instance.dossierCode,
          kind: 'EXTENDED',
          handedOverAt: cmd.at,
          giverId: cmd.actor.sub,
          giverName: cmd.actor.name,
          giverAgencyCode: task.agencyCode,
          fromStepKey: task.stepKey,
          fromStepName: task.name,
          outcome: timelinessOf(cmd.at, task.dueAt),
          receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
          receiverRole: null,
          toStepKey: null,
          toStepName: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
          note: cmd.reason,
        },
      ]);
      const event: ProcessingExtendedV1 = {
        dossierCode: instance.dossierCode,
        extensionId: extension.id,
        stepId: task.id,
        agencyCode: task.agencyCode,
        requestedBy: cmd.actor.sub,
        requestedAt: cmd.at.toISOString(),
        previousAppointmentAt: previous.toISOString(),
        newAppointmentAt: cmd.newAppointmentAt.toISOString(),
        reason: cmd.reason,
      };
      await this.outbox.add(PROCESSING_EXTENDED, 1, event, { correlationId: instance.dossierCode });
      return extension;
    });
  }
}
