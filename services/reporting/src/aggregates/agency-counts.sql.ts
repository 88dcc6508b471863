import { CLOSED_AT, CLOSED_TIMELINESS } from '../forms/ii06a.repository';

/** The local date (Asia/Ho_Chi_Minh) of an instant expression. */
export const localDay = (instant: string): string => `((${instant}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;

/** The II.06a flow columns of `agency_day_counts` / `agency_month_counts`, in order. */
export const II06A_COLUMNS = [
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

/**
 * Per-dossier quantities of the indicators' population (received before the end, not closed before the
 * start): each is added on the day received (`<x>_in`) and on the day closed (`<x>_out`), so Σ over the
 * population of a period [S, E) = Σ `_in` before E − Σ `_out` before S.
 */
export const POPULATION_QUANTITIES = {
  sup_dossiers: '(f.supplement_requests >= 1)::int',
  sup_requests: 'f.supplement_requests',
  sup_late: '(f.supplement_requests >= 2)::int',
  ext_dossiers: '(f.extensions >= 1)::int',
  ext_count: 'f.extensions',
  msg_sent: 'f.messages_sent',
  msg_failed_sending: 'f.messages_failed_sending',
  msg_failed_delivery: 'f.messages_failed_delivery',
} as const;
export type PopulationQuantity = keyof typeof POPULATION_QUANTITIES;
const POP_KEYS = Object.keys(POPULATION_QUANTITIES) as PopulationQuantity[];

/**
 * The indicator flow columns (migration `IndicatorCounts`): the population quantities in and out, the
 * resolved (closed) dossiers rated and rated dissatisfied on the day closed, the postal orders on the day
 * the order was created (delivered, returned undelivered, milliseconds from order to delivery), refusals,
 * stops and withdrawals on their days.
 */
export const INDICATOR_COLUMNS = [
  ...POP_KEYS.flatMap((k) => [`${k}_in`, `${k}_out`] as const),
  'res_rated',
  'res_dissatisfied',
  'postal_orders',
  'postal_delivered',
  'postal_returned',
  'postal_ms',
  'refused',
  'stopped',
  'withdrawn',
] as const;

/** Every flow column of the count tables, in order. */
export const COUNT_COLUMNS = [...II06A_COLUMNS, ...INDICATOR_COLUMNS] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
/** The columns summed as bigint (the others are integer). */
export const BIGINT_COLUMNS: ReadonlySet<string> = new Set(['postal_ms']);
const sqlType = (c: string) => (BIGINT_COLUMNS.has(c) ? 'bigint' : 'int');

/** A VALUES row of the contributions: its day and the non-zero columns. */
function contributionRow(day: string, values: Partial<Record<CountColumn, string>>): string {
  return `(${day}, ${COUNT_COLUMNS.map((c) => (values[c] ? `COALESCE((${values[c]})::${sqlType(c)}, 0)` : `0::${sqlType(c)}`)).join(', ')})`;
}

/**
 * What each dossier (`dossier_fact f` rows matching `where`) contributes to the daily flows: one row per
 * (agency_code, procedure_code, day) and flow (see `AgencyDayCounts`). Only dossiers whose reception is known
 * (competent agency and received_at) count, as in form II.06a; "resolved" is `CLOSED_AT` / `CLOSED_TIMELINESS`
 * (a refusal, stop or withdrawal ends the dossier too). A resolution dated before the receipt counts on the day received; "overdue" starts on the appointment's day (not before the day received), or
 * on the day received for a dossier late by its second supplement request.
 */
export function contributionsSql(where: string): string {
  const dissatisfied = `f.evaluation_level IN ('DISSATISFIED', 'VERY_DISSATISFIED')`;
  const rows = [
    contributionRow('k.r', {
      recv_online: `f.channel = 'ONLINE'`,
      recv_direct_postal: `f.channel IN ('COUNTER', 'POSTAL')`,
      recv_postal: `f.channel = 'POSTAL'`,
      ...Object.fromEntries(POP_KEYS.map((k) => [`${k}_in`, POPULATION_QUANTITIES[k]])),
    }),
    contributionRow('k.q', {
      res_early: `NOT k.late_sup AND k.t = 'EARLY'`,
      res_on_time: `NOT k.late_sup AND k.t = 'ON_TIME'`,
      res_late: `k.late_sup OR k.t IS DISTINCT FROM 'EARLY' AND k.t IS DISTINCT FROM 'ON_TIME'`,
      res_rated: `f.evaluation_level IS NOT NULL`,
      res_dissatisfied: `COALESCE(${dissatisfied}, FALSE)`,
      ...Object.fromEntries(POP_KEYS.map((k) => [`${k}_out`, POPULATION_QUANTITIES[k]])),
    }),
    contributionRow('od.o', { overdue_in: '1' }),
    contributionRow('CASE WHEN k.q IS NOT NULL THEN GREATEST(od.o, k.q) END', { overdue_out: '1' }),
    contributionRow(localDay('f.returned_at'), {
      returned: '1',
      returned_post: `COALESCE(f.return_method, f.result_delivery) = 'POST'`,
    }),
    contributionRow(localDay('f.postal_order_created_at'), {
      postal_orders: '1',
      postal_delivered: 'f.postal_delivered_at IS NOT NULL',
      postal_returned: 'f.postal_delivered_at IS NULL AND f.postal_returned_at IS NOT NULL',
      postal_ms: `COALESCE(round(extract(epoch FROM f.postal_delivered_at - f.postal_order_created_at) * 1000), 0)`,
    }),
    contributionRow(localDay('f.refused_at'), { refused: '1' }),
    contributionRow(localDay('f.stopped_at'), { stopped: '1' }),
    contributionRow(localDay('f.withdrawn_at'), { withdrawn: '1' }),
  ];
  return `SELECT f.competent_agency_code AS agency_code, COALESCE(f.procedure_code, '') AS procedure_code, c.day, ${COUNT_COLUMNS.map((c) => `c.${c}`).join(', ')}
    FROM dossier_fact f
    CROSS JOIN LATERAL (SELECT ${localDay('f.received_at')} AS r,
        CASE WHEN ${CLOSED_AT('f')} IS NOT NULL THEN ${localDay(`GREATEST(${CLOSED_AT('f')}, f.received_at)`)} END AS q,
        ${CLOSED_TIMELINESS('f')} AS t,
        f.supplement_requests >= 2 AS late_sup) k
    CROSS JOIN LATERAL (SELECT CASE WHEN k.late_sup OR f.appointment_at IS NULL THEN k.r
                                    ELSE GREATEST(k.r, ${localDay('f.appointment_at')}) END AS o) od
    CROSS JOIN LATERAL (VALUES
      ${rows.join(',\n      ')}
    ) c(day, ${COUNT_COLUMNS.join(', ')})
    WHERE f.competent_agency_code IS NOT NULL AND f.received_at IS NOT NULL AND c.day IS NOT NULL AND (${where})`;
}

/**
 * Adds `sign` × the contributions of the dossiers matching `where` to the daily and monthly tables (one
 * statement; the monthly rows are the days grouped by month).
 */
export function addContributionsSql(where: string, sign: string): string {
  const cols = COUNT_COLUMNS.join(', ');
  const sums = COUNT_COLUMNS.map((c) => `(sum(${c}) * ${sign})::${sqlType(c)} AS ${c}`).join(', ');
  const add = COUNT_COLUMNS.map((c) => `${c} = a.${c} + EXCLUDED.${c}`).join(', ');
  return `WITH g AS (SELECT agency_code, procedure_code, day, ${sums} FROM (${contributionsSql(where)}) c GROUP BY 1, 2, 3),
    d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, ${cols})
          SELECT agency_code, procedure_code, day, ${cols} FROM g
          ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET ${add})
    INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, ${cols})
    SELECT agency_code, procedure_code, date_trunc('month', day)::date, ${COUNT_COLUMNS.map((c) => `sum(${c})::${sqlType(c)}`).join(', ')}
    FROM g GROUP BY 1, 2, 3
    ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET ${add}`;
}
