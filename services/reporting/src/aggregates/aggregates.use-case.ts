import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { FactsView } from '../facts/facts-view';
import { Ii06aCounts } from '../forms/ii06a.repository';
import { sumIi06a } from '../forms/build-ii06a-form.use-case';
import { localPeriod } from '../summary/local-period';
import { AggregatesQuery } from './aggregates.query';
import { AggregatesRepository, AgencyNode } from './aggregates.repository';
import { Granularity, localBuckets } from './buckets';
import { managerOf } from '@motcua/messaging';
import { AggregateCountsRepository } from './aggregate-counts.repository';

export interface BucketCounts {
  from: string;
  to: string;
  counts: Ii06aCounts;
}

export interface AgencySeries {
  agencyCode: string;
  name: string | null;
  level: string | null;
  /** Its dossiers and those of every agency under it. */
  buckets: BucketCounts[];
}

export interface Aggregates {
  agencyCode: string;
  granularity: Granularity;
  from: string;
  to: string;
  asOf: string;
  /** The agency's subtree: its own dossiers plus every child's roll-up. */
  buckets: BucketCounts[];
  /** The dossiers the agency itself is competent for. */
  own: BucketCounts[];
  /** One roll-up per direct child (the child and everything under it). */
  children: AgencySeries[];
}

/**
 * The II.06a counters per day / month / quarter / year, rolled up along the agency tree: an agency's
 * buckets = its own dossiers + the sum of its children's roll-ups. Flows (received in the bucket,
 * resolved) add up across buckets; stocks (carried over, in progress) do not — the month's carried
 * over is its first day's, its in progress its last day's.
 */
@Injectable()
export class AggregatesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly view: FactsView,
    private readonly repo: AggregatesRepository,
    private readonly counts: AggregateCountsRepository,
  ) {}

  async execute(query: AggregatesQuery, user: AuthUser, now = new Date()): Promise<Aggregates> {
    const agencyCode = query.agency ?? user.agencyCode;
    const { end } = localPeriod(query.from, query.to);
    const buckets = localBuckets(query.from, query.to, query.granularity);
    const eventsUntil = query.asOf === undefined ? undefined : new Date(query.asOf);
    const asOf = new Date(Math.min(end.getTime(), now.getTime(), eventsUntil?.getTime() ?? Infinity));

    const allowed =
      user.roles.includes('ADMIN') ||
      user.agencyCode === agencyCode ||
      (await this.repo.subtree(managerOf(this.db), user.agencyCode)).some((a) => a.code === agencyCode);
    if (!allowed) throw new DomainError('REPORTING.AGENCY_FORBIDDEN', 'FORBIDDEN', 'Không có quyền xem số liệu của cơ quan khác');

    return this.view.read(
      eventsUntil,
      async (m) => {
        const found = await this.repo.subtree(m, agencyCode);
        // an agency reporting does not know is a leaf
        const tree: AgencyNode[] = found.length > 0 ? found : [{ code: agencyCode, parentCode: null, level: '', name: '' }];
        const parentOf = new Map(tree.map((a) => [a.code, a.parentCode]));
        const children = tree.filter((a) => a.parentCode === agencyCode);
        /** The direct child of the agency whose subtree holds `code`, or the agency itself. */
        const branchOf = (code: string): string => {
          let c = code;
          while (c !== agencyCode && parentOf.get(c) !== agencyCode) c = parentOf.get(c) as string;
          return c;
        };
        // live: from the pre-aggregated counts; "as of": from the replayed facts
        const rows = await (eventsUntil ? this.repo : this.counts).countsByBucketAndAgency(
          m,
          tree.map((a) => a.code),
          buckets,
          asOf,
        );
        // the rows of each branch and bucket, grouped once (a province-year by day: 365 buckets × 20-odd branches)
        const grouped = new Map<string, Ii06aCounts[]>();
        const branchOfAgency = new Map<string, string>();
        for (const r of rows) {
          let branch = branchOfAgency.get(r.agencyCode);
          if (branch === undefined) branchOfAgency.set(r.agencyCode, (branch = branchOf(r.agencyCode)));
          const key = `${branch} ${r.bucket}`;
          const list = grouped.get(key);
          if (list) list.push(r.counts);
          else grouped.set(key, [r.counts]);
        }
        const series = (branch: string): BucketCounts[] =>
          buckets.map((b, i) => ({ from: b.from, to: b.to, counts: sumIi06a(grouped.get(`${branch} ${i}`) ?? []) }));
        const own = series(agencyCode);
        const childSeries = children.map((c) => ({ agencyCode: c.code, name: c.name, level: c.level, buckets: series(c.code) }));
        return {
          agencyCode,
          granularity: query.granularity,
          from: query.from,
          to: query.to,
          asOf: asOf.toISOString(),
          buckets: buckets.map((b, i) => ({
            from: b.from,
            to: b.to,
            counts: sumIi06a([own[i].counts, ...childSeries.map((c) => c.buckets[i].counts)]),
          })),
          own,
          children: childSeries,
        };
      },
      { agencyCode },
    );
  }
}
