import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { PROCESSING_DUE_SOON, PROCESSING_OVERDUE, ProcessingDueSoonV1, ProcessingOverdueV1 } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { digestDateOf, secondsOfDay } from './digest-time';
import { NewStaffAlert } from './staff-alert.repository';
import { StaffAlertRepository } from './staff-alert.repository';

/** Due-soon and overdue steps, gathered into the daily staff digest (nothing is sent per event). */
@Controller()
export class StaffAlertEventsController {
  private readonly logger = new Logger(StaffAlertEventsController.name);
  private readonly sendAt: number;

  constructor(
    private readonly db: DataSource,
    private readonly alerts: StaffAlertRepository,
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
  ) {
    this.sendAt = secondsOfDay(config.digestSendAt);
  }

  @EventPattern(PROCESSING_OVERDUE)
  async onOverdue(@Payload() e: ProcessingOverdueV1): Promise<void> {
    await this.record({ kind: 'OVERDUE', ...e, role: null, detectedAt: new Date(e.detectedAt) });
  }

  @EventPattern(PROCESSING_DUE_SOON)
  async onDueSoon(@Payload() e: ProcessingDueSoonV1): Promise<void> {
    await this.record({ kind: 'DUE_SOON', ...e, detectedAt: new Date(e.remindedAt) });
  }

  private async record(a: Omit<NewStaffAlert, 'dueAt' | 'digestDate'> & { dueAt: string }): Promise<void> {
    const alert: NewStaffAlert = {
      kind: a.kind,
      dossierCode: a.dossierCode,
      stepId: a.stepId,
      stepName: a.stepName,
      agencyCode: a.agencyCode,
      role: a.role,
      dueAt: new Date(a.dueAt),
      detectedAt: a.detectedAt,
      digestDate: digestDateOf(a.detectedAt, this.sendAt),
    };
    const added = await runInTransaction(this.db, (m) => this.alerts.add(m, alert));
    if (added)
      this.logger.log(
        `${alert.kind} step ${alert.stepId} of ${alert.dossierCode} (${alert.agencyCode}) for the digest of ${alert.digestDate}`,
      );
  }
}
