import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The II.06a flow columns (`II06A_COLUMNS`), see `AgencyCounts`. */
abstract class Ii06aFlows {
  @Column({ name: 'recv_online', type: 'integer', default: 0 }) recvOnline!: number;
  @Column({ name: 'recv_direct_postal', type: 'integer', default: 0 }) recvDirectPostal!: number;
  @Column({ name: 'recv_postal', type: 'integer', default: 0 }) recvPostal!: number;
  @Column({ name: 'res_early', type: 'integer', default: 0 }) resEarly!: number;
  @Column({ name: 'res_on_time', type: 'integer', default: 0 }) resOnTime!: number;
  @Column({ name: 'res_late', type: 'integer', default: 0 }) resLate!: number;
  @Column({ name: 'overdue_in', type: 'integer', default: 0 }) overdueIn!: number;
  @Column({ name: 'overdue_out', type: 'integer', default: 0 }) overdueOut!: number;
  @Column({ name: 'returned', type: 'integer', default: 0 }) returned!: number;
  @Column({ name: 'returned_post', type: 'integer', default: 0 }) returnedPost!: number;
}

/**
 * Flows of the competent agency's dossiers per local day (Asia/Ho_Chi_Minh) and procedure, kept by the
 * projector (each batch subtracts the touched dossiers' old contribution and adds the new one), from
 * which every II.06a counter and channel share of any period is derived (see `AggregateCountsRepository`):
 * - `recv_online`, `recv_direct_postal` (`recv_postal` of those by post), on the day received;
 * - `res_early`, `res_on_time`, `res_late` (a second supplement counts late), on the day resolved
 *   (not before the day received);
 * - `overdue_in` on the day the dossier becomes overdue if still open (its appointment's day, or the
 *   day received when it is late by supplements), `overdue_out` on the later of that day and the day
 *   resolved: open and overdue at a midnight E = Σ (in − out) over the days before E;
 * - `returned`, `returned_post`, on the day the result was returned.
 * - the indicator flows (`INDICATOR_COLUMNS` in agency-counts.sql.ts): population quantities in / out,
 *   rated resolutions, postal orders, refusals, stops, withdrawals;
 * - the processing time (`PROCESSING_COLUMNS`) on the day resolved, and the intake at the counter (`INTAKE_COLUMNS`,
 *   keyed by the receiving agency) on the day received;
 * - digitization (`DIGITIZATION_COLUMNS`): received digitized / reusing data, resolved with the result digitized.
 * Stocks (carried over, in progress) are cumulative: Σ received − Σ resolved over the days before.
 */
abstract class AgencyCounts extends Ii06aFlows {
  // indicator flows (see `INDICATOR_COLUMNS`)
  @Column({ name: 'sup_dossiers_in', type: 'integer', default: 0 }) supDossiersIn!: number;
  @Column({ name: 'sup_dossiers_out', type: 'integer', default: 0 }) supDossiersOut!: number;
  @Column({ name: 'sup_requests_in', type: 'integer', default: 0 }) supRequestsIn!: number;
  @Column({ name: 'sup_requests_out', type: 'integer', default: 0 }) supRequestsOut!: number;
  @Column({ name: 'sup_late_in', type: 'integer', default: 0 }) supLateIn!: number;
  @Column({ name: 'sup_late_out', type: 'integer', default: 0 }) supLateOut!: number;
  @Column({ name: 'ext_dossiers_in', type: 'integer', default: 0 }) extDossiersIn!: number;
  @Column({ name: 'ext_dossiers_out', type: 'integer', default: 0 }) extDossiersOut!: number;
  @Column({ name: 'ext_count_in', type: 'integer', default: 0 }) extCountIn!: number;
  @Column({ name: 'ext_count_out', type: 'integer', default: 0 }) extCountOut!: number;
  @Column({ name: 'msg_sent_in', type: 'integer', default: 0 }) msgSentIn!: number;
  @Column({ name: 'msg_sent_out', type: 'integer', default: 0 }) msgSentOut!: number;
  @Column({ name: 'msg_failed_sending_in', type: 'integer', default: 0 }) msgFailedSendingIn!: number;
  @Column({ name: 'msg_failed_sending_out', type: 'integer', default: 0 }) msgFailedSendingOut!: number;
  @Column({ name: 'msg_failed_delivery_in', type: 'integer', default: 0 }) msgFailedDeliveryIn!: number;
  @Column({ name: 'msg_failed_delivery_out', type: 'integer', default: 0 }) msgFailedDeliveryOut!: number;
  @Column({ name: 'res_rated', type: 'integer', default: 0 }) resRated!: number;
  @Column({ name: 'res_dissatisfied', type: 'integer', default: 0 }) resDissatisfied!: number;
  @Column({ name: 'postal_orders', type: 'integer', default: 0 }) postalOrders!: number;
  @Column({ name: 'postal_delivered', type: 'integer', default: 0 }) postalDelivered!: number;
  @Column({ name: 'postal_returned', type: 'integer', default: 0 }) postalReturned!: number;
  /** bigint: a string from the driver. */
  @Column({ name: 'postal_ms', type: 'bigint', default: 0 }) postalMs!: string;
  @Column({ name: 'refused', type: 'integer', default: 0 }) refused!: number;
  @Column({ name: 'stopped', type: 'integer', default: 0 }) stopped!: number;
  @Column({ name: 'withdrawn', type: 'integer', default: 0 }) withdrawn!: number;
  // processing time (`PROCESSING_COLUMNS`) and intake at the counter (`INTAKE_COLUMNS`)
  @Column({ name: 'proc_dossiers', type: 'integer', default: 0 }) procDossiers!: number;
  /** bigint: a string from the driver. */
  @Column({ name: 'proc_ms', type: 'bigint', default: 0 }) procMs!: string;
  @Column({ name: 'intake', type: 'integer', default: 0 }) intake!: number;
  // digitization (`DIGITIZATION_COLUMNS`)
  @Column({ name: 'recv_digitized', type: 'integer', default: 0 }) recvDigitized!: number;
  @Column({ name: 'recv_reused', type: 'integer', default: 0 }) recvReused!: number;
  @Column({ name: 'res_issued', type: 'integer', default: 0 }) resIssued!: number;
  @Column({ name: 'res_result_digitized', type: 'integer', default: 0 }) resResultDigitized!: number;
}

@Entity({ name: 'agency_day_counts' })
export class AgencyDayCounts extends AgencyCounts {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_agency_day_counts' }) agencyCode!: string;
  /** The local date. */
  @PrimaryColumn({ name: 'day', type: 'date', primaryKeyConstraintName: 'pk_agency_day_counts' }) day!: string;
  /** '' when unknown. */
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_agency_day_counts' }) procedureCode!: string;
}

/** The same flows per local month (`month` = its first day): long periods and the cumulative stocks sum few rows. */
@Entity({ name: 'agency_month_counts' })
export class AgencyMonthCounts extends AgencyCounts {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_agency_month_counts' }) agencyCode!: string;
  @PrimaryColumn({ name: 'month', type: 'date', primaryKeyConstraintName: 'pk_agency_month_counts' }) month!: string;
  @PrimaryColumn({ name: 'procedure_code', type: 'text', primaryKeyConstraintName: 'pk_agency_month_counts' }) procedureCode!: string;
}

/**
 * The II.06a flows per agency and local day over all procedures (the days of `agency_day_counts` summed): a series by day
 * over a province-year reads agencies × days rows, not agencies × procedures × days.
 */
@Entity({ name: 'agency_day_totals' })
export class AgencyDayTotals extends Ii06aFlows {
  @PrimaryColumn({ name: 'agency_code', type: 'text', primaryKeyConstraintName: 'pk_agency_day_totals' }) agencyCode!: string;
  @PrimaryColumn({ name: 'day', type: 'date', primaryKeyConstraintName: 'pk_agency_day_totals' }) day!: string;
}
