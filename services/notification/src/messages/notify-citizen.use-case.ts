import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ResultDeliveryMethod } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { maskDigits, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { DossierRecipientRepository } from '../recipients/dossier-recipient.repository';
import { MessageRepository } from './message.repository';
import { dueSmsMessages } from './templates';

/** A fact about a dossier that may call for a message to its citizen. */
export type NotifyCitizenCommand =
  | {
      kind: 'RECEIVED';
      dossierCode: string;
      receivedAt: Date;
      applicantName: string;
      phone: string | null;
      procedureName: string;
      appointmentAt: Date;
      resultDelivery: ResultDeliveryMethod;
      receivingAgencyCode: string;
      competentAgencyCode: string;
    }
  | { kind: 'RESOLVED'; dossierCode: string; resolvedAt: Date }
  | { kind: 'DELIVERED_BY_POST'; dossierCode: string; deliveredAt: Date };

/**
 * Records the fact, then queues the messages the dossier's known facts call for. Order-tolerant
 * (a result that arrives before the dossier is stored and announced once the dossier is known) and
 * idempotent (queueing is `ON CONFLICT DO NOTHING` on the message's purpose).
 */
@Injectable()
export class NotifyCitizenUseCase {
  private readonly logger = new Logger(NotifyCitizenUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly recipients: DossierRecipientRepository,
    private readonly messages: MessageRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async execute(cmd: NotifyCitizenCommand): Promise<string[]> {
    return runInTransaction(this.db, async (m) => {
      const recipient =
        cmd.kind === 'RECEIVED'
          ? await this.recipients.recordReceived(m, cmd)
          : cmd.kind === 'RESOLVED'
            ? await this.recipients.recordResolved(m, cmd.dossierCode, cmd.resolvedAt)
            : await this.recipients.recordDeliveredByPost(m, cmd.dossierCode, cmd.deliveredAt);
      if (!recipient.receivedAt) {
        this.logger.debug(`Dossier ${cmd.dossierCode}: ${cmd.kind} stored; waiting for dossier.received to know the citizen`);
        return [];
      }
      const queued: string[] = [];
      for (const msg of dueSmsMessages(recipient, this.config.publicLookupUrl)) {
        const id = await this.messages.queue(m, {
          dossierCode: recipient.dossierCode,
          template: msg.template,
          channel: 'SMS',
          recipient: recipient.phone!,
          text: msg.text,
        });
        if (id) {
          queued.push(id);
          this.logger.log(`Queued SMS ${msg.template} ${id} for dossier ${recipient.dossierCode} to ${maskDigits(recipient.phone)}`);
        }
      }
      return queued;
    });
  }
}
