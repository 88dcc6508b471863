import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { EmailAdapter } from '../channels/email.adapter';
import { NotificationConfig } from '../config/notification.config';
import { maskAddress } from '../messages/mask-address';
import { digestDue, parseDigestRecipients, secondsOfDay } from './digest-time';
import { digestEmail, groupByAgency } from './digest.view';
import { StaffAlertRepository } from './staff-alert.repository';

/**
 * Once the local send time (`DIGEST_SEND_AT`) has passed, e-mails today's digest to each agency's
 * configured addresses (`DIGEST_RECIPIENTS`) that has alerts and has not had it yet. Per agency, one
 * transaction: insert the `digest_run` marker (a second replica blocks on it, then finds it and sends
 * nothing), send, commit; a failed send rolls the marker back and the next tick tries again.
 */
@Injectable()
export class SendDigestsUseCase {
  private readonly logger = new Logger(SendDigestsUseCase.name);
  private readonly sendAt: number;
  private readonly recipients: Map<string, string[]>;

  constructor(
    private readonly db: DataSource,
    private readonly alerts: StaffAlertRepository,
    private readonly email: EmailAdapter,
    @Inject(SERVICE_CONFIG) config: NotificationConfig,
  ) {
    this.sendAt = secondsOfDay(config.digestSendAt);
    this.recipients = parseDigestRecipients(config.digestRecipients);
  }

  /** Returns the agencies whose digest was sent by this call. */
  async execute(now = new Date()): Promise<string[]> {
    const date = digestDue(now, this.sendAt);
    if (!date || this.recipients.size === 0) return [];
    const agencies = (await this.alerts.agenciesWithAlerts(this.db.manager, date)).filter((a) => this.recipients.get(a)?.length);
    const sent: string[] = [];
    for (const agency of agencies) {
      try {
        if (await this.sendOne(agency, date)) sent.push(agency);
      } catch (err) {
        this.logger.warn(`Digest ${date} for ${agency} not sent: ${(err as Error).message}; next tick retries`);
      }
    }
    return sent;
  }

  private sendOne(agency: string, date: string): Promise<boolean> {
    const to = this.recipients.get(agency) ?? [];
    return runInTransaction(this.db, async (m) => {
      const alerts = await this.alerts.listForDigest(m, date, agency);
      if (!(await this.alerts.claimRun(m, agency, date, to.length, alerts.length))) return false;
      const [digest] = groupByAgency(alerts, new Map());
      const { subject, text } = digestEmail(date, digest);
      for (const address of to) {
        const r = await this.email.send({ messageId: `digest-${date}-${agency}-${to.indexOf(address)}`, to: address, subject, text });
        if (!r.ok) throw new Error(`e-mail to ${maskAddress(address)}: ${r.error}`);
      }
      this.logger.log(`Digest ${date} for ${agency}: ${alerts.length} alert(s) to ${to.length} address(es)`);
      return true;
    });
  }
}
