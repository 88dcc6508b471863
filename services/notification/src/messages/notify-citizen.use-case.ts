import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ResultDeliveryMethod } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { maskAddress } from './mask-address';
import { NotificationConfig } from '../config/notification.config';
import { DossierNoticeKind } from '../recipients/dossier-notice.entity';
import { DossierNoticeRepository } from '../recipients/dossier-notice.repository';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { DossierRecipientRepository } from '../recipients/dossier-recipient.repository';
import { MessageComposer } from '../templates/message-composer';
import { TemplateKey } from '../templates/template-catalog';
import { ChannelTarget, ChannelTargets } from './channel-targets';
import { DueMessage, dueMessages } from './due-messages';
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
  | { kind: 'REFUSED'; dossierCode: string; refusedAt: Date; reason: string }
  /** The result waits at the counter: the post brought it back (`reason` null), or it will not go by post (why). */
  | { kind: 'HELD_AT_COUNTER'; dossierCode: string; heldAt: Date; reason: string | null }
  | { kind: 'STOPPED'; dossierCode: string; stoppedAt: Date; reason: string }
  /** A fact a dossier may have several of: each occurrence is told once (see `dossier_notice`). */
  | {
      kind: 'NOTICE';
      dossierCode: string;
      notice: DossierNoticeKind;
      /** What makes this occurrence distinct: the request's step and number, the extension id, the attempt. */
      occurrence: string;
      templateKey: TemplateKey;
      values: Record<string, string>;
      occurredAt: Date;
    };

/**
 * Records the fact, then queues the messages the dossier's known facts call for, on the channels the
 * citizen's phone prefers (else the configured default, SMS). Order-tolerant (a result that arrives
 * before the dossier is stored and announced once the dossier is known) and idempotent (queueing is
 * `ON CONFLICT DO NOTHING` on (message key, channel, recipient)).
 */
@Injectable()
export class NotifyCitizenUseCase {
  private readonly logger = new Logger(NotifyCitizenUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly recipients: DossierRecipientRepository,
    private readonly notices: DossierNoticeRepository,
    private readonly messages: MessageRepository,
    private readonly targets: ChannelTargets,
    private readonly composer: MessageComposer,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async execute(cmd: NotifyCitizenCommand): Promise<string[]> {
    return runInTransaction(this.db, async (m) => {
      const recipient = await this.record(m, cmd);
      if (!recipient.receivedAt) {
        this.logger.debug(`Dossier ${cmd.dossierCode}: ${cmd.kind} stored; waiting for dossier.received to know the citizen`);
        return [];
      }
      const targets = await this.targets.resolve(m, recipient.phone, recipient.email, `Dossier ${recipient.dossierCode}`);
      if (targets.length === 0) return [];
      const notices = await this.notices.listByDossier(m, recipient.dossierCode);
      const queued: string[] = [];
      for (const due of dueMessages(recipient, notices, this.config.publicLookupUrl)) {
        queued.push(...(await this.queueOn(m, due, targets, { dossierCode: recipient.dossierCode, pickupId: null })));
      }
      return queued;
    });
  }

  /** Queues one due message on each target channel; returns the ids of the new ones. */
  async queueOn(
    m: EntityManager,
    due: DueMessage,
    targets: ChannelTarget[],
    about: { dossierCode: string | null; pickupId: string | null; pickupCentreCode?: string | null },
  ): Promise<string[]> {
    const values = this.composer.format(due.key, due.raw);
    const now = new Date();
    const queued: string[] = [];
    for (const { channel, address } of targets) {
      const msg = await this.composer.compose(m, { ...about, ...due, values, channel, recipient: address, now });
      const id = await this.messages.queue(m, msg);
      if (!id) continue;
      queued.push(id);
      const when = msg.nextAttemptAt > now ? ` (quiet hours: not before ${msg.nextAttemptAt.toISOString()})` : '';
      this.logger.log(`Queued ${channel} ${due.purpose} ${id} (${due.messageKey}) to ${maskAddress(address)}${when}`);
    }
    return queued;
  }

  private async record(m: EntityManager, cmd: NotifyCitizenCommand): Promise<DossierRecipient> {
    switch (cmd.kind) {
      case 'RECEIVED':
        return this.recipients.recordReceived(m, cmd);
      case 'RESOLVED':
        return this.recipients.recordResolved(m, cmd.dossierCode, cmd.resolvedAt);
      case 'DELIVERED_BY_POST':
        return this.recipients.recordDeliveredByPost(m, cmd.dossierCode, cmd.deliveredAt);
      case 'REFUSED':
        return this.recipients.recordRefused(m, cmd.dossierCode, cmd.refusedAt, cmd.reason);
      case 'HELD_AT_COUNTER':
        return this.recipients.recordHeldAtCounter(m, cmd.dossierCode, cmd.heldAt, cmd.reason);
      case 'STOPPED':
        return this.recipients.recordStopped(m, cmd.dossierCode, cmd.stoppedAt, cmd.reason);
      case 'NOTICE': {
        const recipient = await this.recipients.touch(m, cmd.dossierCode);
        await this.notices.record(m, {
          dossierCode: cmd.dossierCode,
          kind: cmd.notice,
          occurrence: cmd.occurrence,
          templateKey: cmd.templateKey,
          values: cmd.values,
          occurredAt: cmd.occurredAt,
        });
        return recipient;
      }
    }
  }
}
