import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ResultDeliveryMethod } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { maskDigits, SERVICE_CONFIG } from '@motcua/platform';
import { maskAddress } from './mask-address';
import { NotificationConfig } from '../config/notification.config';
import { PhonePreferenceRepository } from '../preferences/phone-preference.repository';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { DossierRecipientRepository } from '../recipients/dossier-recipient.repository';
import { MessageComposer } from '../templates/message-composer';
import { NotificationChannel } from '../templates/template-catalog';
import { dueMessages } from './due-messages';
import { MessageRepository } from './message.repository';

/** A fact about a dossier that may call for a message to its citizen. */
export type NotifyCitizenCommand =
  | {
      kind: 'RECEIVED';
      dossierCode: string;
      receivedAt: Date;
      applicantName: string;
      phone: string | null;
      email: string | null;
      procedureName: string;
      appointmentAt: Date;
      resultDelivery: ResultDeliveryMethod;
      receivingAgencyCode: string;
      competentAgencyCode: string;
    }
  | { kind: 'RESOLVED'; dossierCode: string; resolvedAt: Date }
  | { kind: 'DELIVERED_BY_POST'; dossierCode: string; deliveredAt: Date }
  | { kind: 'SUPPLEMENT_REQUESTED'; dossierCode: string; requestedAt: Date; reason: string; items: string[] }
  | { kind: 'REFUSED'; dossierCode: string; refusedAt: Date; reason: string }
  | { kind: 'RETURNED_TO_CENTRE'; dossierCode: string; returnedAt: Date }
  | { kind: 'EXTENDED'; dossierCode: string; extendedAt: Date; reason: string; newAppointmentAt: Date }
  | { kind: 'STOPPED'; dossierCode: string; stoppedAt: Date; reason: string };

/**
 * Records the fact, then queues the messages the dossier's known facts call for, on the channels the
 * citizen's phone prefers (else the configured default, SMS). Order-tolerant (a result that arrives
 * before the dossier is stored and announced once the dossier is known) and idempotent (queueing is
 * `ON CONFLICT DO NOTHING` on (dossier, purpose, channel, recipient)).
 */
@Injectable()
export class NotifyCitizenUseCase {
  private readonly logger = new Logger(NotifyCitizenUseCase.name);
  private readonly defaultChannels: NotificationChannel[];

  constructor(
    private readonly db: DataSource,
    private readonly recipients: DossierRecipientRepository,
    private readonly messages: MessageRepository,
    private readonly preferences: PhonePreferenceRepository,
    private readonly composer: MessageComposer,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.defaultChannels = [...new Set(config.defaultChannels.split(',') as NotificationChannel[])];
  }

  async execute(cmd: NotifyCitizenCommand): Promise<string[]> {
    return runInTransaction(this.db, async (m) => {
      const recipient = await this.record(m, cmd);
      if (!recipient.receivedAt) {
        this.logger.debug(`Dossier ${cmd.dossierCode}: ${cmd.kind} stored; waiting for dossier.received to know the citizen`);
        return [];
      }
      const targets = await this.targets(m, recipient);
      const queued: string[] = [];
      const now = new Date();
      for (const due of dueMessages(recipient, this.config.publicLookupUrl)) {
        const values = this.composer.format(due.key, due.raw);
        for (const { channel, address } of targets) {
          const msg = await this.composer.compose(m, {
            dossierCode: recipient.dossierCode,
            ...due,
            values,
            channel,
            recipient: address,
            now,
          });
          const id = await this.messages.queue(m, msg);
          if (id) {
            queued.push(id);
            const when = msg.nextAttemptAt > now ? ` (quiet hours: not before ${msg.nextAttemptAt.toISOString()})` : '';
            this.logger.log(
              `Queued ${channel} ${due.purpose} ${id} for dossier ${recipient.dossierCode} to ${maskAddress(address)}${when}`,
            );
          }
        }
      }
      return queued;
    });
  }

  private record(m: EntityManager, cmd: NotifyCitizenCommand): Promise<DossierRecipient> {
    switch (cmd.kind) {
      case 'RECEIVED':
        return this.recipients.recordReceived(m, cmd);
      case 'RESOLVED':
        return this.recipients.recordResolved(m, cmd.dossierCode, cmd.resolvedAt);
      case 'DELIVERED_BY_POST':
        return this.recipients.recordDeliveredByPost(m, cmd.dossierCode, cmd.deliveredAt);
      case 'SUPPLEMENT_REQUESTED':
        return this.recipients.recordSupplementRequested(m, cmd.dossierCode, cmd.requestedAt, cmd.reason, cmd.items);
      case 'REFUSED':
        return this.recipients.recordRefused(m, cmd.dossierCode, cmd.refusedAt, cmd.reason);
      case 'RETURNED_TO_CENTRE':
        return this.recipients.recordReturnedToCentre(m, cmd.dossierCode, cmd.returnedAt);
      case 'EXTENDED':
        return this.recipients.recordExtended(m, cmd.dossierCode, cmd.extendedAt, cmd.reason, cmd.newAppointmentAt);
      case 'STOPPED':
        return this.recipients.recordStopped(m, cmd.dossierCode, cmd.stoppedAt, cmd.reason);
    }
  }

  /**
   * Channels and addresses: none when the phone opted out; else the phone's preferred channels or the
   * default. Zalo without a configured provider becomes SMS; e-mail needs an address and a relay.
   */
  private async targets(m: EntityManager, r: DossierRecipient): Promise<Array<{ channel: NotificationChannel; address: string }>> {
    const pref = r.phone ? await this.preferences.find(m, r.phone) : null;
    if (pref?.optedOut) {
      this.logger.log(`Dossier ${r.dossierCode}: ${maskDigits(r.phone)} opted out; no message`);
      return [];
    }
    const out: Array<{ channel: NotificationChannel; address: string }> = [];
    for (const wanted of pref?.channels ?? this.defaultChannels) {
      const channel: NotificationChannel = wanted === 'ZALO' && !this.config.zaloZnsUrl ? 'SMS' : wanted;
      const address = channel === 'EMAIL' ? (this.config.smtpUrl ? (pref?.email ?? r.email) : null) : r.phone;
      if (address && !out.some((t) => t.channel === channel)) out.push({ channel, address });
    }
    return out;
  }
}
