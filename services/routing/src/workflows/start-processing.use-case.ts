import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierReceivedV1, PROCESSING_STEP_STARTED, ProcessingStepStartedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { TaskRepository } from '../tasks/task.repository';

/**
 * Opens the workflow of a received dossier at the competent agency. The walking skeleton has one
 * step whose budget is the whole appointment; multi-step liên thông definitions come later.
 */
@Injectable()
export class StartProcessingUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(e: DossierReceivedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const startedAt = new Date();
      const dueAt = new Date(e.appointmentAt);
      const instance = await this.tasks.insertInstance(m, {
        dossierCode: e.dossierCode,
        procedureCode: e.procedureCode,
        procedureName: e.procedureName,
        competentAgencyCode: e.competentAgencyCode,
        status: 'ACTIVE',
        startedAt,
        dueAt,
        resolvedAt: null,
        timeliness: null,
        resultSummary: null,
      });
      if (!instance) return; // already started (a second copy of the same dossier event)
      const task = await this.tasks.insertTask(m, {
        instanceId: instance.id,
        dossierCode: e.dossierCode,
        stepKey: 'resolve',
        name: `Giải quyết hồ sơ: ${e.procedureName}`,
        agencyCode: e.competentAgencyCode,
        role: 'SPECIALIST',
        status: 'OPEN',
        startedAt,
        dueAt,
        completedAt: null,
        completedBy: null,
        outcome: null,
      });
      const event: ProcessingStepStartedV1 = {
        dossierCode: e.dossierCode,
        stepId: task.id,
        stepName: task.name,
        agencyCode: task.agencyCode,
        startedAt: startedAt.toISOString(),
        dueAt: dueAt.toISOString(),
      };
      await this.outbox.add(PROCESSING_STEP_STARTED, 1, event, { correlationId: e.dossierCode });
    });
  }
}
