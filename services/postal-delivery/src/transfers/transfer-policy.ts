import type { PostalConfig } from '../config/postal.config';

/** Channels whose dossiers have paper by default: at the counter (1) and through the post (3). */
export const DEFAULT_PAPER_CHANNELS = 'COUNTER,POSTAL';

const list = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s !== '-');

/**
 * The province's rule for paper dossiers. A dossier has paper when its channel is one of
 * `paperTransferChannels` (default COUNTER, POSTAL), or when its procedure is configured with
 * `paperTransfer` (online dossiers whose paper originals are still required). The paper travels
 * to the agency of a step when that agency is listed in `paperTransferAgencies` (`*`: every agency
 * outside the centre, the default; `-`: none).
 */
export class TransferPolicy {
  private readonly channels: Set<string>;
  private readonly agencies: Set<string> | 'ALL';

  constructor(config: Pick<PostalConfig, 'paperTransferChannels' | 'paperTransferAgencies'>) {
    this.channels = new Set(list(config.paperTransferChannels));
    this.agencies = config.paperTransferAgencies.trim() === '*' ? 'ALL' : new Set(list(config.paperTransferAgencies));
  }

  hasPaper(channel: string, procedureWantsPaper: boolean): boolean {
    return procedureWantsPaper || this.channels.has(channel);
  }

  /** Whether the paper goes to `agencyCode` when a step opens there (the centre always gets it back). */
  travelsTo(agencyCode: string, centreCode: string): boolean {
    if (agencyCode === centreCode) return true;
    return this.agencies === 'ALL' || this.agencies.has(agencyCode);
  }
}
