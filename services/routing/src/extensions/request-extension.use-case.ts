import { Injectable } from '@nestjs/common';
import { PROCESSING_EXTENDED, ProcessingExtendedV1 } from '@motcua/contracts';
import { DomainError } from '@motcua/platform';
import { TaskActionCommand, TaskActions } from '../tasks/task-action';
import { TaskRepository } from '../tasks/task.repository';
import { TimerPlanner } from '../timers/timer-planner';
import { ExtensionRepository } from './extension.repository';
import { ProcessingExtension } from './processing-extension.entity';

export interface RequestExtensionCommand extends TaskActionCommand {
  newAppointmentAt: Date;
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
    private readonly tasks: TaskRepository,
    private readonly actions: TaskActions,
    private readonly extensions: ExtensionRepository,
    private readonly timers: TimerPlanner,
  ) {}

  async execute(cmd: RequestExtensionCommand): Promise<ProcessingExtension> {
    return this.actions.inTransaction(cmd, async (m, locked) => {
      const { instance, task } = locked;
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
      await this.timers.armAll(
        m,
        moved.filter((x) => x.status === 'OPEN'),
        cmd.at,
      );
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
      await this.actions.handBackToCounter(m, locked, cmd, 'EXTENDED', 'Phiếu xin lỗi và hẹn lại ngày trả kết quả');
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
      await this.actions.publish(PROCESSING_EXTENDED, event, instance);
      return extension;
    });
  }
}
