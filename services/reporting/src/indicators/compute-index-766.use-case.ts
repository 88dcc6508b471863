import { Injectable } from '@nestjs/common';
import { FactsView } from '../facts/facts-view';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { AgencyPeriod } from '../summary/agency-period.query';
import { ComputeIndicatorsUseCase, Indicators, Rate } from './compute-indicators.use-case';
import { LostPointDossier, LostPointReason, LostPointsRepository, nextCursor } from './lost-points.repository';

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
  /** The dossiers that cost this group points, the first 100 of each reason by dossier code (empty when none were lost). */
  lostPointDossiers: LostPointDossier[];
  /**
   * Per reason of the group (when it lost points): how many dossiers it concerns (the count the indicators imply)
   * and the cursor of the rest after `lostPointDossiers` (`GET index-766/lost-points?reason=&after=`), null when none.
   */
  lostPoints: LostPointsSummary[];
}

export interface LostPointsSummary {
  reason: LostPointReason;
  total: number;
  nextCursor: string | null;
}

/** The reasons a group's points are lost for. */
const GROUP_REASONS: Record<GroupCode, LostPointReason[]> = {
  TRANSPARENCY: [],
  PROGRESS: ['RESOLVED_LATE', 'IN_PROGRESS_OVERDUE'],
  ONLINE: ['NOT_ONLINE'],
  DIGITIZATION: ['NOT_DIGITIZED', 'NOT_REUSED'],
  SATISFACTION: ['RESOLVED_LATE', 'DISSATISFIED'],
};

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

/** The scores of the computed groups (null: not computable), and whether each group lost points. */
function groupScores(ind: Indicators): { score: Record<GroupCode, number | null>; lost: Record<GroupCode, boolean> } {
  const scoreOrFull = (r: Rate, threshold: number, points: number) => (r.rate === null ? points : thresholdScore(r, threshold, points));
  const sat = ind.satisfaction;
  const score: Record<GroupCode, number | null> = {
    TRANSPARENCY: null,
    PROGRESS: scoreOrFull(ind.onTimeRate, 1, 20),
    ONLINE: scoreOrFull(ind.onlineShare, 0.5, 22),
    // 22 points over two inputs with a threshold each (DOMAIN.md §7: 80% / 80%); the even split is ours (to verify)
    DIGITIZATION: round2(scoreOrFull(ind.digitization.dossiers, 0.8, 11) + scoreOrFull(ind.digitization.reuse, 0.8, 11)),
    SATISFACTION: sat.computable ? round2(Math.min(sat.rate / 0.9, 1) * 18) : null,
  };
  const max: Record<GroupCode, number> = { TRANSPARENCY: 18, PROGRESS: 20, ONLINE: 22, DIGITIZATION: 22, SATISFACTION: 18 };
  const lost = Object.fromEntries(
    (Object.keys(score) as GroupCode[]).map((g) => [g, score[g] !== null && (score[g] as number) < max[g]]),
  ) as Record<GroupCode, boolean>;
  return { score, lost };
}

function thresholdScore(r: Rate, threshold: number, points: number): number {
  return round2(Math.min((r.rate ?? 0) / threshold, 1) * points);
}

/**
 * Decision 766/QĐ-TTg index of an agency for a period, the groups our events can feed: progress and
 * results (on-time rate, 20 points), online services (online share of dossiers, threshold 50%,
 * 22 points — the share of procedures offered online is not in our data), digitization (dossiers fully
 * digitized and dossiers reusing digitized data, threshold 80% each, 11 + 11 points) and satisfaction (when
 * rated). Transparency has no input and is marked so. An input with nothing to count (rate null) scores full
 * points: no dossier lost any. The lost-point dossiers are listed only when asked (`dossiersPerReason`); their
 * totals always.
 */
@Injectable()
export class ComputeIndex766UseCase {
  constructor(
    private readonly view: FactsView,
    private readonly indicators: ComputeIndicatorsUseCase,
    private readonly lost: LostPointsRepository,
    private readonly tree: AggregatesRepository,
  ) {}

  /** `dossiersPerReason`: the first lost-point dossiers listed per reason (0: the totals only, no list read). */
  async execute(p: AgencyPeriod, dossiersPerReason = 0): Promise<Index766> {
    const { ind, t, pages } = await this.view.read(
      p.eventsUntil,
      async (m) => {
        const { indicators, ii06a } = await this.indicators.computeWithTotals(m, p);
        if (dossiersPerReason === 0) return { ind: indicators, t: ii06a, pages: undefined };
        // the lists of the reasons of the groups that lost points only
        const { lost } = groupScores(indicators);
        const reasons = [...new Set((Object.keys(lost) as GroupCode[]).filter((g) => lost[g]).flatMap((g) => GROUP_REASONS[g]))];
        const codes = await this.tree.codesUnder(m, p.agencyCode);
        const pages = await this.lost.firstPages(m, codes, p.start, p.end, p.asOf, dossiersPerReason, reasons);
        return { ind: indicators, t: ii06a, pages };
      },
      { agencyCode: p.agencyCode },
    );
    const missed = (r: Rate) => r.denominator - r.numerator;
    // how many dossiers each reason concerns: the misses of the on-time rate (II.06a), of the online share, of satisfaction, of digitization
    const totals: Record<LostPointReason, number> = {
      RESOLVED_LATE: t.resolved.late,
      IN_PROGRESS_OVERDUE: t.inProgress.overdue,
      NOT_ONLINE: missed(ind.onlineShare),
      DISSATISFIED: ind.satisfaction.computable ? ind.satisfaction.dissatisfied : 0,
      NOT_DIGITIZED: missed(ind.digitization.dossiers),
      NOT_REUSED: missed(ind.digitization.reuse),
    };
    const { score, lost } = groupScores(ind);
    const lostIn = (code: GroupCode): Pick<IndexGroup, 'lostPointDossiers' | 'lostPoints'> => {
      const reasons = lost[code] ? [...GROUP_REASONS[code]].sort() : [];
      return {
        lostPointDossiers: pages
          ? reasons.flatMap((reason) => (pages[reason]?.items ?? []).map((d) => ({ dossierCode: d.dossierCode, reason })))
          : [],
        lostPoints: reasons.map((reason) => ({
          reason,
          total: totals[reason],
          nextCursor: pages?.[reason] ? nextCursor(pages[reason]) : null,
        })),
      };
    };
    const sat = ind.satisfaction;
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
        ...lostIn('TRANSPARENCY'),
      },
      {
        code: 'PROGRESS',
        name: 'Tiến độ, kết quả giải quyết',
        maxPoints: 20,
        score: score.PROGRESS,
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
        ...lostIn('PROGRESS'),
      },
      {
        code: 'ONLINE',
        name: 'Cung cấp dịch vụ công trực tuyến',
        maxPoints: 22,
        score: score.ONLINE,
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
        ...lostIn('ONLINE'),
      },
      {
        code: 'DIGITIZATION',
        name: 'Số hóa hồ sơ',
        maxPoints: 22,
        score: score.DIGITIZATION,
        partial: false,
        inputs: [
          { code: 'DIGITIZED', name: 'Tỷ lệ hồ sơ được số hóa', threshold: 0.8, computable: true, value: ind.digitization.dossiers },
          { code: 'REUSED', name: 'Tỷ lệ tái sử dụng dữ liệu số hóa', threshold: 0.8, computable: true, value: ind.digitization.reuse },
        ],
        ...lostIn('DIGITIZATION'),
      },
      {
        code: 'SATISFACTION',
        name: 'Mức độ hài lòng',
        maxPoints: 18,
        score: score.SATISFACTION,
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
        ...lostIn('SATISFACTION'),
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
