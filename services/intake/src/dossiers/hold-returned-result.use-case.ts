import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostalDeliveryCancelledV1, PostalDeliveryReturnedV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { DossierRepository } from './dossier.repository';

export const RESULT_HELD_AT_COUNTER = 'Kết quả chuyển hoàn, giữ tại bộ phận một cửa';
export const RESULT_NOT_BY_POST = 'Kết quả không chuyển phát qua bưu điện, giữ tại bộ phận một cửa';

/** The post brought an undeliverable result back: it waits at the counter (the dossier stays 9). */
@Injectable()
export class HoldReturnedResultUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
  ) {}

  async execute(e: PostalDeliveryReturnedV1): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, e.dossierCode, true);
      if (!dossier) throw new Error(`Dossier ${e.dossierCode} is not known to intake (yet)`); // retried by the bus
      if (await this.dossiers.hasTimelineDescription(m, dossier.id, RESULT_HELD_AT_COUNTER)) return;
      await this.dossiers.addTimeline(m, {
        dossierId: dossier.id,
        occurredAt: new Date(e.returnedAt),
        nationalStatus: dossier.nationalStatus,
        description: RESULT_HELD_AT_COUNTER,
      });
    });
  }

  /** The post will not carry the result (order cancelled, or the procedure forbids it): it waits at the counter (stays 9). */
  async executeCancelled(e: PostalDeliveryCancelledV1): Promise<void> {
    const description = `${RESULT_NOT_BY_POST} — ${e.reason}`.normalize('NFC').slice(0, 1000);
    await runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, e.dossierCode, true);
      if (!dossier) throw new Error(`Dossier ${e.dossierCode} is not known to intake (yet)`); // retried by the bus
      if (await this.dossiers.hasTimelineDescription(m, dossier.id, description)) return;
      await this.dossiers.addTimeline(m, {
        dossierId: dossier.id,
        occurredAt: new Date(e.cancelledAt),
        nationalStatus: dossier.nationalStatus,
        description,
      });
    });
  }
}
