import { CLOSED_AT, CLOSED_TIMELINESS } from '../forms/ii06a.repository';

/** The local date (Asia/Ho_Chi_Minh) of an instant expression. */
export const localDay = (instant: string): string => `((${instant}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The flow columns of `agency_day_counts` / `agency_month_counts`, in order. */
export const COUNT_COLUMNS = [
  'recv_online',
  'recv_direct_postal',
  'recv_postal',
  'res_early',
  'res_on_time',
  'res_late',
  'overdue_in',
  'overdue_out',
  'returned',
  'returned_post',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/**
 * What each dossier (`dossier_fact f` rows matching `where`) contributes to the daily flows: one row per
 * (agency_code, procedure_code, day) and flow (see `AgencyDayCounts`). Only dossiers whose reception is known
 * (competent agency and received_at) count, as in form II.06a; "resolved" is `CLOSED_AT` / `CLOSED_TIMELINESS`
 * (a refusal, stop or withdrawal ends the dossier too). A resolution dated before the receipt counts on the day received; "overdue" starts on the appointment's day (not before the day received), or
 * on the day received for a dossier late by its second supplement request.
 */
export function contributionsSql(where: string): string {
  return `SELECT f.competent_agency_code AS agency_code, COALESCE(f.procedure_code, '') AS procedure_code, c.day, ${COUNT_COLUMNS.map((c) => `c.${c}`).join(', ')}
    FROM dossier_fact f
    CROSS JOIN LATERAL (SELECT ${localDay('f.received_at')} AS r,
        CASE WHEN ${CLOSED_AT('f')} IS NOT NULL THEN ${localDay(`GREATEST(${CLOSED_AT('f')}, f.received_at)`)} END AS q,
        ${CLOSED_TIMELINESS('f')} AS t,
        f.supplement_requests >= 2 AS late_sup) k
    CROSS JOIN LATERAL (SELECT CASE WHEN k.late_sup OR f.appointment_at IS NULL THEN k.r
                                    ELSE GREATEST(k.r, ${localDay('f.appointment_at')}) END AS o) od
    CROSS JOIN LATERAL (VALUES
      (k.r, (f.channel = 'ONLINE')::int, (f.channel IN ('COUNTER', 'POSTAL'))::int, (f.channel = 'POSTAL')::int, 0, 0, 0, 0, 0, 0, 0),
      (k.q, 0, 0, 0, (NOT k.late_sup AND k.t = 'EARLY')::int, (NOT k.late_sup AND k.t = 'ON_TIME')::int,
        (k.late_sup OR k.t IS DISTINCT FROM 'EARLY' AND k.t IS DISTINCT FROM 'ON_TIME')::int, 0, 0, 0, 0),
      (od.o, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
      (CASE WHEN k.q IS NOT NULL THEN GREATEST(od.o, k.q) END, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
      (${localDay('f.returned_at')}, 0, 0, 0, 0, 0, 0, 0, 0, 1, (COALESCE(f.return_method, f.result_delivery) = 'POST')::int)
    ) c(day, ${COUNT_COLUMNS.join(', ')})
    WHERE f.competent_agency_code IS NOT NULL AND f.received_at IS NOT NULL AND c.day IS NOT NULL AND (${where})`;
}

/**
 * Adds `sign` × the contributions of the dossiers matching `where` to the daily and monthly tables (one
 * statement; the monthly rows are the days grouped by month).
 */
export function addContributionsSql(where: string, sign: string): string {
  const cols = COUNT_COLUMNS.join(', ');
  const sums = COUNT_COLUMNS.map((c) => `(sum(${c}) * ${sign})::int AS ${c}`).join(', ');
  const add = COUNT_COLUMNS.map((c) => `${c} = a.${c} + EXCLUDED.${c}`).join(', ');
  return `WITH g AS (SELECT agency_code, procedure_code, day, ${sums} FROM (${contributionsSql(where)}) c GROUP BY 1, 2, 3),
    d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, ${cols})
          SELECT agency_code, procedure_code, day, ${cols} FROM g
          ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET ${add})
    INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, ${cols})
    SELECT agency_code, procedure_code, date_trunc('month', day)::date, ${COUNT_COLUMNS.map((c) => `sum(${c})::int`).join(', ')}
    FROM g GROUP BY 1, 2, 3
    ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET ${add}`;
}
