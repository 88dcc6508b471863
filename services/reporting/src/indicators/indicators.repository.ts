import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLOSED_AT, CLOSED_TIMELINESS, LATE_BY_SUPPLEMENTS } from '../forms/ii06a.repository';
import { PROCESSING_DAY, PROCESSING_MS, WORKING_DAY_JOINS } from '../working-time/working-time.sql';

export interface ChannelCounts {
  /** Received in the period (competent agency), and of those online / by post (BCCI). */
  received: number;
  receivedOnline: number;
  receivedPostal: number;
  /** Results returned in the period, and of those delivered by post. */
  returned: number;
  returnedByPost: number;
  /** Of the received: fully digitized, reusing digitized data. */
  receivedDigitized: number;
  receivedReused: number;
  /** Resolved (`dossier.resolved`, on the day resolved, not before the day received), and of those with the result digitized. */
  resolvedIssued: number;
  resultsDigitized: number;
}

/** Supplements, refusals, postal legs and messages of an agency's dossiers (see `processCounts`). */
export interface ProcessCounts {
  /** Of the II.06a population: dossiers with at least one supplement request, requests in all, dossiers with two or more. */
  dossiersWithSupplements: number;
  supplementRequests: number;
  dossiersLateBySupplements: number;
  /** Refusals (`processing.refused`) in the period. */
  refused: number;
  /** Postal result deliveries whose order was created in the period, and of those delivered / returned to sender. */
  postalOrders: number;
  postalDelivered: number;
  postalReturned: number;
  /** Mean hours from order creation to delivery of those delivered; null when none. */
  postalMeanHours: number | null;
  /** Messages about the II.06a population's dossiers (all time): sent, failed at sending, sent but undeliverable. */
  messagesSent: number;
  messagesFailedSending: number;
  messagesFailedDelivery: number;
  /** Of the population: dossiers extended and extensions in all. */
  dossiersExtended: number;
  extensions: number;
  /** Stops and withdrawals in the period. */
  stopped: number;
  withdrawn: number;
  /** Of the dossiers that left processing in the period (resolved, or refused / stopped / withdrawn: `CLOSED_AT`): late (a second supplement included), rated, rated dissatisfied. */
  resolved: number;
  resolvedLate: number;
  resolvedRated: number;
  resolvedDissatisfied: number;
}

/** Dossiers resolved in a period with a known working time, and the sum of those times in milliseconds. */
export interface ProcedureProcessingTime {
  /** '' when unknown. */
  procedureCode: string;
  dossiers: number;
  ms: number;
}

/**
 * Indicator queries over `dossier_fact`, all scoped to the dossiers an agency is competent for
 * (the population of form II.06a) in a period [start, end).
 */
@Injectable()
export class IndicatorsRepository {
  async channelCounts(m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date): Promise<ChannelCounts> {
    const rows = (await m.query(
      `SELECT
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3)::int AS received,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'ONLINE')::int AS received_online,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND channel = 'POSTAL')::int AS received_postal,
         count(*) FILTER (WHERE returned_at >= $2 AND returned_at < $3)::int AS returned,
         count(*) FILTER (WHERE returned_at >= $2 AND returned_at < $3 AND COALESCE(return_method, result_delivery) = 'POST')::int
           AS returned_by_post,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND digitized_at IS NOT NULL)::int AS received_digitized,
         count(*) FILTER (WHERE received_at >= $2 AND received_at < $3 AND components_reused >= 1)::int AS received_reused,
         count(*) FILTER (WHERE resolved_at IS NOT NULL AND ${PROCESSING_DAY('d')} >= $2 AND ${PROCESSING_DAY('d')} < $3)::int AS resolved_issued,
         count(*) FILTER (WHERE resolved_at IS NOT NULL AND ${PROCESSING_DAY('d')} >= $2 AND ${PROCESSING_DAY('d')} < $3
                            AND result_digitized_at IS NOT NULL)::int AS results_digitized
       FROM dossier_fact d WHERE competent_agency_code = ANY($1::text[]) AND received_at IS NOT NULL`,
      [agencyCodes, start, end],
    )) as Array<Record<string, number>>;
    const r = rows[0];
    return {
      received: r.received,
      receivedOnline: r.received_online,
      receivedPostal: r.received_postal,
      returned: r.returned,
      returnedByPost: r.returned_by_post,
      receivedDigitized: r.received_digitized,
      receivedReused: r.received_reused,
      resolvedIssued: r.resolved_issued,
      resultsDigitized: r.results_digitized,
    };
  }

  async processCounts(m: EntityManager, agencyCodes: readonly string[], start: Date, end: Date): Promise<ProcessCounts> {
    const rows = (await m.query(
      `SELECT
         count(*) FILTER (WHERE in_population AND supplement_requests >= 1)::int AS with_supplements,
         COALESCE(sum(supplement_requests) FILTER (WHERE in_population), 0)::int AS supplement_requests,
         count(*) FILTER (WHERE in_population AND ${LATE_BY_SUPPLEMENTS('f')})::int AS late_by_supplements,
         count(*) FILTER (WHERE refused_at >= $2 AND refused_at < $3)::int AS refused,
         count(*) FILTER (WHERE in_postal)::int AS postal_orders,
         count(*) FILTER (WHERE in_postal AND postal_delivered_at IS NOT NULL)::int AS postal_delivered,
         count(*) FILTER (WHERE in_postal AND postal_delivered_at IS NULL AND postal_returned_at IS NOT NULL)::int AS postal_returned,
         avg(extract(epoch FROM postal_delivered_at - postal_order_created_at) / 3600.0)
           FILTER (WHERE in_postal AND postal_delivered_at IS NOT NULL)::float8 AS postal_mean_hours,
         COALESCE(sum(messages_sent) FILTER (WHERE in_population), 0)::int AS messages_sent,
         COALESCE(sum(messages_failed_sending) FILTER (WHERE in_population), 0)::int AS messages_failed_sending,
         COALESCE(sum(messages_failed_delivery) FILTER (WHERE in_population), 0)::int AS messages_failed_delivery,
         count(*) FILTER (WHERE in_population AND extensions >= 1)::int AS dossiers_extended,
         COALESCE(sum(extensions) FILTER (WHERE in_population), 0)::int AS extensions,
         count(*) FILTER (WHERE stopped_at >= $2 AND stopped_at < $3)::int AS stopped,
         count(*) FILTER (WHERE withdrawn_at >= $2 AND withdrawn_at < $3)::int AS withdrawn,
         count(*) FILTER (WHERE is_resolved)::int AS resolved,
         count(*) FILTER (WHERE is_resolved AND (closed_timeliness = 'LATE' OR ${LATE_BY_SUPPLEMENTS('f')}))::int AS resolved_late,
         count(*) FILTER (WHERE is_resolved AND evaluation_level IS NOT NULL)::int AS resolved_rated,
         count(*) FILTER (WHERE is_resolved AND evaluation_level IN ('DISSATISFIED', 'VERY_DISSATISFIED'))::int AS resolved_dissatisfied
       FROM (SELECT *,
               (${CLOSED_AT('d')} >= $2 AND ${CLOSED_AT('d')} < $3 AND received_at < $3) AS is_resolved,
               ${CLOSED_TIMELINESS('d')} AS closed_timeliness,
               (received_at < $3 AND (${CLOSED_AT('d')} IS NULL OR ${CLOSED_AT('d')} >= $2)) AS in_population,
               (postal_order_created_at >= $2 AND postal_order_created_at < $3) AS in_postal
             FROM dossier_fact d WHERE competent_agency_code = ANY($1::text[])) f`,
      [agencyCodes, start, end],
    )) as Array<Record<string, number | null>>;
    const r = rows[0];
    return {
      dossiersWithSupplements: r.with_supplements as number,
      supplementRequests: r.supplement_requests as number,
      dossiersLateBySupplements: r.late_by_supplements as number,
      refused: r.refused as number,
      postalOrders: r.postal_orders as number,
      postalDelivered: r.postal_delivered as number,
      postalReturned: r.postal_returned as number,
      postalMeanHours: r.postal_mean_hours,
      messagesSent: r.messages_sent as number,
      messagesFailedSending: r.messages_failed_sending as number,
      messagesFailedDelivery: r.messages_failed_delivery as number,
      dossiersExtended: r.dossiers_extended as number,
      extensions: r.extensions as number,
      stopped: r.stopped as number,
      withdrawn: r.withdrawn as number,
      resolved: r.resolved as number,
      resolvedLate: r.resolved_late as number,
      resolvedRated: r.resolved_rated as number,
      resolvedDissatisfied: r.resolved_dissatisfied as number,
    };
  }

  /**
   * The dossiers resolved (`dossier.resolved`) in the period — on the day resolved, not before the day received —
   * whose working time is known, and that time (legal clock, `PROCESSING_MS`), per procedure ('' unknown).
   */
  async processingTimeByProcedure(
    m: EntityManager,
    agencyCodes: readonly string[],
    start: Date,
    end: Date,
  ): Promise<ProcedureProcessingTime[]> {
    const rows = (await m.query(
      `SELECT procedure_code, count(ms)::int AS dossiers, COALESCE(sum(ms), 0)::float8 AS ms FROM (
         SELECT COALESCE(procedure_code, '') AS procedure_code, ${PROCESSING_MS('d')} AS ms FROM dossier_fact d ${WORKING_DAY_JOINS('d')}
         WHERE competent_agency_code = ANY($1::text[]) AND received_at IS NOT NULL AND resolved_at IS NOT NULL
           AND ${PROCESSING_DAY('d')} >= $2 AND ${PROCESSING_DAY('d')} < $3) x
       GROUP BY 1 HAVING count(ms) > 0 ORDER BY 1`,
      [agencyCodes, start, end],
    )) as Array<{ procedure_code: string; dossiers: number; ms: number }>;
    return rows.map((r) => ({ procedureCode: r.procedure_code, dossiers: r.dossiers, ms: r.ms }));
  }
}
