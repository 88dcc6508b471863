import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { NewMessage } from '../messages/message.repository';
import { parseQuietHours, QuietHours, quietHoursRelease } from '../messages/quiet-hours';
import { SmsEncoding, smsLength, stripVietnameseDiacritics } from '../sms/sms-encoding';
import { fill, formatValues } from './placeholders';
import { DEFAULT_TEMPLATES, NotificationChannel, Purpose, TEMPLATE_KEYS, TemplateKey } from './template-catalog';
import { TemplateRepository } from './template.repository';

export interface Rendered {
  subject: string | null;
  text: string;
  /** SMS only. */
  encoding: SmsEncoding | null;
  segments: number | null;
}

/** Fills a template's subject and body; SMS text is stripped to GSM-7 when `stripDiacritics` and measured. */
export function render(
  channel: NotificationChannel,
  t: { subject?: string | null; body: string },
  values: Record<string, string>,
  stripDiacritics: boolean,
): Rendered {
  let text = fill(t.body, values);
  const subject = t.subject ? fill(t.subject, values) : null;
  let encoding: SmsEncoding | null = null;
  let segments: number | null = null;
  if (channel === 'SMS') {
    if (stripDiacritics) text = stripVietnameseDiacritics(text);
    ({ encoding, segments } = smsLength(text));
  }
  return { subject, text, encoding, segments };
}

export interface ComposeInput {
  /** The dossier, or null for a message about a postal pickup (then `pickupId`). */
  dossierCode: string | null;
  pickupId: string | null;
  pickupCentreCode?: string | null;
  /** Idempotency key (with channel and recipient), see `Message.messageKey`. */
  messageKey: string;
  purpose: Purpose;
  key: TemplateKey;
  /** Formatted placeholder values. */
  values: Record<string, string>;
  channel: NotificationChannel;
  recipient: string;
  fallbackOf?: string;
  now: Date;
}

/**
 * Builds the message to queue from the active template version of (key, channel) — the seeded default
 * if the table has none yet — and decides when it may go (quiet hours, unless the template is urgent).
 */
@Injectable()
export class MessageComposer {
  private readonly quiet: QuietHours | null;

  constructor(
    private readonly templates: TemplateRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.quiet = parseQuietHours(config.quietHours);
  }

  /** When a message due at `at` may go: quiet hours hold it unless it is urgent. */
  releaseAt(at: Date, urgent: boolean): Date {
    return urgent ? at : quietHoursRelease(at, this.quiet);
  }

  /** Formats raw values by the key's placeholder types. */
  format(key: TemplateKey, raw: Record<string, string>): Record<string, string> {
    return formatValues(raw, TEMPLATE_KEYS[key].placeholders).values;
  }

  async compose(m: EntityManager, input: ComposeInput): Promise<NewMessage> {
    const active = await this.templates.findActive(m, input.key, input.channel);
    const content = active ?? { ...DEFAULT_TEMPLATES[input.key][input.channel], version: null, urgent: false };
    const r = render(input.channel, content, input.values, this.config.smsStripDiacritics);
    return {
      dossierCode: input.dossierCode,
      pickupId: input.pickupId,
      pickupCentreCode: input.pickupCentreCode ?? null,
      messageKey: input.messageKey,
      template: input.purpose,
      channel: input.channel,
      recipient: input.recipient,
      text: r.text,
      templateKey: input.key,
      templateVersion: content.version,
      subject: r.subject,
      // every value: the ZNS template data, and what a fallback SMS is rendered from
      params: input.values,
      znsTemplateId: input.channel === 'ZALO' ? (content.znsTemplateId ?? null) : null,
      encoding: r.encoding,
      segments: r.segments,
      fallbackOf: input.fallbackOf ?? null,
      urgent: content.urgent,
      nextAttemptAt: this.releaseAt(input.now, content.urgent),
    };
  }
}
