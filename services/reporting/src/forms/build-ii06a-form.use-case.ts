import { Injectable } from '@nestjs/common';
import { FactsView } from '../facts/facts-view';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { AggregateCountsRepository } from '../aggregates/aggregate-counts.repository';
import { AgencyPeriod } from '../summary/agency-period.query';
import { Ii06aCounts, Ii06aFieldRow, Ii06aRepository } from './ii06a.repository';

export interface Ii06aForm {
  agencyCode: string;
  from: string;
  to: string;
  /** The instant in-progress dossiers are judged within deadline / overdue at (ISO). */
  asOf: string;
  rows: Ii06aFieldRow[];
  total: Ii06aCounts;
}

function zero(): Ii06aCounts {
  return {
    received: { total: 0, online: 0, directOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    inProgress: { total: 0, withinDeadline: 0, overdue: 0 },
  };
}

/** Sums rows group by group (the form's total line). */
export function sumIi06a(rows: readonly Ii06aCounts[]): Ii06aCounts {
  const total = zero();
  for (const r of rows) {
    for (const group of ['received', 'resolved', 'inProgress'] as const) {
      const into = total[group] as unknown as Record<string, number>;
      for (const [k, v] of Object.entries(r[group] as unknown as Record<string, number>)) into[k] += v;
    }
  }
  return total;
}

/**
 * The II.06a identities: received = online + direct/postal + carried over = resolved + in progress;
 * resolved = early + on time + late; in progress = within deadline + overdue. Returns the ones broken.
 */
export function brokenIi06aIdentities(c: Ii06aCounts): string[] {
  const broken: string[] = [];
  const r = c.received;
  if (r.total !== r.online + r.directOrPostal + r.carriedOver) broken.push('received = online + directOrPostal + carriedOver');
  if (r.total !== c.resolved.total + c.inProgress.total) broken.push('received = resolved + inProgress');
  if (c.resolved.total !== c.resolved.early + c.resolved.onTime + c.resolved.late) broken.push('resolved = early + onTime + late');
  if (c.inProgress.total !== c.inProgress.withinDeadline + c.inProgress.overdue) broken.push('inProgress = withinDeadline + overdue');
  return broken;
}

/** Form II.06a of an agency for a period: a row per field of procedure (lĩnh vực) and the total. */
@Injectable()
export class BuildIi06aFormUseCase {
  constructor(
    private readonly view: FactsView,
    private readonly forms: Ii06aRepository,
    private readonly tree: AggregatesRepository,
    private readonly counts: AggregateCountsRepository,
  ) {}

  /** Live: from the pre-aggregated counts; as of a past instant (`eventsUntil`): from the replayed facts. */
  async execute(p: AgencyPeriod): Promise<Ii06aForm> {
    const rows = await this.view.read(
      p.eventsUntil,
      async (m) => {
        const codes = await this.tree.codesUnder(m, p.agencyCode);
        return p.eventsUntil === undefined
          ? this.counts.ii06aByField(m, codes, p.start, p.end, p.asOf)
          : this.forms.rowsByField(m, codes, p.start, p.end, p.asOf);
      },
      { agencyCode: p.agencyCode },
    );
    return { agencyCode: p.agencyCode, from: p.from, to: p.to, asOf: p.asOf.toISOString(), rows, total: sumIi06a(rows) };
  }
}
