import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierSupplementReceivedV1, PROCESSING_RESUMED, ProcessingResumedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { WorkingCalendarService } from '@motcua/platform';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { TaskRepository } from '../tasks/task.repository';
import { SUPPLEMENT_EXPIRED } from '../tasks/expire-supplement.use-case';
import { TimerPlanner } from '../timers/timer-planner';

/**
 * The citizen's supplement arrived: the clock resumes. The dossier's appointment and each paused
 * step's due instant move by the working time between the request and the receipt (not counted).
 */
@Injectable()
export class ResumeAfterSupplementUseCase {
  private readonly logger = new Logger(ResumeAfterSupplementUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly slip: ControlSlipRepository,
    private readonly timers: TimerPlanner,
    @Inject(Outbox) private readonly outbox: Outbox,
    private readonly calendar: WorkingCalendarService,
  ) {}

  async execute(e: DossierSupplementReceivedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const instance = await this.tasks.lockInstanceByDossier(m, e.dossierCode);
      if (instance?.stopReasonCode === SUPPLEMENT_EXPIRED) {
        // the deadline passed and processing stopped: a late supplement reopens nothing (every copy alike)
        this.logger.warn(
          { dossierCode: e.dossierCode, receivedAt: e.receivedAt, deadline: instance.supplementDueAt?.toISOString() ?? null },
          'Supplement received after the dossier expired: ignored',
        );
        return;
      }
      if (!instance || instance.status !== 'PAUSED' || !instance.pausedAt) {
        // no supplement outstanding (unknown dossier, or already resumed): nothing to move
        this.logger.warn({ dossierCode: e.dossierCode, status: instance?.status ?? null }, 'Supplement received without a pending request');
        return;
      }
      const receivedAt = new Date(Math.max(new Date(e.receivedAt).getTime(), instance.pausedAt.getTime()));
      const paused = Math.round(this.calendar.clock().workingMinutesBetween(instance.pausedAt, receivedAt));
      const shift = (d: Date) => (paused > 0 ? this.calendar.clock().addWorkingMinutes(d, paused) : d);
      instance.dueAt = shift(instance.dueAt);
      instance.pausedWorkingMinutes += paused;
      instance.pausedAt = null;
      instance.supplementDueAt = null;
      instance.status = 'ACTIVE';
      await this.tasks.saveInstance(m, instance);
      const waiting = (await this.tasks.currentTasks(m, instance.id)).filter((t) => t.status === 'PAUSED');
      for (const t of waiting) {
        t.status = 'OPEN';
        t.dueAt = shift(t.dueAt);
      }
      await this.tasks.saveTasks(m, waiting);
      await this.timers.cancelSupplementExpiry(m, waiting, new Date());
      await this.timers.armAll(m, waiting, new Date());
      await this.slip.record(
        m,
        waiting.map((t) => ({
          instanceId: instance.id,
          dossierCode: instance.dossierCode,
          kind: 'SUPPLEMENT_RECEIVED' as const,
          handedOverAt: receivedAt,
          giverId: 'citizen',
          giverName: 'Công dân',
          giverAgencyCode: instance.receivingAgencyCode ?? instance.competentAgencyCode,
          fromStepKey: null,
          fromStepName: null,
          outcome: null,
          receiverAgencyCode: t.agencyCode,
          receiverRole: t.role,
          toStepKey: t.stepKey,
          toStepName: t.name,
          note: e.note ?? null,
        })),
      );
      const event: ProcessingResumedV1 = {
        dossierCode: instance.dossierCode,
        resumedAt: receivedAt.toISOString(),
        pausedWorkingMinutes: paused,
        appointmentAt: instance.dueAt.toISOString(),
      };
      await this.outbox.add(PROCESSING_RESUMED, 1, event, { correlationId: instance.dossierCode });
    });
  }
}
