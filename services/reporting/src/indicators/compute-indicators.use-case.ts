import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyPeriod } from '../summary/agency-period.query';
import { Ii06aCounts, Ii06aRepository } from '../forms/ii06a.repository';
import { sumIi06a } from '../forms/build-ii06a-form.use-case';
import { FactsView } from '../facts/facts-view';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { ChannelCounts, IndicatorsRepository, ProcedureProcessingTime, ProcessCounts } from './indicators.repository';
import { AggregateCountsRepository } from '../aggregates/aggregate-counts.repository';

/** A share: numerator ÷ denominator rounded to 4 decimals, null when nothing is counted. */
export interface Rate {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

export interface Indicators {
  agencyCode: string;
  from: string;
  to: string;
  asOf: string;
  /** Dossiers received in the period by post (BCCI, channel POSTAL) ÷ received in the period. */
  bcciIntakeShare: Rate;
  /** Results returned in the period by post ÷ results returned in the period. */
  bcciReturnShare: Rate;
  /** Dossiers received online in the period ÷ received in the period. */
  onlineShare: Rate;
  /**
   * Digitization (số hóa, `dossier.document-digitized`): dossiers received in the period fully digitized (every
   * component received) ÷ received; reusing digitized data ÷ received; resolved in the period with the result
   * digitized ÷ resolved.
   */
  digitization: { dossiers: Rate; reuse: Rate; results: Rate };
  /** (resolved early + on time + in progress within deadline) ÷ (resolved + in progress), as in II.06a. */
  onTimeRate: Rate;
  /**
   * Mean working time (legal clock: office hours, working days) from receipt to resolution of the dossiers resolved
   * in the period, over all and per procedure (`procedureCode` null: unknown).
   */
  averageProcessingTime: AverageTime & { byProcedure: Array<AverageTime & { procedureCode: string | null }> };
  /** Supplement requests of the II.06a population; a second request makes a dossier count as late. */
  supplements: { dossiers: number; requests: number; dossiersCountedLate: number };
  /** Extensions (processing.extended) of the II.06a population: dossiers extended and extensions in all. */
  extensions: { dossiers: number; extensions: number };
  /** Refusals, stops (processing.refused / processing.stopped) and withdrawals (dossier.withdrawn) in the period. */
  refusals: number;
  stops: number;
  withdrawals: number;
  /**
   * Result deliveries by post whose order was created in the period: success rate = delivered ÷
   * (delivered + returned to sender); mean hours from order creation to delivery.
   */
  postalDelivery: { orders: number; delivered: number; returned: number; successRate: Rate; meanHoursToDeliver: number | null };
  /**
   * Messages about the population's dossiers: attempted = sent + failed at sending; delivery rate =
   * (sent − reported undeliverable) ÷ attempted.
   */
  messages: { attempted: number; sent: number; failedSending: number; undeliverable: number; deliveryRate: Rate };
  /**
   * Satisfaction (DOMAIN.md §7) over the dossiers resolved in the period: 100% − (late rate +
   * dissatisfied rate), both ÷ resolved; not computable while none of them was rated.
   */
  satisfaction: Satisfaction;
}

export type Satisfaction =
  | { computable: true; resolved: number; late: number; rated: number; dissatisfied: number; rate: number }
  | (NotComputable & { resolved: number; rated: 0 });

export interface AverageTime {
  dossiers: number;
  workingMinutes: number | null;
  workingDays: number | null;
}

export interface NotComputable {
  computable: false;
  reason: string;
}

const notComputable = (reason: string): NotComputable => ({ computable: false, reason });

const MINUTES_PER_WORKING_DAY = 8 * 60;

function averageTime(dossiers: number, ms: number): AverageTime {
  const mean = dossiers === 0 ? null : ms / 60_000 / dossiers;
  return {
    dossiers,
    workingMinutes: mean === null ? null : Math.round(mean * 10) / 10,
    workingDays: mean === null ? null : Math.round((mean / MINUTES_PER_WORKING_DAY) * 100) / 100,
  };
}

function averageProcessingTime(times: ProcedureProcessingTime[]): Indicators['averageProcessingTime'] {
  const all = times.reduce((a, t) => ({ dossiers: a.dossiers + t.dossiers, ms: a.ms + t.ms }), { dossiers: 0, ms: 0 });
  return {
    ...averageTime(all.dossiers, all.ms),
    byProcedure: times.map((t) => ({ procedureCode: t.procedureCode || null, ...averageTime(t.dossiers, t.ms) })),
  };
}

@Injectable()
export class ComputeIndicatorsUseCase {
  constructor(
    private readonly view: FactsView,
    private readonly indicators: IndicatorsRepository,
    private readonly forms: Ii06aRepository,
    private readonly tree: AggregatesRepository,
    private readonly counts: AggregateCountsRepository,
  ) {}

  execute(p: AgencyPeriod): Promise<Indicators> {
    return this.view.read(p.eventsUntil, (m) => this.compute(m, p), { agencyCode: p.agencyCode });
  }

  /**
   * The indicators over the facts `m` reads: live (the channel counts, II.06a and the process counts from the
   * pre-aggregated counts), or as of a past instant (`p.eventsUntil`: everything from the replayed facts).
   */
  async compute(m: EntityManager, p: AgencyPeriod): Promise<Indicators> {
    return (await this.computeWithTotals(m, p)).indicators;
  }

  /** `compute`, and the II.06a totals the on-time rate came from (the index's lost-point totals). */
  async computeWithTotals(m: EntityManager, p: AgencyPeriod): Promise<{ indicators: Indicators; ii06a: Ii06aCounts }> {
    const codes = await this.tree.codesUnder(m, p.agencyCode);
    const live = p.eventsUntil === undefined;
    // live: one read of the counts feeds the channel shares, II.06a and the process counts
    const flows = live ? await this.counts.flowsByField(m, codes, p.start, p.end) : undefined;
    const channels = flows
      ? await this.counts.channelShares(m, codes, p.start, p.end, flows)
      : await this.indicators.channelCounts(m, codes, p.start, p.end);
    const times = flows
      ? await this.counts.processingTimeByProcedure(m, codes, p.start, p.end)
      : await this.indicators.processingTimeByProcedure(m, codes, p.start, p.end);
    const rows = flows
      ? await this.counts.ii06aByField(m, codes, p.start, p.end, p.asOf, flows)
      : await this.forms.rowsByField(m, codes, p.start, p.end, p.asOf);
    const c = flows
      ? await this.counts.processCounts(m, codes, p.start, p.end, flows)
      : await this.indicators.processCounts(m, codes, p.start, p.end);
    const t = sumIi06a(rows);
    return { indicators: this.assemble(p, channels, t, c, times), ii06a: t };
  }

  private assemble(
    p: AgencyPeriod,
    channels: ChannelCounts,
    t: Ii06aCounts,
    c: ProcessCounts,
    times: ProcedureProcessingTime[],
  ): Indicators {
    return {
      agencyCode: p.agencyCode,
      from: p.from,
      to: p.to,
      asOf: p.asOf.toISOString(),
      bcciIntakeShare: rate(channels.receivedPostal, channels.received),
      bcciReturnShare: rate(channels.returnedByPost, channels.returned),
      onlineShare: rate(channels.receivedOnline, channels.received),
      digitization: {
        dossiers: rate(channels.receivedDigitized, channels.received),
        reuse: rate(channels.receivedReused, channels.received),
        results: rate(channels.resultsDigitized, channels.resolvedIssued),
      },
      onTimeRate: rate(t.resolved.early + t.resolved.onTime + t.inProgress.withinDeadline, t.resolved.total + t.inProgress.total),
      averageProcessingTime: averageProcessingTime(times),
      supplements: {
        dossiers: c.dossiersWithSupplements,
        requests: c.supplementRequests,
        dossiersCountedLate: c.dossiersLateBySupplements,
      },
      extensions: { dossiers: c.dossiersExtended, extensions: c.extensions },
      refusals: c.refused,
      stops: c.stopped,
      withdrawals: c.withdrawn,
      postalDelivery: {
        orders: c.postalOrders,
        delivered: c.postalDelivered,
        returned: c.postalReturned,
        successRate: rate(c.postalDelivered, c.postalDelivered + c.postalReturned),
        meanHoursToDeliver: c.postalMeanHours === null ? null : Math.round(c.postalMeanHours * 10) / 10,
      },
      messages: {
        attempted: c.messagesSent + c.messagesFailedSending,
        sent: c.messagesSent,
        failedSending: c.messagesFailedSending,
        undeliverable: c.messagesFailedDelivery,
        deliveryRate: rate(Math.max(c.messagesSent - c.messagesFailedDelivery, 0), c.messagesSent + c.messagesFailedSending),
      },
      satisfaction:
        c.resolvedRated === 0
          ? { ...notComputable('Chưa có đánh giá của người dân cho hồ sơ đã giải quyết trong kỳ'), resolved: c.resolved, rated: 0 }
          : {
              computable: true,
              resolved: c.resolved,
              late: c.resolvedLate,
              rated: c.resolvedRated,
              dissatisfied: c.resolvedDissatisfied,
              rate: Math.max(0, Math.round((1 - (c.resolvedLate + c.resolvedDissatisfied) / c.resolved) * 10_000) / 10_000),
            },
    };
  }
}
