import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UNKNOWN_FIELD } from '../facts/procedure-field.entity';

/** The counts of one row of form II.06a (each total is counted on its own, so the identities are checks). */
export interface Ii06aCounts {
  received: { total: number; online: number; directOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
}

export interface Ii06aFieldRow extends Ii06aCounts {
  fieldCode: string;
  fieldName: string;
}

/**
 * In the national scoring a second supplement request makes the dossier count as late (DOMAIN.md §2):
 * resolved late whatever routing reported, overdue while in progress.
 */
export const LATE_BY_SUPPLEMENTS = (alias: string) => `(${alias}.supplement_requests >= 2)`;

/**
 * When a dossier left processing, for form II.06a (DOMAIN.md §7 is silent on it; our choice, see the
 * README): its resolution, else the first refusal (`processing.refused`), stop (`processing.stopped`) or
 * withdrawal (`dossier.withdrawn`). From then on it is no longer in progress but counted as resolved.
 */
export const CLOSED_AT = (a: string) => `COALESCE(${a}.resolved_at, LEAST(${a}.refused_at, ${a}.stopped_at, ${a}.withdrawn_at))`;

/**
 * How it left: a resolution as routing reported it; a refusal, stop or withdrawal on time when it is not
 * after the appointment in force, late otherwise (a second supplement request still makes it late).
 */
export const CLOSED_TIMELINESS = (a: string) =>
  `(CASE WHEN ${a}.resolved_at IS NOT NULL THEN ${a}.timeliness
         WHEN ${CLOSED_AT(a)} IS NULL THEN NULL
         WHEN ${CLOSED_AT(a)} <= ${a}.appointment_at THEN 'ON_TIME' ELSE 'LATE' END)`;

/**
 * Form II.06a over `dossier_fact` (DOMAIN.md §7). The dossiers of an agency in a period [start, end)
 * are those it is competent for, received before the end and not resolved before the start:
 * received in the period (online / direct or by post) or carried over (received before it); each
 * is then either resolved in the period (by the timeliness routing reported; refused, stopped or
 * withdrawn counts as resolved, see `CLOSED_AT`) or still in progress
 * at the end (within deadline when its appointment in force is not before `asOf`).
 */
@Injectable()
export class Ii06aRepository {
  async rowsByField(m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date, asOf: Date): Promise<Ii06aFieldRow[]> {
    const rows = (await m.query(
      `WITH scoped AS (
         SELECT f.received_at, f.channel, f.appointment_at, ${CLOSED_TIMELINESS('f')} AS timeliness,
                COALESCE(pf.field_code, $5) AS field_code, COALESCE(pf.field_name, $6) AS field_name,
                (${CLOSED_AT('f')} IS NOT NULL AND ${CLOSED_AT('f')} < $3) AS is_resolved,
                ${LATE_BY_SUPPLEMENTS('f')} AS late_by_supplements
         FROM dossier_fact f LEFT JOIN procedure_field pf ON pf.procedure_code = f.procedure_code
         WHERE f.competent_agency_code = ANY($1::text[]) AND f.received_at < $3 AND (${CLOSED_AT('f')} IS NULL OR ${CLOSED_AT('f')} >= $2))
       SELECT field_code, min(field_name) AS field_name,
         count(*)::int AS received,
         count(*) FILTER (WHERE received_at >= $2 AND channel = 'ONLINE')::int AS received_online,
         count(*) FILTER (WHERE received_at >= $2 AND channel IN ('COUNTER', 'POSTAL'))::int AS received_direct_postal,
         count(*) FILTER (WHERE received_at < $2)::int AS carried_over,
         count(*) FILTER (WHERE is_resolved)::int AS resolved,
         count(*) FILTER (WHERE is_resolved AND NOT late_by_supplements AND timeliness = 'EARLY')::int AS resolved_early,
         count(*) FILTER (WHERE is_resolved AND NOT late_by_supplements AND timeliness = 'ON_TIME')::int AS resolved_on_time,
         count(*) FILTER (WHERE is_resolved AND (late_by_supplements OR timeliness = 'LATE'))::int AS resolved_late,
         count(*) FILTER (WHERE NOT is_resolved)::int AS in_progress,
         count(*) FILTER (WHERE NOT is_resolved AND NOT late_by_supplements AND appointment_at >= $4)::int AS in_progress_within,
         count(*) FILTER (WHERE NOT is_resolved AND (late_by_supplements OR appointment_at < $4))::int AS in_progress_overdue
       FROM scoped GROUP BY field_code ORDER BY field_code`,
      [agencyCodes, start, end, asOf, UNKNOWN_FIELD.code, UNKNOWN_FIELD.name],
    )) as Array<Record<string, number> & { field_code: string; field_name: string }>;
    return rows.map((r) => ({
      fieldCode: r.field_code,
      fieldName: r.field_name,
      received: { total: r.received, online: r.received_online, directOrPostal: r.received_direct_postal, carriedOver: r.carried_over },
      resolved: { total: r.resolved, early: r.resolved_early, onTime: r.resolved_on_time, late: r.resolved_late },
      inProgress: { total: r.in_progress, withinDeadline: r.in_progress_within, overdue: r.in_progress_overdue },
    }));
  }
}
