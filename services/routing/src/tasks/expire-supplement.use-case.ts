import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PROCESSING_STOPPED, ProcessingStoppedV1 } from '@motcua/contracts';
import { Outbox } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { viDateTime } from '../documents/pdf';
import { StepTimer } from '../timers/step-timer.entity';
import { TaskRepository } from './task.repository';

/** `processing.stopped` reasonCode (and `workflow_instance.stop_reason_code`) of a dossier stopped by its supplement deadline. */
export const SUPPLEMENT_EXPIRED = 'SUPPLEMENT_EXPIRED';
/** Who stopped it: the platform, not a person. */
export const SYSTEM_ACTOR = { id: 'system', name: 'Hệ thống' };

/**
 * The citizen's supplement deadline passed without the supplement: processing stops (dừng xử lý, expired).
 * Runs in the timer worker's transaction for a claimed `SUPPLEMENT_EXPIRY` timer. The timer is stale (no event)
 * when the dossier is no longer waiting for that supplement: it was received, processing ended, or a later
 * request carries another deadline. A supplement arriving afterwards is ignored (resume-after-supplement).
 */
@Injectable()
export class ExpireSupplementUseCase {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  /** Answers whether the dossier expired (false: the timer was stale). */
  async execute(m: EntityManager, timer: StepTimer, now: Date): Promise<boolean> {
    const instance = await this.tasks.lockInstanceByDossier(m, timer.dossierCode);
    const deadline = timer.dueAt ?? timer.fireAt;
    if (!instance || instance.status !== 'PAUSED' || instance.supplementDueAt?.getTime() !== deadline.getTime()) return false;
    const paused = (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'PAUSED');
    const asking = paused.find((t) => t.id === timer.taskId) ?? paused[0];
    if (!asking) return false;
    const reason = `Quá hạn bổ sung hồ sơ: công dân chưa bổ sung hồ sơ theo yêu cầu trước hạn ${viDateTime(deadline)}`;
    for (const t of paused) {
      t.completedAt = now;
      if (t.id === asking.id) {
        t.status = 'STOPPED';
        t.completedBy = SYSTEM_ACTOR.id;
        t.completedByName = SYSTEM_ACTOR.name;
        t.note = reason;
      } else {
        t.status = 'CANCELLED';
        t.note = 'Đóng do hồ sơ quá hạn bổ sung';
      }
    }
    await this.tasks.saveTasks(m, paused);
    instance.status = 'STOPPED';
    instance.resolvedAt = now;
    instance.stopReason = reason;
    instance.stopReasonCode = SUPPLEMENT_EXPIRED;
    await this.tasks.saveInstance(m, instance);
    await this.slip.record(m, [
      {
        instanceId: instance.id,
        dossierCode: instance.dossierCode,
        kind: 'STOPPED',
        handedOverAt: now,
        giverId: SYSTEM_ACTOR.id,
        giverName: SYSTEM_ACTOR.name,
        giverAgencyCode: asking.agencyCode,
        fromStepKey: asking.stepKey,
        fromStepName: asking.name,
        outcome: null,
        receiverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
        receiverRole: null,
        toStepKey: null,
        toStepName: 'Trả hồ sơ kèm thông báo dừng xử lý',
        note: reason,
      },
    ]);
    const event: ProcessingStoppedV1 = {
      dossierCode: instance.dossierCode,
      stepId: asking.id,
      agencyCode: asking.agencyCode,
      stoppedBy: SYSTEM_ACTOR.id,
      stoppedAt: now.toISOString(),
      reason,
      reasonCode: SUPPLEMENT_EXPIRED,
    };
    await this.outbox.add(PROCESSING_STOPPED, 1, event, { correlationId: instance.dossierCode, causationId: null });
    return true;
  }
}
