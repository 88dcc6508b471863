import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOSSIER_RESULT_RETURNED, DossierResultReturnedV1 } from '@motcua/contracts';
import { Outbox, runInTransaction } from '@motcua/messaging';
import { PortalSyncQueue } from '../portal/portal-sync.queue';
import { DossierRepository } from './dossier.repository';
import { canMove, DOSSIER_STATUSES, DossierStatus } from './dossier-status';

export interface AdvanceDossierCommand {
  code: string;
  to: DossierStatus;
  at: Date;
  description: string;
  /** For RETURNED: how the result reached the citizen. */
  returnMethod?: 'COUNTER' | 'POST';
  /** Move only from these statuses (e.g. a step start must not end a supplement pause). */
  onlyFrom?: DossierStatus[];
  /** For STOPPED: the agency's reason. */
  reason?: string;
  /** Who acted and where, for the national portal's progress step. */
  actor?: string;
  department?: string;
}

/**
 * Moves a dossier along its life as other services report progress. Idempotent and order-tolerant:
 * only the moves of the transition table happen, so a late duplicate changes nothing.
 */
@Injectable()
export class AdvanceDossierUseCase {
  private readonly logger = new Logger(AdvanceDossierUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly portal: PortalSyncQueue,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  async execute(cmd: AdvanceDossierCommand): Promise<void> {
    await runInTransaction(this.db, async (m) => {
      const dossier = await this.dossiers.findByCode(m, cmd.code, true);
      if (!dossier) throw new Error(`Dossier ${cmd.code} is not known to intake (yet)`); // retried by the bus
      const national = DOSSIER_STATUSES[cmd.to].national;
      const moves = canMove(dossier.status, cmd.to) && (!cmd.onlyFrom || cmd.onlyFrom.includes(dossier.status));
      if (moves) {
        dossier.status = cmd.to;
        dossier.nationalStatus = national;
      } else {
        this.logger.debug(`Dossier ${cmd.code} stays ${dossier.status} (late or repeated ${cmd.to})`);
      }
      // facts are recorded whenever their event arrives; only the status refuses to go back
      if (cmd.to === 'RESOLVED') dossier.resolvedAt = cmd.at;
      if (cmd.to === 'RETURNED') {
        dossier.resolvedAt ??= cmd.at;
        dossier.returnedAt ??= cmd.at;
      }
      if (cmd.to === 'STOPPED' && moves) {
        dossier.closedAt = cmd.at;
        dossier.closedReason = cmd.reason ?? null;
      }
      await this.dossiers.save(m, dossier);
      if (!(await this.dossiers.hasTimelineStatus(m, dossier.id, national))) {
        await this.dossiers.addTimeline(m, {
          dossierId: dossier.id,
          occurredAt: cmd.at,
          nationalStatus: national,
          description: cmd.description,
        });
      }
      if (!moves) return;
      await this.portal.record(m, dossier, {
        actor: cmd.actor ?? 'Hệ thống',
        department: cmd.department ?? dossier.competentAgencyCode,
        content: cmd.description,
        at: cmd.at,
      });
      if (cmd.to === 'RETURNED') {
        const event: DossierResultReturnedV1 = {
          dossierCode: dossier.code,
          returnedAt: cmd.at.toISOString(),
          method: cmd.returnMethod ?? 'COUNTER',
        };
        await this.outbox.add(DOSSIER_RESULT_RETURNED, 1, event, { correlationId: dossier.code });
      }
    });
  }
}
