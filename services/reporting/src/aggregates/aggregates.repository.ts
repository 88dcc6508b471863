import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOSED_AT, CLOSED_TIMELINESS, LATE_BY_SUPPLEMENTS } from '../forms/ii06a.repository';
import type { Ii06aCounts } from '../forms/ii06a.repository';
import { Bucket } from './buckets';

export interface AgencyNode {
  code: string;
  parentCode: string | null;
  level: string;
  name: string;
}

export interface BucketAgencyCounts {
  /** Index of the bucket in the list given. */
  bucket: number;
  agencyCode: string;
  counts: Ii06aCounts;
}

/** Aggregates of the II.06a counters per bucket and competent agency, over `dossier_fact`. */
@Injectable()
export class AggregatesRepository {
  /** The agency and every agency under it (the whole subtree of `reporting_agency`), the agency first. */
  async subtree(m: EntityManager, code: string): Promise<AgencyNode[]> {
    const rows = (await m.query(
      `WITH RECURSIVE tree AS (
         SELECT code, parent_code, level, name, 0 AS depth FROM reporting_agency WHERE code = $1
         UNION ALL
         SELECT a.code, a.parent_code, a.level, a.name, t.depth + 1 FROM reporting_agency a JOIN tree t ON a.parent_code = t.code)
       SELECT code, parent_code, level, name FROM tree ORDER BY depth, code`,
      [code],
    )) as Array<{ code: string; parent_code: string | null; level: string; name: string }>;
    return rows.map((r) => ({ code: r.code, parentCode: r.parent_code, level: r.level, name: r.name }));
  }

  /** The codes an agency's numbers cover: itself and every agency under it (itself alone if reporting does not know it). */
  async codesUnder(m: EntityManager, code: string): Promise<string[]> {
    const tree = await this.subtree(m, code);
    return tree.length > 0 ? tree.map((a) => a.code) : [code];
  }

  /**
   * The II.06a counters of each bucket for each of the agencies (competent agency), by the same
   * definitions as form II.06a; in progress is judged within deadline at min(bucket end, `asOf`).
   */
  async countsByBucketAndAgency(m: EntityManager, agencyCodes: string[], buckets: Bucket[], asOf: Date): Promise<BucketAgencyCounts[]> {
    if (buckets.length === 0 || agencyCodes.length === 0) return [];
    const late = LATE_BY_SUPPLEMENTS('f');
    const rows = (await m.query(
      `WITH b AS (SELECT bucket - 1 AS bucket, bstart, bend, LEAST(bend, $5::timestamptz) AS judged
                  FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS u(bstart, bend, bucket)),
       f AS (SELECT f.competent_agency_code, f.channel, f.received_at, ${CLOSED_AT('f')} AS resolved_at,
                    ${CLOSED_TIMELINESS('f')} AS timeliness, f.appointment_at,
                    ${late} AS late_by_supplements
             FROM dossier_fact f
             WHERE f.competent_agency_code = ANY($1::text[]) AND f.received_at < $4
               AND (${CLOSED_AT('f')} IS NULL OR ${CLOSED_AT('f')} >= $6)),
       s AS (SELECT b.bucket, b.bstart, b.judged, f.*, (f.resolved_at IS NOT NULL AND f.resolved_at < b.bend) AS is_resolved
             FROM b JOIN f ON f.received_at < b.bend AND (f.resolved_at IS NULL OR f.resolved_at >= b.bstart))
       SELECT bucket, competent_agency_code,
         count(*)::int AS received,
         count(*) FILTER (WHERE received_at >= bstart AND channel = 'ONLINE')::int AS received_online,
         count(*) FILTER (WHERE received_at >= bstart AND channel IN ('COUNTER', 'POSTAL'))::int AS received_direct_postal,
         count(*) FILTER (WHERE received_at < bstart)::int AS carried_over,
         count(*) FILTER (WHERE is_resolved)::int AS resolved,
         count(*) FILTER (WHERE is_resolved AND NOT late_by_supplements AND timeliness = 'EARLY')::int AS resolved_early,
         count(*) FILTER (WHERE is_resolved AND NOT late_by_supplements AND timeliness = 'ON_TIME')::int AS resolved_on_time,
         count(*) FILTER (WHERE is_resolved AND (late_by_supplements OR timeliness = 'LATE'))::int AS resolved_late,
         count(*) FILTER (WHERE NOT is_resolved)::int AS in_progress,
         count(*) FILTER (WHERE NOT is_resolved AND NOT late_by_supplements AND appointment_at >= judged)::int AS in_progress_within,
         count(*) FILTER (WHERE NOT is_resolved AND (late_by_supplements OR appointment_at < judged))::int AS in_progress_overdue
       FROM s GROUP BY bucket, competent_agency_code`,
      [agencyCodes, buckets.map((b) => b.start), buckets.map((b) => b.end), buckets[buckets.length - 1].end, asOf, buckets[0].start],
    )) as Array<Record<string, number> & { competent_agency_code: string }>;
    return rows.map((r) => ({
      bucket: Number(r.bucket),
      agencyCode: r.competent_agency_code,
      counts: {
        received: { total: r.received, online: r.received_online, directOrPostal: r.received_direct_postal, carriedOver: r.carried_over },
        resolved: { total: r.resolved, early: r.resolved_early, onTime: r.resolved_on_time, late: r.resolved_late },
        inProgress: { total: r.in_progress, withinDeadline: r.in_progress_within, overdue: r.in_progress_overdue },
      },
    }));
  }
}
