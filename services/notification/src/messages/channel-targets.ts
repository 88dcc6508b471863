import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { maskDigits, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { PhonePreferenceRepository } from '../preferences/phone-preference.repository';
import { NotificationChannel } from '../templates/template-catalog';

export interface ChannelTarget {
  channel: NotificationChannel;
  address: string;
}

/**
 * Where a citizen's messages go: nowhere when the phone opted out; else on the phone's preferred
 * channels or the configured default. Zalo without a configured provider becomes SMS; e-mail needs an
 * address (the preference's, else the one given with the dossier or pickup) and a relay.
 */
@Injectable()
export class ChannelTargets {
  private readonly logger = new Logger(ChannelTargets.name);
  private readonly defaultChannels: NotificationChannel[];

  constructor(
    private readonly preferences: PhonePreferenceRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.defaultChannels = [...new Set(config.defaultChannels.split(',') as NotificationChannel[])];
  }

  /** `about` names the dossier or pickup in the log line of an opt-out. */
  async resolve(m: EntityManager, phone: string | null, email: string | null, about: string): Promise<ChannelTarget[]> {
    const pref = phone ? await this.preferences.find(m, phone) : null;
    if (pref?.optedOut) {
      this.logger.log(`${about}: ${maskDigits(phone)} opted out; no message`);
      return [];
    }
    const out: ChannelTarget[] = [];
    for (const wanted of pref?.channels ?? this.defaultChannels) {
      const channel: NotificationChannel = wanted === 'ZALO' && !this.config.zaloZnsUrl ? 'SMS' : wanted;
      const address = channel === 'EMAIL' ? (this.config.smtpUrl ? (pref?.email ?? email) : null) : phone;
      if (address && !out.some((t) => t.channel === channel)) out.push({ channel, address });
    }
    return out;
  }
}
