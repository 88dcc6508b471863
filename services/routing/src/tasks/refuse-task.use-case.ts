import { Injectable } from '@nestjs/common';
import { PROCESSING_REFUSED, ProcessingRefusedV1 } from '@motcua/contracts';
import { Task } from './task.entity';
import { TaskActionCommand, TaskActions } from './task-action';

export type RefuseTaskCommand = TaskActionCommand;

/** Refuses to resolve the dossier, with the reason: processing ends, other open steps close. */
@Injectable()
export class RefuseTaskUseCase {
  constructor(private readonly actions: TaskActions) {}

  async execute(cmd: RefuseTaskCommand): Promise<Task> {
    return this.actions.inTransaction(
      cmd,
      async (m, locked) => {
        const refused = await this.actions.endProcessing(m, locked, cmd, {
          status: 'REFUSED',
          reasonField: 'refusalReason',
          cancelNote: 'Đóng do hồ sơ bị từ chối giải quyết',
          toStepName: 'Trả hồ sơ kèm văn bản từ chối',
        });
        const { instance, task } = locked;
        const event: ProcessingRefusedV1 = {
          dossierCode: instance.dossierCode,
          stepId: task.id,
          agencyCode: task.agencyCode,
          refusedBy: cmd.actor.sub,
          refusedAt: cmd.at.toISOString(),
          reason: cmd.reason,
        };
        await this.actions.publish(PROCESSING_REFUSED, event, instance);
        return refused;
      },
      { allowPaused: true },
    );
  }
}
