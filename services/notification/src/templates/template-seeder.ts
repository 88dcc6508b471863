import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { TemplateRepository } from './template.repository';

/** Seeds version 1 of every default template that is missing, before consumers and the dispatcher start. */
@Injectable()
export class TemplateSeeder implements OnModuleInit {
  private readonly logger = new Logger(TemplateSeeder.name);

  constructor(
    private readonly db: DataSource,
    private readonly templates: TemplateRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const inserted = await runInTransaction(this.db, (m) => this.templates.seedDefaults(m));
    if (inserted > 0) this.logger.log(`Seeded ${inserted} default template(s)`);
  }
}
