import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProcedureVersionPublishedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { CatalogRepository } from './catalog.repository';

/** Keeps each published procedure version (idempotent; a late older version is stored but never wins on its own). */
@Injectable()
export class RecordProcedureVersionUseCase {
  private readonly logger = new Logger(RecordProcedureVersionUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
  ) {}

  async execute(e: ProcedureVersionPublishedV1): Promise<void> {
    const fresh = await runInTransaction(this.db, (m) =>
      this.catalog.insert(m, {
        procedureCode: e.procedureCode,
        version: e.version,
        name: e.name.normalize('NFC'),
        effectiveFrom: e.effectiveFrom,
        effectiveTo: e.effectiveTo ?? null,
        components: e.components.map((c) => ({
          code: c.code,
          name: c.name.normalize('NFC'),
          form: c.form,
          quantity: c.quantity,
          required: c.required,
          ...(c.condition ? { condition: c.condition.normalize('NFC') } : {}),
        })),
        fees: e.fees.map((f) => ({ name: f.name.normalize('NFC'), amountVnd: f.amountVnd })),
        postMayCarryDossier: e.postMayCarryDossier,
        postMayCarryResult: e.postMayCarryResult,
        publishedAt: new Date(e.publishedAt),
      }),
    );
    if (!fresh) this.logger.debug(`Procedure ${e.procedureCode} v${e.version} already known`);
  }
}
