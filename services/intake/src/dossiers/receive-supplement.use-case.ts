import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_SUPPLEMENT_RECEIVED, DossierSupplementReceivedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { formatLocal } from './dossier.view';
import { isOnlineReplay, OnlineIdempotency, recordOnlineRequest } from '../integrators/online-requests';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { assertReceivingAgency, assertStatus } from './dossier-access';
import { Dossier } from './dossier.entity';
import { DossierRepository } from './dossier.repository';
import { DossierSupplement } from './dossier-supplement.entity';
import { DOSSIER_STATUSES } from './dossier-status';

/** The citizen handed in the supplement (counter or online): back to status 4, routing resumes the clock. */
@Injectable()
export class ReceiveSupplementUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(code: string, user: AuthUser, note: string | undefined, at: Date, idempotency?: OnlineIdempotency): Promise<Dossier> {
    return runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, code, true);
      assertReceivingAgency(dossier, user);
      if (idempotency && (await isOnlineReplay(m, idempotency, dossier.id))) return dossier;
      assertStatus(dossier, ['SUPPLEMENT_REQUESTED'], 'nhận hồ sơ bổ sung');
      if (dossier.supplementDeadlineAt && at.getTime() > dossier.supplementDeadlineAt.getTime()) {
        throw new DomainError('INTAKE.SUPPLEMENT_DEADLINE_PASSED', 'UNPROCESSABLE', 'Đã quá hạn bổ sung hồ sơ', [
          {
            field: 'supplementDeadlineAt',
            rule: 'beforeDeadline',
            message: `Hạn bổ sung hồ sơ là ${formatLocal(dossier.supplementDeadlineAt)}; hồ sơ bổ sung sau thời hạn không được tiếp nhận`,
          },
        ]);
      }
      dossier.supplementDeadlineAt = null;
      await m
        .getRepository(DossierSupplement)
        .update({ dossierId: dossier.id, receivedAt: IsNull() }, { receivedAt: at, receivedBy: user.sub, note: note ?? null });
      dossier.status = 'IN_PROCESS';
      dossier.nationalStatus = DOSSIER_STATUSES.IN_PROCESS.national;
      await this.dossiers.save(m, dossier);
      const description = note ? `Tiếp nhận hồ sơ bổ sung: ${note}` : 'Tiếp nhận hồ sơ bổ sung, tiếp tục giải quyết';
      await this.dossiers.addTimeline(m, { dossierId: dossier.id, occurredAt: at, nationalStatus: dossier.nationalStatus, description });
      await this.portal.record(m, dossier, { actor: user.name, department: user.agencyCode, content: description, at });
      const event: DossierSupplementReceivedV1 = { dossierCode: dossier.code, receivedAt: at.toISOString(), ...(note ? { note } : {}) };
      await this.outbox.add(DOSSIER_SUPPLEMENT_RECEIVED, 1, event, { correlationId: dossier.code });
      if (idempotency) await recordOnlineRequest(m, idempotency, dossier.id);
      return dossier;
    });
  }
}
