import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ChannelCounts {
  /** Received in the period (competent agency), and of those online / by post (BCCI). */
  received: number;
  receivedOnline: number;
  receivedPostal: number;
  /** Results returned in the period, and of those delivered by post. */
  returned: number;
  returnedByPost: number;
}

export interface ProcessingSpan {
  dossierCode: string;
  receivedAt: Date;
  resolvedAt: Date;
}

/** Why a dossier loses points in the Decision 766 index. */
export type LostPointReason = 'RESOLVED_LATE' | 'IN_PROGRESS_OVERDUE' | 'NOT_ONLINE';

export interface LostPointDossier {
  dossierCode: string;
  reason: LostPointReason;
}

/**
 * Indicator queries over `dossier_fact`, all scoped to the dossiers an agency is competent for
 * (the population of form II.06a) in a period [start, end).
 */
@Injectable()
export class IndicatorsRepository {
  async channelCounts(m: EntityManager, agencyCode: string, start: Date, end: Date): Promise<ChannelCounts> {
    const rows = (await m.query(
      `SELECT
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3)::int AS received,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'ONLINE')::int AS received_online,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'POSTAL')::int AS received_postal,
         count(*) FILTER (WHERE returned_at >= $2 AND returned_at < $3)::int AS returned,
         count(*) FILTER (WHERE returned_at >= $2 AND returned_at < $3 AND COALESCE(return_method, result_delivery) = 'POST')::int
           AS returned_by_post
       FROM dossier_fact WHERE competent_agency_code = $1`,
      [agencyCode, start, end],
    )) as Array<Record<string, number>>;
    const r = rows[0];
    return {
      received: r.received,
      receivedOnline: r.received_online,
      receivedPostal: r.received_postal,
      returned: r.returned,
      returnedByPost: r.returned_by_post,
    };
  }

  /** Received and resolved instants of the dossiers resolved in the period (the same set as II.06a's "resolved"). */
  async processingSpans(m: EntityManager, agencyCode: string, start: Date, end: Date): Promise<ProcessingSpan[]> {
    const rows = (await m.query(
      `SELECT dossier_code, received_at, resolved_at FROM dossier_fact
       WHERE competent_agency_code = $1 AND resolved_at >= $2 AND resolved_at < $3 AND received_at < $3
       ORDER BY dossier_code`,
      [agencyCode, start, end],
    )) as Array<{ dossier_code: string; received_at: Date; resolved_at: Date }>;
    return rows.map((r) => ({ dossierCode: r.dossier_code, receivedAt: r.received_at, resolvedAt: r.resolved_at }));
  }

  /**
   * The dossiers that cost the agency points: resolved late or in progress past their appointment
   * at `asOf` (progress and results), received in the period other than online (online services).
   */
  async lostPointDossiers(m: EntityManager, agencyCode: string, start: Date, end: Date, asOf: Date): Promise<LostPointDossier[]> {
    const rows = (await m.query(
      `SELECT dossier_code, reason FROM (
         SELECT dossier_code, CASE WHEN resolved_at IS NOT NULL AND resolved_at < $3 THEN 'RESOLVED_LATE' ELSE 'IN_PROGRESS_OVERDUE' END AS reason
         FROM dossier_fact
         WHERE competent_agency_code = $1 AND received_at < $3 AND (resolved_at IS NULL OR resolved_at >= $2)
           AND ((resolved_at < $3 AND timeliness = 'LATE') OR ((resolved_at IS NULL OR resolved_at >= $3) AND appointment_at < $4))
         UNION ALL
         SELECT dossier_code, 'NOT_ONLINE' FROM dossier_fact
         WHERE competent_agency_code = $1 AND received_at >= $2 AND received_at < $3 AND channel <> 'ONLINE') lost
       ORDER BY reason, dossier_code`,
      [agencyCode, start, end, asOf],
    )) as Array<{ dossier_code: string; reason: LostPointReason }>;
    return rows.map((r) => ({ dossierCode: r.dossier_code, reason: r.reason }));
  }
}
