import { CLOSED_AT, CLOSED_TIMELINESS } from '../forms/ii06a.repository';
import { PROCESSING_DAY, PROCESSING_MS, WORKING_DAY_JOINS } from '../working-time/working-time.sql';

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

/**
 * The processing-time flows (migration `ProcessingTimeAndIntake`), on the day resolved (not before the day
 * received): dossiers resolved (`dossier.resolved`) whose working time is known, and that working time in
 * milliseconds (legal clock, `PROCESSING_MS`). They depend on the working-day table: `WorkingDaysTable` moves
 * them along when a year schedule changes.
 */
export const PROCESSING_COLUMNS = ['proc_dossiers', 'proc_ms'] as const;

/**
 * Intake at the counter: dossiers received by the agency (`receiving_agency_code`, the một cửa that took
 * them in, whoever is competent), on the day received. The only flow not keyed by the competent agency.
 */
export const INTAKE_COLUMNS = ['intake'] as const;

/**
 * Digitization (migration `Digitization`): dossiers received fully digitized / reusing digitized data, on the day
 * received; dossiers resolved (`dossier.resolved`) and of those with their result digitized, on the day resolved.
 */
export const DIGITIZATION_COLUMNS = ['recv_digitized', 'recv_reused', 'res_issued', 'res_result_digitized'] as const;

/** Every flow column of the count tables, in order. */
export const COUNT_COLUMNS = [
  ...II06A_COLUMNS,
  ...INDICATOR_COLUMNS,
  ...PROCESSING_COLUMNS,
  ...INTAKE_COLUMNS,
  ...DIGITIZATION_COLUMNS,
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
/** The columns summed as bigint (the others are integer). */
export const BIGINT_COLUMNS: ReadonlySet<string> = new Set(['postal_ms', 'proc_ms']);
const sqlType = (c: string) => (BIGINT_COLUMNS.has(c) ? 'bigint' : 'int');

/** A VALUES row of the contributions: its agency, its day and the non-zero columns. */
function contributionRow(day: string, values: Partial<Record<CountColumn, string>>, agency = 'f.competent_agency_code'): string {
  return `(${agency}, ${day}, ${COUNT_COLUMNS.map((c) => (values[c] ? `COALESCE((${values[c]})::${sqlType(c)}, 0)` : `0::${sqlType(c)}`)).join(', ')})`;
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
      recv_digitized: 'f.digitized_at IS NOT NULL',
      recv_reused: 'f.components_reused >= 1',
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
    contributionRow(localDay(PROCESSING_DAY('f')), {
      proc_dossiers: `${PROCESSING_MS('f')} IS NOT NULL`,
      proc_ms: PROCESSING_MS('f'),
      res_issued: 'f.resolved_at IS NOT NULL',
      res_result_digitized: 'f.resolved_at IS NOT NULL AND f.result_digitized_at IS NOT NULL',
    }),
    contributionRow('k.r', { intake: '1' }, 'f.receiving_agency_code'),
  ];
  return `SELECT c.agency_code, COALESCE(f.procedure_code, '') AS procedure_code, c.day, ${COUNT_COLUMNS.map((c) => `c.${c}`).join(', ')}
    FROM dossier_fact f
    ${WORKING_DAY_JOINS('f')}
    CROSS JOIN LATERAL (SELECT ${localDay('f.received_at')} AS r,
        CASE WHEN ${CLOSED_AT('f')} IS NOT NULL THEN ${localDay(`GREATEST(${CLOSED_AT('f')}, f.received_at)`)} END AS q,
        ${CLOSED_TIMELINESS('f')} AS t,
        f.supplement_requests >= 2 AS late_sup) k
    CROSS JOIN LATERAL (SELECT CASE WHEN k.late_sup OR f.appointment_at IS NULL THEN k.r
                                    ELSE GREATEST(k.r, ${localDay('f.appointment_at')}) END AS o) od
    CROSS JOIN LATERAL (VALUES
      ${rows.join(',\n      ')}
    ) c(agency_code, day, ${COUNT_COLUMNS.join(', ')})
    WHERE f.competent_agency_code IS NOT NULL AND f.received_at IS NOT NULL AND c.day IS NOT NULL AND c.agency_code IS NOT NULL
      AND (${where})`;
}

/**
 * Adds `sign` × the contributions of the dossiers matching `where` to the daily and monthly tables and, for
 * the II.06a columns, to the per-agency daily totals (one statement; the monthly rows and the totals are the
 * days grouped). `columns`: only those flows (the others are left alone, and only the contribution rows with
 * one of them non-zero are read) — e.g. the processing time when the working days change.
 */
export function addContributionsSql(where: string, sign: string, columns: readonly CountColumn[] = COUNT_COLUMNS): string {
  const cols = columns.join(', ');
  const sums = columns.map((c) => `(sum(${c}) * ${sign})::${sqlType(c)} AS ${c}`).join(', ');
  const add = (of: readonly string[]) => of.map((c) => `${c} = a.${c} + EXCLUDED.${c}`).join(', ');
  const subset = columns.length < COUNT_COLUMNS.length ? ` WHERE ${columns.map((c) => `c.${c} <> 0`).join(' OR ')}` : '';
  const totals = II06A_COLUMNS.filter((c) => columns.includes(c));
  const totalsCte = totals.length
    ? `,
    t AS (INSERT INTO agency_day_totals AS a (agency_code, day, ${totals.join(', ')})
          SELECT agency_code, day, ${totals.map((c) => `sum(${c})::int`).join(', ')} FROM g GROUP BY 1, 2
          ON CONFLICT (agency_code, day) DO UPDATE SET ${add(totals)})`
    : '';
  return `WITH g AS (SELECT agency_code, procedure_code, day, ${sums} FROM (${contributionsSql(where)}) c${subset} GROUP BY 1, 2, 3),
    d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, ${cols})
          SELECT agency_code, procedure_code, day, ${cols} FROM g
          ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET ${add(columns)})${totalsCte}
    INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, ${cols})
    SELECT agency_code, procedure_code, date_trunc('month', day)::date, ${columns.map((c) => `sum(${c})::${sqlType(c)}`).join(', ')}
    FROM g GROUP BY 1, 2, 3
    ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET ${add(columns)}`;
}
