import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UNKNOWN_FIELD } from '../facts/procedure-field.entity';
import type { Ii06aCounts, Ii06aFieldRow } from '../forms/ii06a.repository';
import { LATE_BY_SUPPLEMENTS } from '../forms/ii06a.repository';
import type { ChannelCounts, ProcedureProcessingTime, ProcessCounts } from '../indicators/indicators.repository';
import type { BucketAgencyCounts } from './aggregates.repository';
import type { Bucket } from './buckets';
import { II06A_COLUMNS } from './agency-counts.sql';
import { BIGINT_COLUMNS, COUNT_COLUMNS, CountColumn, PopulationQuantity } from './agency-counts.sql';

type Sums = Record<CountColumn, number>;

/** The flows of a field (lĩnh vực) summed before the period (`before`) and within it (`within`). */
export interface FieldFlows {
  fieldCode: string;
  fieldName: string;
  before: Sums;
  within: Sums;
}

/** Channel counts of the period, from the counts (same meaning as `IndicatorsRepository.channelCounts`). */
export type ChannelShares = ChannelCounts;

const DAY_MS = 86_400_000;
/** `YYYY-MM-DD` of a local midnight instant (Asia/Ho_Chi_Minh). */
const localDate = (instant: Date): string => new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const monthStart = (date: string): string => `${date.slice(0, 8)}01`;
function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function isLocalMidnight(instant: Date): boolean {
  return (instant.getTime() + 7 * 3600_000) % DAY_MS === 0;
}

/**
 * The rows a period [start, end) of local days reads: the whole months [pm1, pm2) inside it from the month rows, the
 * days [s, pm1) and [pm2, e) around them from the day rows; "before" = the months before `sMonth` and the days
 * [sMonth, s).
 */
function periodSegments(start: Date, end: Date): { sMonth: string; s: string; pm1: string; pm2: string; e: string } {
  const s = localDate(start);
  const e = localDate(end);
  const sMonth = monthStart(s);
  const firstFull = s === sMonth ? s : nextMonth(s);
  const lastFull = monthStart(e);
  const [pm1, pm2] = firstFull < lastFull ? [firstFull, lastFull] : [e, e];
  return { sMonth, s, pm1, pm2, e };
}

const zeroSums = (): Sums => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Sums;

/**
 * Form II.06a and the channel shares of any period of local days from the pre-aggregated counts
 * (`agency_day_counts`, `agency_month_counts`): a period [S, E) sums at most two partial months of days and
 * the whole months between; "before S" sums the months before S's month and the days of its month before S.
 * So a province-year reads a few thousand rows whatever the number of dossiers.
 *
 * - received online / direct and postal, resolved early / on time / late = the flows within [S, E);
 * - carried over = Σ received − Σ resolved before S; in progress = the same before E;
 * - overdue at E = Σ (overdue_in − overdue_out) before E; within deadline = in progress − overdue.
 * When the period has not ended (`asOf` before E, not a local midnight) overdue is counted on the open
 * dossiers themselves (appointment before `asOf`, partial index of the open ones).
 */
@Injectable()
export class AggregateCountsRepository {
  async flowsByField(m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date): Promise<FieldFlows[]> {
    const { sMonth, s, pm1, pm2, e } = periodSegments(start, end);
    const cols = COUNT_COLUMNS.join(', ');
    const sums = (seg: 'B' | 'P') =>
      COUNT_COLUMNS.map(
        (c) => `COALESCE(sum(${c}) FILTER (WHERE seg = '${seg}'), 0)::${BIGINT_COLUMNS.has(c) ? 'float8' : 'int'} AS ${seg}_${c}`,
      );
    const rows = (await m.query(
      `WITH x AS (
         SELECT 'B' AS seg, procedure_code, ${cols} FROM agency_month_counts WHERE agency_code = ANY($1::text[]) AND month < $2::date
         UNION ALL
         SELECT 'B', procedure_code, ${cols} FROM agency_day_counts WHERE agency_code = ANY($1::text[]) AND day >= $2::date AND day < $3::date
         UNION ALL
         SELECT 'P', procedure_code, ${cols} FROM agency_month_counts WHERE agency_code = ANY($1::text[]) AND month >= $4::date AND month < $5::date
         UNION ALL
         SELECT 'P', procedure_code, ${cols} FROM agency_day_counts
         WHERE agency_code = ANY($1::text[]) AND ((day >= $3::date AND day < $4::date) OR (day >= $5::date AND day < $6::date)))
       SELECT COALESCE(pf.field_code, $7) AS field_code, COALESCE(min(pf.field_name), $8) AS field_name, ${[...sums('B'), ...sums('P')].join(', ')}
       FROM x LEFT JOIN procedure_field pf ON pf.procedure_code = x.procedure_code
       GROUP BY 1 ORDER BY 1`,
      [agencyCodes, sMonth, s, pm1, pm2, e, UNKNOWN_FIELD.code, UNKNOWN_FIELD.name],
    )) as Array<Record<string, number> & { field_code: string; field_name: string }>;
    return rows.map((r) => {
      const before = zeroSums();
      const within = zeroSums();
      for (const c of COUNT_COLUMNS) {
        before[c] = r[`b_${c}`];
        within[c] = r[`p_${c}`];
      }
      return { fieldCode: r.field_code, fieldName: r.field_name, before, within };
    });
  }

  /** Form II.06a rows (the fields with dossiers in the period), `asOf` = min(end, now). */
  async ii06aByField(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
    asOf: Date,
    flows?: FieldFlows[],
  ): Promise<Ii06aFieldRow[]> {
    flows ??= await this.flowsByField(m, agencyCodes, start, end);
    const overdueNow = asOf < end && !isLocalMidnight(asOf) ? await this.overdueOpenByField(m, agencyCodes, end, asOf) : undefined;
    const rows: Ii06aFieldRow[] = [];
    for (const f of flows) {
      const counts = ii06aFromFlows(f.before, f.within, overdueNow && (overdueNow.get(f.fieldCode) ?? 0));
      if (counts.received.total === 0) continue;
      rows.push({ fieldCode: f.fieldCode, fieldName: f.fieldName, ...counts });
    }
    return rows;
  }

  /** Received (online, by post) and returned (by post) in the period. */
  async channelShares(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
    flows?: FieldFlows[],
  ): Promise<ChannelShares> {
    flows ??= await this.flowsByField(m, agencyCodes, start, end);
    const p = zeroSums();
    for (const f of flows) for (const c of COUNT_COLUMNS) p[c] += f.within[c];
    return {
      received: p.recv_online + p.recv_direct_postal,
      receivedOnline: p.recv_online,
      receivedPostal: p.recv_postal,
      returned: p.returned,
      returnedByPost: p.returned_post,
      receivedDigitized: p.recv_digitized,
      receivedReused: p.recv_reused,
      resolvedIssued: p.res_issued,
      resultsDigitized: p.res_result_digitized,
    };
  }

  /**
   * The indicators' process counts (same meaning as `IndicatorsRepository.processCounts`) from the counts:
   * a population quantity = Σ `_in` before the end − Σ `_out` before the start; the other flows within the period.
   */
  async processCounts(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
    flows?: FieldFlows[],
  ): Promise<ProcessCounts> {
    flows ??= await this.flowsByField(m, agencyCodes, start, end);
    const b = zeroSums();
    const p = zeroSums();
    for (const f of flows)
      for (const c of COUNT_COLUMNS) {
        b[c] += f.before[c];
        p[c] += f.within[c];
      }
    const pop = (q: PopulationQuantity) => b[`${q}_in`] + p[`${q}_in`] - b[`${q}_out`];
    return processCountsFromFlows(p, pop);
  }

  /**
   * The dossiers resolved in the period whose working time is known and that time, per procedure ('' unknown), from
   * the processing-time flows (same meaning as `IndicatorsRepository.processingTimeByProcedure`).
   */
  async processingTimeByProcedure(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
  ): Promise<ProcedureProcessingTime[]> {
    const { s, pm1, pm2, e } = periodSegments(start, end);
    const rows = (await m.query(
      `SELECT procedure_code, sum(proc_dossiers)::int AS dossiers, sum(proc_ms)::float8 AS ms FROM (
         SELECT procedure_code, proc_dossiers, proc_ms FROM agency_month_counts
         WHERE agency_code = ANY($1::text[]) AND month >= $3::date AND month < $4::date
         UNION ALL
         SELECT procedure_code, proc_dossiers, proc_ms FROM agency_day_counts
         WHERE agency_code = ANY($1::text[]) AND ((day >= $2::date AND day < $3::date) OR (day >= $4::date AND day < $5::date))) x
       GROUP BY 1 HAVING sum(proc_dossiers) > 0 ORDER BY 1`,
      [agencyCodes, s, pm1, pm2, e],
    )) as Array<{ procedure_code: string; dossiers: number; ms: number }>;
    return rows.map((r) => ({ procedureCode: r.procedure_code, dossiers: r.dossiers, ms: r.ms }));
  }

  /**
   * The II.06a counters of each bucket for each agency (same meaning as
   * `AggregatesRepository.countsByBucketAndAgency`) from the counts: per agency, the flows before the first
   * bucket (months, then days) and the daily flows of the buckets (the days from `agency_day_totals`; whole months from the
   * month rows when the buckets are months, quarters or years), accumulated in order. A bucket not ended at `asOf` (not a local midnight) counts overdue on the open dossiers.
   */
  async countsByBucketAndAgency(m: EntityManager, agencyCodes: string[], buckets: Bucket[], asOf: Date): Promise<BucketAgencyCounts[]> {
    if (buckets.length === 0 || agencyCodes.length === 0) return [];
    const s = localDate(buckets[0].start);
    const e = localDate(buckets[buckets.length - 1].end);
    const sMonth = monthStart(s);
    const cols = II06A_COLUMNS;
    const sums = cols.map((c) => `COALESCE(sum(${c}), 0)::int AS ${c}`).join(', ');
    const before = (await m.query(
      `SELECT agency_code, ${sums} FROM (
         SELECT agency_code, ${cols.join(', ')} FROM agency_month_counts WHERE agency_code = ANY($1::text[]) AND month < $2::date
         UNION ALL
         SELECT agency_code, ${cols.join(', ')} FROM agency_day_totals WHERE agency_code = ANY($1::text[]) AND day >= $2::date AND day < $3::date) x
       GROUP BY 1`,
      [agencyCodes, sMonth, s],
    )) as Array<Record<string, number> & { agency_code: string }>;
    // buckets bounded by month starts (month / quarter / year): whole months read the month rows, dated on their first day
    const aligned = buckets.every((b, i) => i === 0 || localDate(b.start).endsWith('-01'));
    const firstFull = s === sMonth ? s : nextMonth(s);
    const lastFull = monthStart(e);
    const [pm1, pm2] = aligned && firstFull < lastFull ? [firstFull, lastFull] : [e, e];
    const daily = (await m.query(
      `SELECT agency_code, to_char(day, 'YYYY-MM-DD') AS day, ${sums} FROM (
         SELECT agency_code, month AS day, ${cols.join(', ')} FROM agency_month_counts
         WHERE agency_code = ANY($1::text[]) AND month >= $3::date AND month < $4::date
         UNION ALL
         SELECT agency_code, day, ${cols.join(', ')} FROM agency_day_totals
         WHERE agency_code = ANY($1::text[]) AND ((day >= $2::date AND day < $3::date) OR (day >= $4::date AND day < $5::date))) x
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [agencyCodes, s, pm1, pm2, e],
    )) as Array<Record<string, number> & { agency_code: string; day: string }>;
    const open = buckets.map((b) => asOf < b.end && !isLocalMidnight(asOf));
    const overdueNow = new Map<string, number>();
    if (open.some(Boolean)) {
      const ends = buckets.filter((_, i) => open[i]).map((b) => b.end);
      const rows = (await m.query(
        `SELECT b.bend, f.competent_agency_code AS agency_code, count(*)::int AS n
         FROM unnest($2::timestamptz[]) AS b(bend)
         JOIN dossier_fact f ON f.received_at < b.bend
         WHERE f.competent_agency_code = ANY($1::text[]) AND f.resolved_at IS NULL
           AND f.refused_at IS NULL AND f.stopped_at IS NULL AND f.withdrawn_at IS NULL
           AND (f.appointment_at < $3 OR ${LATE_BY_SUPPLEMENTS('f')})
         GROUP BY 1, 2`,
        [agencyCodes, ends, asOf],
      )) as Array<{ bend: Date; agency_code: string; n: number }>;
      for (const r of rows) overdueNow.set(`${new Date(r.bend).getTime()} ${r.agency_code}`, r.n);
    }
    const pick = (r: Record<string, number> | undefined): Sums => {
      const x = zeroSums();
      if (r) for (const c of cols) x[c] = r[c];
      return x;
    };
    const add = (a: Sums, b: Sums) => {
      for (const c of cols) a[c] += b[c];
    };
    const out: BucketAgencyCounts[] = [];
    const beforeOf = new Map(before.map((r) => [r.agency_code, r]));
    const dailyOf = new Map<string, Array<{ day: string; flows: Sums }>>();
    for (const r of daily) {
      const list = dailyOf.get(r.agency_code) ?? [];
      list.push({ day: r.day, flows: pick(r) });
      dailyOf.set(r.agency_code, list);
    }
    for (const agencyCode of new Set([...beforeOf.keys(), ...dailyOf.keys()])) {
      const acc = pick(beforeOf.get(agencyCode));
      const days = dailyOf.get(agencyCode) ?? [];
      let i = 0;
      buckets.forEach((b, bucket) => {
        const from = localDate(b.start);
        const to = localDate(b.end);
        while (i < days.length && days[i].day < from) add(acc, days[i++].flows);
        const within = zeroSums();
        while (i < days.length && days[i].day < to) add(within, days[i++].flows);
        const counts = ii06aFromFlows(acc, within, open[bucket] ? (overdueNow.get(`${b.end.getTime()} ${agencyCode}`) ?? 0) : undefined);
        add(acc, within);
        if (counts.received.total > 0) out.push({ bucket, agencyCode, counts });
      });
    }
    return out;
  }

  /** Open dossiers received before `end` and overdue at `asOf` (appointment before it, or late by supplements), by field. */
  private async overdueOpenByField(m: EntityManager, agencyCodes: readonly string[], end: Date, asOf: Date): Promise<Map<string, number>> {
    const rows = (await m.query(
      `SELECT COALESCE(pf.field_code, $4) AS field_code, count(*)::int AS n
       FROM dossier_fact f LEFT JOIN procedure_field pf ON pf.procedure_code = f.procedure_code
       WHERE f.competent_agency_code = ANY($1::text[]) AND f.resolved_at IS NULL AND f.received_at < $2
         AND f.refused_at IS NULL AND f.stopped_at IS NULL AND f.withdrawn_at IS NULL
         AND (f.appointment_at < $3 OR ${LATE_BY_SUPPLEMENTS('f')})
       GROUP BY 1`,
      [agencyCodes, end, asOf, UNKNOWN_FIELD.code],
    )) as Array<{ field_code: string; n: number }>;
    return new Map(rows.map((r) => [r.field_code, r.n]));
  }
}

/** II.06a counts from the flows before and within the period (see the class comment). */
export function ii06aFromFlows(before: Sums, within: Sums, overdueNow?: number): Ii06aCounts {
  const receivedBefore = before.recv_online + before.recv_direct_postal;
  const resolvedBefore = before.res_early + before.res_on_time + before.res_late;
  const resolvedWithin = within.res_early + within.res_on_time + within.res_late;
  const carriedOver = receivedBefore - resolvedBefore;
  const inProgress = carriedOver + within.recv_online + within.recv_direct_postal - resolvedWithin;
  const overdue = overdueNow !== undefined ? overdueNow : before.overdue_in - before.overdue_out + within.overdue_in - within.overdue_out;
  return {
    received: {
      total: carriedOver + within.recv_online + within.recv_direct_postal,
      online: within.recv_online,
      directOrPostal: within.recv_direct_postal,
      carriedOver,
    },
    resolved: { total: resolvedWithin, early: within.res_early, onTime: within.res_on_time, late: within.res_late },
    inProgress: { total: inProgress, withinDeadline: inProgress - overdue, overdue },
  };
}

/** `ProcessCounts` from the flows before and within the period (see `AggregateCountsRepository.processCounts`). */
function processCountsFromFlows(within: Sums, pop: (q: PopulationQuantity) => number): ProcessCounts {
  return {
    dossiersWithSupplements: pop('sup_dossiers'),
    supplementRequests: pop('sup_requests'),
    dossiersLateBySupplements: pop('sup_late'),
    refused: within.refused,
    postalOrders: within.postal_orders,
    postalDelivered: within.postal_delivered,
    postalReturned: within.postal_returned,
    postalMeanHours: within.postal_delivered === 0 ? null : within.postal_ms / within.postal_delivered / 3_600_000,
    messagesSent: pop('msg_sent'),
    messagesFailedSending: pop('msg_failed_sending'),
    messagesFailedDelivery: pop('msg_failed_delivery'),
    dossiersExtended: pop('ext_dossiers'),
    extensions: pop('ext_count'),
    stopped: within.stopped,
    withdrawn: within.withdrawn,
    resolved: within.res_early + within.res_on_time + within.res_late,
    resolvedLate: within.res_late,
    resolvedRated: within.res_rated,
    resolvedDissatisfied: within.res_dissatisfied,
  };
}
