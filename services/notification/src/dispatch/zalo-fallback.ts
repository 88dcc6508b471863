import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maskDigits } from '@motcua/platform';
import { Message } from '../messages/message.entity';
import { MessageRepository } from '../messages/message.repository';
import { MessageComposer } from '../templates/message-composer';
import { TEMPLATE_KEYS, TemplateKey } from '../templates/template-catalog';

/**
 * Zalo → SMS fallback: the same message by SMS to the same phone, rendered from the Zalo message's
 * stored values with the active SMS template, under the Zalo message's key — so whatever asks for it
 * (sending FAILED, a permanent-failure receipt, both, or a redelivered receipt), one SMS at most.
 */
@Injectable()
export class ZaloFallback {
  private readonly logger = new Logger(ZaloFallback.name);

  constructor(
    private readonly messages: MessageRepository,
    private readonly composer: MessageComposer,
  ) {}

  /** Queues the fallback SMS in the caller's transaction; returns its id, or null when one exists or none can be made. */
  async queueSms(m: EntityManager, zalo: Message, now: Date, why: string): Promise<string | null> {
    const key = zalo.templateKey as TemplateKey | null;
    if (zalo.channel !== 'ZALO' || !key || !(key in TEMPLATE_KEYS) || !zalo.params) return null;
    const sms = await this.composer.compose(m, {
      dossierCode: zalo.dossierCode,
      pickupId: zalo.pickupId,
      pickupCentreCode: zalo.pickupCentreCode,
      messageKey: zalo.messageKey,
      purpose: TEMPLATE_KEYS[key].purpose,
      key,
      values: zalo.params,
      channel: 'SMS',
      recipient: zalo.recipient,
      fallbackOf: zalo.id,
      now,
    });
    const id = await this.messages.queue(m, sms);
    this.logger.log(
      id
        ? `Zalo ${zalo.id} ${why}: fallback SMS ${id} queued to ${maskDigits(zalo.recipient)}`
        : `Zalo ${zalo.id} ${why}: an SMS for ${zalo.messageKey} to ${maskDigits(zalo.recipient)} already exists`,
    );
    return id;
  }
}
