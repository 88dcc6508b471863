import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierReceivedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { ControlSlipRepository } from '../control-slip/control-slip.repository';
import { TaskRepository } from '../tasks/task.repository';
import { factsOf } from './step-condition';
import { firstSteps } from './workflow-definition';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';
import { WorkflowEngine } from './workflow-engine';

/**
 * Opens the workflow of a received dossier with the latest definition version of its procedure
 * (kept for the dossier's whole life), or the built-in one-step workflow at the competent agency
 * when the procedure has none. The first hand-over (from the one-stop counter) opens the slip.
 */
@Injectable()
export class StartProcessingUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly engine: WorkflowEngine,
    private readonly slip: ControlSlipRepository,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(e: DossierReceivedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const startedAt = new Date();
      const definition = await this.definitions.latest(m, e.procedureCode);
      const instance = await this.tasks.insertInstance(m, {
        dossierCode: e.dossierCode,
        procedureCode: e.procedureCode,
        procedureName: e.procedureName,
        competentAgencyCode: e.competentAgencyCode,
        receivingAgencyCode: e.receivingAgencyCode,
        definitionId: definition?.id ?? null,
        definitionVersion: definition?.version ?? null,
        status: 'ACTIVE',
        startedAt,
        dueAt: new Date(e.appointmentAt),
        pausedAt: null,
        pausedWorkingMinutes: 0,
        supplementCount: 0,
        countsAsLate: false,
        resolvedAt: null,
        timeliness: null,
        resultSummary: null,
        refusalReason: null,
        stopReason: null,
        applicantName: e.applicant.fullName,
        extensionCount: 0,
        facts: factsOf(e),
        supplementDueAt: null,
        stopReasonCode: null,
      });
      if (!instance) return; // already started (a second copy of the same dossier event)
      const def = await this.engine.definitionOf(m, instance);
      const from = {
        instanceId: instance.id,
        dossierCode: instance.dossierCode,
        handedOverAt: startedAt,
        giverId: 'one-stop',
        giverName: 'Bộ phận tiếp nhận và trả kết quả',
        giverAgencyCode: e.receivingAgencyCode,
        fromStepKey: null,
        fromStepName: null,
        outcome: null,
        note: null,
      };
      const { handOvers, started } = await this.engine.advance(m, instance, def, firstSteps(def), startedAt, from, 'RECEIVED');
      await this.outbox.addMany(started);
      await this.slip.record(m, handOvers);
    });
  }
}
