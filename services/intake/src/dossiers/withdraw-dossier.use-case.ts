import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_WITHDRAWN, DossierWithdrawnV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { isOnlineReplay, OnlineIdempotency, recordOnlineRequest } from '../integrators/online-requests';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { assertReceivingAgency, assertStatus } from './dossier-access';
import { Dossier } from './dossier.entity';
import { DossierRepository } from './dossier.repository';
import { DOSSIER_STATUSES } from './dossier-status';

/** The citizen withdraws the dossier (status 7) before it has a result. */
@Injectable()
export class WithdrawDossierUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(code: string, user: AuthUser, reason: string, at: Date, idempotency?: OnlineIdempotency): Promise<Dossier> {
    return runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, code, true);
      assertReceivingAgency(dossier, user);
      if (idempotency && (await isOnlineReplay(m, idempotency, dossier.id))) return dossier;
      assertStatus(dossier, ['RECEIVED', 'IN_PROCESS', 'SUPPLEMENT_REQUESTED'], 'rút hồ sơ');
      dossier.status = 'WITHDRAWN';
      dossier.nationalStatus = DOSSIER_STATUSES.WITHDRAWN.national;
      dossier.closedAt = at;
      dossier.closedReason = reason;
      await this.dossiers.save(m, dossier);
      const description = `Công dân yêu cầu rút hồ sơ: ${reason}`;
      await this.dossiers.addTimeline(m, { dossierId: dossier.id, occurredAt: at, nationalStatus: dossier.nationalStatus, description });
      await this.portal.record(m, dossier, { actor: user.name, department: user.agencyCode, content: description, at });
      const event: DossierWithdrawnV1 = { dossierCode: dossier.code, withdrawnAt: at.toISOString(), reason };
      await this.outbox.add(DOSSIER_WITHDRAWN, 1, event, { correlationId: dossier.code });
      if (idempotency) await recordOnlineRequest(m, idempotency, dossier.id);
      return dossier;
    });
  }
}
