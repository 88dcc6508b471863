import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { IntakeConfig } from '../config/intake.config';
import { CatalogRepository } from './catalog.repository';
import { CatalogWriter } from './catalog-writer';
import { DEMO_AGENCIES, DEMO_PROCEDURES } from './demo-catalog';

/**
 * At start: publishes the procedure versions not yet published (made by a migration), and with
 * SEED_DEMO_DATA loads the demo province's agencies (missing ones only: an administrator's changes are
 * kept) and procedures (a version only when the content differs from the latest: the first start makes
 * version 1 of each and publishes it once; later starts add nothing).
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly writer: CatalogWriter,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seedDemoData) {
      await runInTransaction(this.db, (m) => this.catalog.insertMissingAgencies(m, DEMO_AGENCIES));
      const items = DEMO_PROCEDURES.map(({ code, ...content }) => ({ code, content }));
      const summary = await this.writer.apply(items, 'seed', false, false);
      this.logger.log(
        `Demo catalog loaded: ${DEMO_AGENCIES.length} agencies, ${DEMO_PROCEDURES.length} procedures, ${summary.newVersions.length} new versions`,
      );
    }
    const published = await this.writer.publishPending();
    if (published) this.logger.log(`Published ${published} procedure versions made by a migration`);
  }
}
