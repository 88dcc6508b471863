import { Injectable } from '@nestjs/common';
import { AggregatesRepository } from '../aggregates/aggregates.repository';
import { FactsView } from '../facts/facts-view';
import { AgencyPeriod } from '../summary/agency-period.query';
import {
  decodeLostPointCursor,
  LOST_POINTS_PER_REASON,
  LostPointItem,
  LostPointReason,
  LostPointsRepository,
  nextCursor,
} from './lost-points.repository';

export interface LostPointsPage {
  agencyCode: string;
  from: string;
  to: string;
  asOf: string;
  reason: LostPointReason;
  items: LostPointItem[];
  /** Pass as `after` for the next page; null after the last. */
  nextCursor: string | null;
}

/**
 * A page of the dossiers that lost the agency Decision 766 points for a reason (the whole list of what
 * `index-766` counts in `lostPoints[].total`), by dossier code after the cursor; live or as of an instant.
 */
@Injectable()
export class ListLostPointsUseCase {
  constructor(
    private readonly view: FactsView,
    private readonly tree: AggregatesRepository,
    private readonly repo: LostPointsRepository,
  ) {}

  async execute(p: AgencyPeriod, reason: LostPointReason, after?: string, limit = LOST_POINTS_PER_REASON): Promise<LostPointsPage> {
    // the query validated the cursor: it decodes
    const afterCode = after === undefined ? null : decodeLostPointCursor(after);
    const page = await this.view.read(
      p.eventsUntil,
      async (m) => this.repo.page(m, await this.tree.codesUnder(m, p.agencyCode), p.start, p.end, p.asOf, reason, afterCode, limit),
      { agencyCode: p.agencyCode },
    );
    return {
      agencyCode: p.agencyCode,
      from: p.from,
      to: p.to,
      asOf: p.asOf.toISOString(),
      reason,
      items: page.items,
      nextCursor: nextCursor(page),
    };
  }
}
