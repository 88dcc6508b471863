import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DossierReceivedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { ProcedureConfigRepository } from '../charges/charges';
import { PostalConfig } from '../config/postal.config';
import { TransferPolicy } from './transfer-policy';
import { TransferRepository } from './transfer.repository';

/** A received dossier with paper: the paper is at the receiving centre (idempotent). */
@Injectable()
export class RecordPaperUseCase {
  private readonly policy: TransferPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly transfers: TransferRepository,
    private readonly configs: ProcedureConfigRepository,
    @Inject(SERVICE_CONFIG) config: PostalConfig,
  ) {
    this.policy = new TransferPolicy(config);
  }

  async execute(e: DossierReceivedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const { paperTransfer } = await this.configs.forProcedure(m, e.procedureCode);
      if (!this.policy.hasPaper(e.channel, paperTransfer)) return;
      await this.transfers.insertPaper(m, {
        dossierCode: e.dossierCode,
        centreCode: e.receivingAgencyCode,
        channel: e.channel,
        procedureCode: e.procedureCode,
        procedureName: e.procedureName,
        locationCode: e.receivingAgencyCode,
        previousLocationCode: null,
        copyHolders: [],
        locationSince: new Date(e.receivedAt),
        resolvedAt: null,
      });
    });
  }
}
