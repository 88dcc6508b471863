import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { checkDefinition, StepDefinition } from './workflow-definition';
import { WorkflowDefinition } from './workflow-definition.entity';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';

export interface CreateWorkflowVersionCommand {
  procedureCode: string;
  name: string;
  steps: StepDefinition[];
  actor: AuthUser;
}

/** An administrator publishes a new version; dossiers received from now on use it, running ones keep theirs. */
@Injectable()
export class CreateWorkflowVersionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly definitions: WorkflowDefinitionRepository,
  ) {}

  async execute(cmd: CreateWorkflowVersionCommand): Promise<WorkflowDefinition> {
    const problems = checkDefinition({ steps: cmd.steps });
    if (problems.length) throw new DomainError('ROUTING.WORKFLOW_INVALID', 'INVALID', 'Quy trình không hợp lệ', problems);
    return runInTransaction(this.db, async (m) => {
      await this.definitions.lockProcedure(m, cmd.procedureCode);
      const latest = await this.definitions.latest(m, cmd.procedureCode);
      return this.definitions.insert(m, {
        procedureCode: cmd.procedureCode,
        version: (latest?.version ?? 0) + 1,
        name: cmd.name,
        steps: cmd.steps.map(normalizeStep),
        createdBy: cmd.actor.sub,
      });
    });
  }
}

/** Stores plain objects with only the known fields (no DTO class instances in jsonb). */
function normalizeStep(s: StepDefinition): StepDefinition {
  const agency = 'code' in s.agency && s.agency.code ? { code: s.agency.code } : { rule: (s.agency as { rule: 'competentAgency' }).rule };
  return {
    key: s.key,
    name: s.name,
    agency,
    role: s.role,
    ...(s.budget ? { budget: { workingDays: s.budget.workingDays ?? 0, workingHours: s.budget.workingHours ?? 0 } } : {}),
    ...(s.after?.length ? { after: [...s.after] } : {}),
    ...(s.condition !== undefined ? { condition: JSON.parse(JSON.stringify(s.condition)) as StepDefinition['condition'] } : {}),
  };
}
