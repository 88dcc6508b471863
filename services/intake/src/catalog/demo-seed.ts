import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { CatalogRepository } from './catalog.repository';
import { DEMO_AGENCIES, DEMO_PROCEDURES } from './demo-catalog';

/** Loads the demo province and procedures when SEED_DEMO_DATA is on (idempotent upserts). */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    await runInTransaction(this.db, async (m) => {
      await this.catalog.upsertAgencies(m, DEMO_AGENCIES);
      await this.catalog.upsertProcedures(m, DEMO_PROCEDURES);
    });
    this.logger.log(`Demo catalog loaded: ${DEMO_AGENCIES.length} agencies, ${DEMO_PROCEDURES.length} procedures`);
  }
}
