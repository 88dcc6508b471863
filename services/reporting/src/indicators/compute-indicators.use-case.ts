import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defaultLegalClock, LegalClock } from '@motcua/calendar';
import { AgencyPeriod } from '../summary/agency-period.query';
import { Ii06aRepository } from '../forms/ii06a.repository';
import { sumIi06a } from '../forms/build-ii06a-form.use-case';
import { IndicatorsRepository } from './indicators.repository';

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
  /** (resolved early + on time + in progress within deadline) ÷ (resolved + in progress), as in II.06a. */
  onTimeRate: Rate;
  /** Mean working time (legal clock: office hours, working days) from receipt to resolution, resolved in the period. */
  averageProcessingTime: { dossiers: number; workingMinutes: number | null; workingDays: number | null };
}

const MINUTES_PER_WORKING_DAY = 8 * 60;

@Injectable()
export class ComputeIndicatorsUseCase {
  private readonly clock: LegalClock = defaultLegalClock();

  constructor(
    private readonly db: DataSource,
    private readonly indicators: IndicatorsRepository,
    private readonly forms: Ii06aRepository,
  ) {}

  async execute(p: AgencyPeriod): Promise<Indicators> {
    const m = this.db.manager;
    const [channels, spans, rows] = await Promise.all([
      this.indicators.channelCounts(m, p.agencyCode, p.start, p.end),
      this.indicators.processingSpans(m, p.agencyCode, p.start, p.end),
      this.forms.rowsByField(m, p.agencyCode, p.start, p.end, p.asOf),
    ]);
    const t = sumIi06a(rows);
    const minutes = spans.reduce((sum, s) => sum + this.clock.workingMinutesBetween(s.receivedAt, s.resolvedAt), 0);
    const mean = spans.length === 0 ? null : minutes / spans.length;
    return {
      agencyCode: p.agencyCode,
      from: p.from,
      to: p.to,
      asOf: p.asOf.toISOString(),
      bcciIntakeShare: rate(channels.receivedPostal, channels.received),
      bcciReturnShare: rate(channels.returnedByPost, channels.returned),
      onlineShare: rate(channels.receivedOnline, channels.received),
      onTimeRate: rate(t.resolved.early + t.resolved.onTime + t.inProgress.withinDeadline, t.resolved.total + t.inProgress.total),
      averageProcessingTime: {
        dossiers: spans.length,
        workingMinutes: mean === null ? null : Math.round(mean * 10) / 10,
        workingDays: mean === null ? null : Math.round((mean / MINUTES_PER_WORKING_DAY) * 100) / 100,
      },
    };
  }
}
