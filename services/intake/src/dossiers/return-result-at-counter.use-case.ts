import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_RESULT_RETURNED, DossierResultReturnedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { DomainError } from '@motcua/platform';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { assertReceivingAgency, assertStatus } from './dossier-access';
import { Dossier } from './dossier.entity';
import { DossierRepository } from './dossier.repository';
import { DOSSIER_STATUSES } from './dossier-status';

/** The result is handed over at the counter (status 10), recording who took it. */
@Injectable()
export class ReturnResultAtCounterUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(
    code: string,
    user: AuthUser,
    receiver: { fullName: string; idNumber: string },
    at: Date,
    originalsChecked = false,
  ): Promise<Dossier> {
    return runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, code, true);
      assertReceivingAgency(dossier, user);
      assertStatus(dossier, ['RESOLVED'], 'trả kết quả');
      // received online under online level PARTIAL: the originals are checked before the result is handed over
      if (dossier.originalsRequiredAtReturn && !originalsChecked) {
        throw new DomainError('INTAKE.ORIGINALS_NOT_CHECKED', 'UNPROCESSABLE', 'Cần đối chiếu bản chính trước khi trả kết quả', [
          {
            field: 'originalsChecked',
            rule: 'requiredWhenOriginalsAtReturn',
            message: 'Hồ sơ nộp trực tuyến một phần: công dân xuất trình bản chính giấy tờ khi nhận kết quả, cần xác nhận đã đối chiếu',
          },
        ]);
      }
      dossier.status = 'RETURNED';
      dossier.nationalStatus = DOSSIER_STATUSES.RETURNED.national;
      dossier.returnedAt = at;
      dossier.returnedTo = { fullName: receiver.fullName.normalize('NFC'), idNumber: receiver.idNumber };
      await this.dossiers.save(m, dossier);
      const description =
        originalsChecked && dossier.originalsRequiredAtReturn
          ? 'Đã đối chiếu bản chính và trả kết quả tại bộ phận một cửa'
          : 'Đã trả kết quả tại bộ phận một cửa';
      await this.dossiers.addTimeline(m, { dossierId: dossier.id, occurredAt: at, nationalStatus: dossier.nationalStatus, description });
      await this.portal.record(m, dossier, { actor: user.name, department: user.agencyCode, content: description, at });
      const event: DossierResultReturnedV1 = { dossierCode: dossier.code, returnedAt: at.toISOString(), method: 'COUNTER' };
      await this.outbox.add(DOSSIER_RESULT_RETURNED, 1, event, { correlationId: dossier.code });
      return dossier;
    });
  }
}
