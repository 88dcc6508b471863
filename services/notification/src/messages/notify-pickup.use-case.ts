import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { maskDigits } from '@motcua/platform';
import { Purpose, TemplateKey } from '../templates/template-catalog';
import { ChannelTargets } from './channel-targets';
import { NotifyCitizenUseCase } from './notify-citizen.use-case';

/**
 * A fact about a postal pickup (thu gom): the dossier has no code yet, so the event itself names the
 * citizen (the applicant's phone and e-mail) and the message is keyed by the pickup —
 * `pickup:<pickupId>/<purpose>[/<occurrence>]` — so a redelivered event queues nothing more.
 */
export interface NotifyPickupCommand {
  pickupId: string;
  /** The centre the dossier is brought to (whose staff may read the messages). */
  centreCode: string;
  purpose: Purpose;
  key: TemplateKey;
  /** Distinguishes several messages of one purpose (the failed attempt); null when told once. */
  occurrence: string | null;
  phone: string | null;
  email: string | null;
  raw: Record<string, string>;
}

@Injectable()
export class NotifyPickupUseCase {
  private readonly logger = new Logger(NotifyPickupUseCase.name);

  constructor(
    private readonly db: DataSource,
    private readonly targets: ChannelTargets,
    private readonly citizen: NotifyCitizenUseCase,
  ) {}

  async execute(cmd: NotifyPickupCommand): Promise<string[]> {
    if (!cmd.phone && !cmd.email) {
      this.logger.log(`Pickup ${cmd.pickupId}: ${cmd.purpose} without a phone or e-mail; no message`);
      return [];
    }
    return runInTransaction(this.db, async (m) => {
      const targets = await this.targets.resolve(m, cmd.phone, cmd.email, `Pickup ${cmd.pickupId}`);
      const messageKey = `pickup:${cmd.pickupId}/${cmd.purpose}${cmd.occurrence ? `/${cmd.occurrence}` : ''}`;
      const queued = await this.citizen.queueOn(m, { purpose: cmd.purpose, key: cmd.key, messageKey, raw: cmd.raw }, targets, {
        dossierCode: null,
        pickupId: cmd.pickupId,
        pickupCentreCode: cmd.centreCode,
      });
      if (queued.length === 0 && targets.length > 0) {
        this.logger.debug(`Pickup ${cmd.pickupId}: ${messageKey} to ${maskDigits(cmd.phone)} already queued`);
      }
      return queued;
    });
  }
}
