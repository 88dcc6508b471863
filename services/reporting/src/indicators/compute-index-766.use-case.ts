import { Injectable } from '@nestjs/common';
import { FactsView } from '../facts/facts-view';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { AgencyPeriod } from '../summary/agency-period.query';
import { ComputeIndicatorsUseCase, Rate } from './compute-indicators.use-case';
import { IndicatorsRepository, LostPointReason } from './indicators.repository';

export type GroupCode = 'TRANSPARENCY' | 'PROGRESS' | 'ONLINE' | 'DIGITIZATION' | 'SATISFACTION';

export interface IndexInput {
  code: string;
  name: string;
  /** A threshold indicator scores min(rate / threshold, 1) × points. */
  threshold: number;
  computable: boolean;
  /** Why it cannot be computed from reporting's data, when it cannot. */
  notComputableReason?: string;
  value?: Rate;
}

export interface IndexGroup {
  code: GroupCode;
  name: string;
  maxPoints: number;
  /** Points scored; null when no input of the group is computable. */
  score: number | null;
  /** Some inputs of the group are not computable: the score is over the computable ones only. */
  partial: boolean;
  inputs: IndexInput[];
  /** Every dossier that cost this group points (empty when none were lost). */
  lostPointDossiers: Array<{ dossierCode: string; reason: LostPointReason }>;
}

export interface Index766 {
  agencyCode: string;
  from: string;
  to: string;
  asOf: string;
  /** Sum of the computed groups' scores, out of `computableMaxPoints`. */
  score: number;
  computableMaxPoints: number;
  maxPoints: 100;
  groups: IndexGroup[];
}

const NO_DATA = (what: string) => `Chưa có dữ liệu: ${what}`;

const round2 = (n: number) => Math.round(n * 100) / 100;

function thresholdScore(r: Rate, threshold: number, points: number): number {
  return round2(Math.min((r.rate ?? 0) / threshold, 1) * points);
}

/**
 * Decision 766/QĐ-TTg index of an agency for a period, the groups our events can feed: progress and
 * results (on-time rate, 20 points) and online services (online share of dossiers, threshold 50%,
 * 22 points — the share of procedures offered online is not in our data). Transparency, digitization
 * and satisfaction have no input yet and are marked so. An input with nothing to count (rate null)
 * scores full points: no dossier lost any.
 */
@Injectable()
export class ComputeIndex766UseCase {
  constructor(
    private readonly view: FactsView,
    private readonly indicators: ComputeIndicatorsUseCase,
    private readonly repo: IndicatorsRepository,
    private readonly tree: AggregatesRepository,
  ) {}

  async execute(p: AgencyPeriod): Promise<Index766> {
    const [ind, lost] = await this.view.read(
      p.eventsUntil,
      async (m) =>
        [
          await this.indicators.compute(m, p),
          await this.repo.lostPointDossiers(m, await this.tree.codesUnder(m, p.agencyCode), p.start, p.end, p.asOf),
        ] as const,
      { agencyCode: p.agencyCode },
    );
    const lostFor = (...reasons: LostPointReason[]) => lost.filter((d) => reasons.includes(d.reason));
    const scoreOrFull = (r: Rate, threshold: number, points: number) => (r.rate === null ? points : thresholdScore(r, threshold, points));

    const progressScore = scoreOrFull(ind.onTimeRate, 1, 20);
    const onlineScore = scoreOrFull(ind.onlineShare, 0.5, 22);
    const sat = ind.satisfaction;
    const satisfactionScore = sat.computable ? round2(Math.min(sat.rate / 0.9, 1) * 18) : null;
    const groups: IndexGroup[] = [
      {
        code: 'TRANSPARENCY',
        name: 'Công khai, minh bạch',
        maxPoints: 18,
        score: null,
        partial: true,
        inputs: [
          {
            code: 'PUBLICATION',
            name: 'Công khai thủ tục, tiến độ giải quyết',
            threshold: 1,
            computable: false,
            notComputableReason: NO_DATA('công khai thủ tục'),
          },
        ],
        lostPointDossiers: [],
      },
      {
        code: 'PROGRESS',
        name: 'Tiến độ, kết quả giải quyết',
        maxPoints: 20,
        score: progressScore,
        partial: false,
        inputs: [
          {
            code: 'ON_TIME_RATE',
            name: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
            threshold: 1,
            computable: true,
            value: ind.onTimeRate,
          },
        ],
        lostPointDossiers: progressScore < 20 ? lostFor('RESOLVED_LATE', 'IN_PROGRESS_OVERDUE') : [],
      },
      {
        code: 'ONLINE',
        name: 'Cung cấp dịch vụ công trực tuyến',
        maxPoints: 22,
        score: onlineScore,
        partial: true,
        inputs: [
          { code: 'ONLINE_SHARE', name: 'Tỷ lệ hồ sơ trực tuyến', threshold: 0.5, computable: true, value: ind.onlineShare },
          {
            code: 'PROCEDURES_ONLINE',
            name: 'Tỷ lệ thủ tục cung cấp trực tuyến',
            threshold: 0.8,
            computable: false,
            notComputableReason: NO_DATA('danh mục thủ tục trực tuyến'),
          },
        ],
        lostPointDossiers: onlineScore < 22 ? lostFor('NOT_ONLINE') : [],
      },
      {
        code: 'DIGITIZATION',
        name: 'Số hóa hồ sơ',
        maxPoints: 22,
        score: null,
        partial: true,
        inputs: [
          {
            code: 'DIGITIZED',
            name: 'Tỷ lệ hồ sơ được số hóa',
            threshold: 0.8,
            computable: false,
            notComputableReason: NO_DATA('số hóa hồ sơ'),
          },
          {
            code: 'REUSED',
            name: 'Tỷ lệ tái sử dụng dữ liệu số hóa',
            threshold: 0.8,
            computable: false,
            notComputableReason: NO_DATA('tái sử dụng'),
          },
        ],
        lostPointDossiers: [],
      },
      {
        code: 'SATISFACTION',
        name: 'Mức độ hài lòng',
        maxPoints: 18,
        score: satisfactionScore,
        partial: !sat.computable,
        inputs: [
          sat.computable
            ? {
                code: 'SATISFACTION',
                name: 'Mức độ hài lòng (100% − tỷ lệ trễ hạn − tỷ lệ không hài lòng)',
                threshold: 0.9,
                computable: true,
                value: { numerator: sat.resolved - sat.late - sat.dissatisfied, denominator: sat.resolved, rate: sat.rate },
              }
            : {
                code: 'SATISFACTION',
                name: 'Mức độ hài lòng',
                threshold: 0.9,
                computable: false,
                notComputableReason: NO_DATA('đánh giá của người dân'),
              },
        ],
        lostPointDossiers: satisfactionScore !== null && satisfactionScore < 18 ? lostFor('RESOLVED_LATE', 'DISSATISFIED') : [],
      },
    ];
    const computed = groups.filter((g) => g.score !== null);
    return {
      agencyCode: p.agencyCode,
      from: p.from,
      to: p.to,
      asOf: ind.asOf,
      score: round2(computed.reduce((s, g) => s + (g.score ?? 0), 0)),
      computableMaxPoints: computed.reduce((s, g) => s + g.maxPoints, 0),
      maxPoints: 100,
      groups,
    };
  }
}
