import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { RoutingConfig } from '../config/routing.config';
import { checkDefinition } from './workflow-definition';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';
import { WORKFLOW_SEEDS } from './seeds';

/** Loads the seed workflow definitions (idempotent; an administrator's later versions are kept). */
@Injectable()
export class WorkflowSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkflowSeed.name);

  constructor(
    private readonly db: DataSource,
    private readonly definitions: WorkflowDefinitionRepository,
    @Inject(SERVICE_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedWorkflows) return;
    let inserted = 0;
    await runInTransaction(this.db, async (m) => {
      for (const seed of WORKFLOW_SEEDS) {
        const problems = checkDefinition(seed);
        if (problems.length) throw new Error(`Seed workflow ${seed.procedureCode} is invalid: ${JSON.stringify(problems)}`);
        if (await this.definitions.insertSeed(m, seed)) inserted++;
      }
    });
    this.logger.log(`Workflow seeds: ${inserted} inserted, ${WORKFLOW_SEEDS.length - inserted} already present`);
  }
}
