import { Injectable } from '@nestjs/common';
import { PROCESSING_STOPPED, ProcessingStoppedV1 } from '@motcua/contracts';
import { Task } from './task.entity';
import { TaskActionCommand, TaskActions } from './task-action';

export type StopProcessingCommand = TaskActionCommand;

/** Stops processing the dossier (dừng xử lý, national status 8), with the reason: processing ends, other open steps close. */
@Injectable()
export class StopProcessingUseCase {
  constructor(private readonly actions: TaskActions) {}

  async execute(cmd: StopProcessingCommand): Promise<Task> {
    return this.actions.inTransaction(
      cmd,
      async (m, locked) => {
        const stopped = await this.actions.endProcessing(m, locked, cmd, {
          status: 'STOPPED',
          reasonField: 'stopReason',
          cancelNote: 'Đóng do hồ sơ bị dừng xử lý',
          toStepName: 'Trả hồ sơ kèm thông báo dừng xử lý',
        });
        const { instance, task } = locked;
        const event: ProcessingStoppedV1 = {
          dossierCode: instance.dossierCode,
          stepId: task.id,
          agencyCode: task.agencyCode,
          stoppedBy: cmd.actor.sub,
          stoppedAt: cmd.at.toISOString(),
          reason: cmd.reason,
        };
        await this.actions.publish(PROCESSING_STOPPED, event, instance);
        return stopped;
      },
      { allowPaused: true },
    );
  }
}
