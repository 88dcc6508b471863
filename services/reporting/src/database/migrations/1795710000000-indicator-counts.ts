import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indicator flows of the agency counts (`INDICATOR_COLUMNS`: population quantities in / out, rated
 * resolutions, postal orders, refusals, stops, withdrawals), backfilled by recomputing both count tables
 * from the facts.
 */
export class IndicatorCounts1795710000000 implements MigrationInterface {
  name = 'IndicatorCounts1795710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_dossiers_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_dossiers_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_requests_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_requests_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_late_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "sup_late_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "ext_dossiers_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "ext_dossiers_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "ext_count_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "ext_count_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_sent_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_sent_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_failed_sending_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_failed_sending_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_failed_delivery_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "msg_failed_delivery_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "res_rated" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "res_dissatisfied" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "postal_orders" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "postal_delivered" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "postal_returned" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "postal_ms" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "refused" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "stopped" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" ADD "withdrawn" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_dossiers_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_dossiers_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_requests_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_requests_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_late_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "sup_late_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "ext_dossiers_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "ext_dossiers_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "ext_count_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "ext_count_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_sent_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_sent_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_failed_sending_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_failed_sending_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_failed_delivery_in" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "msg_failed_delivery_out" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "res_rated" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "res_dissatisfied" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "postal_orders" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "postal_delivered" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "postal_returned" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "postal_ms" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "refused" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "stopped" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" ADD "withdrawn" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`TRUNCATE "agency_day_counts", "agency_month_counts"`);
    // the counts of the existing facts (a frozen copy of addContributionsSql('TRUE', '1') as of this migration)
    await queryRunner.query(
      `WITH g AS (SELECT agency_code, procedure_code, day, (sum(recv_online) * 1)::int AS recv_online, (sum(recv_direct_postal) * 1)::int AS recv_direct_postal, (sum(recv_postal) * 1)::int AS recv_postal, (sum(res_early) * 1)::int AS res_early, (sum(res_on_time) * 1)::int AS res_on_time, (sum(res_late) * 1)::int AS res_late, (sum(overdue_in) * 1)::int AS overdue_in, (sum(overdue_out) * 1)::int AS overdue_out, (sum(returned) * 1)::int AS returned, (sum(returned_post) * 1)::int AS returned_post, (sum(sup_dossiers_in) * 1)::int AS sup_dossiers_in, (sum(sup_dossiers_out) * 1)::int AS sup_dossiers_out, (sum(sup_requests_in) * 1)::int AS sup_requests_in, (sum(sup_requests_out) * 1)::int AS sup_requests_out, (sum(sup_late_in) * 1)::int AS sup_late_in, (sum(sup_late_out) * 1)::int AS sup_late_out, (sum(ext_dossiers_in) * 1)::int AS ext_dossiers_in, (sum(ext_dossiers_out) * 1)::int AS ext_dossiers_out, (sum(ext_count_in) * 1)::int AS ext_count_in, (sum(ext_count_out) * 1)::int AS ext_count_out, (sum(msg_sent_in) * 1)::int AS msg_sent_in, (sum(msg_sent_out) * 1)::int AS msg_sent_out, (sum(msg_failed_sending_in) * 1)::int AS msg_failed_sending_in, (sum(msg_failed_sending_out) * 1)::int AS msg_failed_sending_out, (sum(msg_failed_delivery_in) * 1)::int AS msg_failed_delivery_in, (sum(msg_failed_delivery_out) * 1)::int AS msg_failed_delivery_out, (sum(res_rated) * 1)::int AS res_rated, (sum(res_dissatisfied) * 1)::int AS res_dissatisfied, (sum(postal_orders) * 1)::int AS postal_orders, (sum(postal_delivered) * 1)::int AS postal_delivered, (sum(postal_returned) * 1)::int AS postal_returned, (sum(postal_ms) * 1)::bigint AS postal_ms, (sum(refused) * 1)::int AS refused, (sum(stopped) * 1)::int AS stopped, (sum(withdrawn) * 1)::int AS withdrawn FROM (SELECT f.competent_agency_code AS agency_code, COALESCE(f.procedure_code, '') AS procedure_code, c.day, c.recv_online, c.recv_direct_postal, c.recv_postal, c.res_early, c.res_on_time, c.res_late, c.overdue_in, c.overdue_out, c.returned, c.returned_post, c.sup_dossiers_in, c.sup_dossiers_out, c.sup_requests_in, c.sup_requests_out, c.sup_late_in, c.sup_late_out, c.ext_dossiers_in, c.ext_dossiers_out, c.ext_count_in, c.ext_count_out, c.msg_sent_in, c.msg_sent_out, c.msg_failed_sending_in, c.msg_failed_sending_out, c.msg_failed_delivery_in, c.msg_failed_delivery_out, c.res_rated, c.res_dissatisfied, c.postal_orders, c.postal_delivered, c.postal_returned, c.postal_ms, c.refused, c.stopped, c.withdrawn
    FROM dossier_fact f
    CROSS JOIN LATERAL (SELECT ((f.received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS r,
        CASE WHEN COALESCE(f.resolved_at, LEAST(f.refused_at, f.stopped_at, f.withdrawn_at)) IS NOT NULL THEN ((GREATEST(COALESCE(f.resolved_at, LEAST(f.refused_at, f.stopped_at, f.withdrawn_at)), f.received_at)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END AS q,
        (CASE WHEN f.resolved_at IS NOT NULL THEN f.timeliness
         WHEN COALESCE(f.resolved_at, LEAST(f.refused_at, f.stopped_at, f.withdrawn_at)) IS NULL THEN NULL
         WHEN COALESCE(f.resolved_at, LEAST(f.refused_at, f.stopped_at, f.withdrawn_at)) <= f.appointment_at THEN 'ON_TIME' ELSE 'LATE' END) AS t,
        f.supplement_requests >= 2 AS late_sup) k
    CROSS JOIN LATERAL (SELECT CASE WHEN k.late_sup OR f.appointment_at IS NULL THEN k.r
                                    ELSE GREATEST(k.r, ((f.appointment_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) END AS o) od
    CROSS JOIN LATERAL (VALUES
      (k.r, COALESCE((f.channel = 'ONLINE')::int, 0), COALESCE((f.channel IN ('COUNTER', 'POSTAL'))::int, 0), COALESCE((f.channel = 'POSTAL')::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE(((f.supplement_requests >= 1)::int)::int, 0), 0::int, COALESCE((f.supplement_requests)::int, 0), 0::int, COALESCE(((f.supplement_requests >= 2)::int)::int, 0), 0::int, COALESCE(((f.extensions >= 1)::int)::int, 0), 0::int, COALESCE((f.extensions)::int, 0), 0::int, COALESCE((f.messages_sent)::int, 0), 0::int, COALESCE((f.messages_failed_sending)::int, 0), 0::int, COALESCE((f.messages_failed_delivery)::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, 0::int),
      (k.q, 0::int, 0::int, 0::int, COALESCE((NOT k.late_sup AND k.t = 'EARLY')::int, 0), COALESCE((NOT k.late_sup AND k.t = 'ON_TIME')::int, 0), COALESCE((k.late_sup OR k.t IS DISTINCT FROM 'EARLY' AND k.t IS DISTINCT FROM 'ON_TIME')::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE(((f.supplement_requests >= 1)::int)::int, 0), 0::int, COALESCE((f.supplement_requests)::int, 0), 0::int, COALESCE(((f.supplement_requests >= 2)::int)::int, 0), 0::int, COALESCE(((f.extensions >= 1)::int)::int, 0), 0::int, COALESCE((f.extensions)::int, 0), 0::int, COALESCE((f.messages_sent)::int, 0), 0::int, COALESCE((f.messages_failed_sending)::int, 0), 0::int, COALESCE((f.messages_failed_delivery)::int, 0), COALESCE((f.evaluation_level IS NOT NULL)::int, 0), COALESCE((COALESCE(f.evaluation_level IN ('DISSATISFIED', 'VERY_DISSATISFIED'), FALSE))::int, 0), 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, 0::int),
      (od.o, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE((1)::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, 0::int),
      (CASE WHEN k.q IS NOT NULL THEN GREATEST(od.o, k.q) END, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE((1)::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, 0::int),
      (((f.returned_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE((1)::int, 0), COALESCE((COALESCE(f.return_method, f.result_delivery) = 'POST')::int, 0), 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, 0::int),
      (((f.postal_order_created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, COALESCE((1)::int, 0), COALESCE((f.postal_delivered_at IS NOT NULL)::int, 0), COALESCE((f.postal_delivered_at IS NULL AND f.postal_returned_at IS NOT NULL)::int, 0), COALESCE((COALESCE(round(extract(epoch FROM f.postal_delivered_at - f.postal_order_created_at) * 1000), 0))::bigint, 0), 0::int, 0::int, 0::int),
      (((f.refused_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, COALESCE((1)::int, 0), 0::int, 0::int),
      (((f.stopped_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, COALESCE((1)::int, 0), 0::int),
      (((f.withdrawn_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::int, 0::bigint, 0::int, 0::int, COALESCE((1)::int, 0))
    ) c(day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post, sup_dossiers_in, sup_dossiers_out, sup_requests_in, sup_requests_out, sup_late_in, sup_late_out, ext_dossiers_in, ext_dossiers_out, ext_count_in, ext_count_out, msg_sent_in, msg_sent_out, msg_failed_sending_in, msg_failed_sending_out, msg_failed_delivery_in, msg_failed_delivery_out, res_rated, res_dissatisfied, postal_orders, postal_delivered, postal_returned, postal_ms, refused, stopped, withdrawn)
    WHERE f.competent_agency_code IS NOT NULL AND f.received_at IS NOT NULL AND c.day IS NOT NULL AND (TRUE)) c GROUP BY 1, 2, 3),
    d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post, sup_dossiers_in, sup_dossiers_out, sup_requests_in, sup_requests_out, sup_late_in, sup_late_out, ext_dossiers_in, ext_dossiers_out, ext_count_in, ext_count_out, msg_sent_in, msg_sent_out, msg_failed_sending_in, msg_failed_sending_out, msg_failed_delivery_in, msg_failed_delivery_out, res_rated, res_dissatisfied, postal_orders, postal_delivered, postal_returned, postal_ms, refused, stopped, withdrawn)
          SELECT agency_code, procedure_code, day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post, sup_dossiers_in, sup_dossiers_out, sup_requests_in, sup_requests_out, sup_late_in, sup_late_out, ext_dossiers_in, ext_dossiers_out, ext_count_in, ext_count_out, msg_sent_in, msg_sent_out, msg_failed_sending_in, msg_failed_sending_out, msg_failed_delivery_in, msg_failed_delivery_out, res_rated, res_dissatisfied, postal_orders, postal_delivered, postal_returned, postal_ms, refused, stopped, withdrawn FROM g
          ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET recv_online = a.recv_online + EXCLUDED.recv_online, recv_direct_postal = a.recv_direct_postal + EXCLUDED.recv_direct_postal, recv_postal = a.recv_postal + EXCLUDED.recv_postal, res_early = a.res_early + EXCLUDED.res_early, res_on_time = a.res_on_time + EXCLUDED.res_on_time, res_late = a.res_late + EXCLUDED.res_late, overdue_in = a.overdue_in + EXCLUDED.overdue_in, overdue_out = a.overdue_out + EXCLUDED.overdue_out, returned = a.returned + EXCLUDED.returned, returned_post = a.returned_post + EXCLUDED.returned_post, sup_dossiers_in = a.sup_dossiers_in + EXCLUDED.sup_dossiers_in, sup_dossiers_out = a.sup_dossiers_out + EXCLUDED.sup_dossiers_out, sup_requests_in = a.sup_requests_in + EXCLUDED.sup_requests_in, sup_requests_out = a.sup_requests_out + EXCLUDED.sup_requests_out, sup_late_in = a.sup_late_in + EXCLUDED.sup_late_in, sup_late_out = a.sup_late_out + EXCLUDED.sup_late_out, ext_dossiers_in = a.ext_dossiers_in + EXCLUDED.ext_dossiers_in, ext_dossiers_out = a.ext_dossiers_out + EXCLUDED.ext_dossiers_out, ext_count_in = a.ext_count_in + EXCLUDED.ext_count_in, ext_count_out = a.ext_count_out + EXCLUDED.ext_count_out, msg_sent_in = a.msg_sent_in + EXCLUDED.msg_sent_in, msg_sent_out = a.msg_sent_out + EXCLUDED.msg_sent_out, msg_failed_sending_in = a.msg_failed_sending_in + EXCLUDED.msg_failed_sending_in, msg_failed_sending_out = a.msg_failed_sending_out + EXCLUDED.msg_failed_sending_out, msg_failed_delivery_in = a.msg_failed_delivery_in + EXCLUDED.msg_failed_delivery_in, msg_failed_delivery_out = a.msg_failed_delivery_out + EXCLUDED.msg_failed_delivery_out, res_rated = a.res_rated + EXCLUDED.res_rated, res_dissatisfied = a.res_dissatisfied + EXCLUDED.res_dissatisfied, postal_orders = a.postal_orders + EXCLUDED.postal_orders, postal_delivered = a.postal_delivered + EXCLUDED.postal_delivered, postal_returned = a.postal_returned + EXCLUDED.postal_returned, postal_ms = a.postal_ms + EXCLUDED.postal_ms, refused = a.refused + EXCLUDED.refused, stopped = a.stopped + EXCLUDED.stopped, withdrawn = a.withdrawn + EXCLUDED.withdrawn)
    INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post, sup_dossiers_in, sup_dossiers_out, sup_requests_in, sup_requests_out, sup_late_in, sup_late_out, ext_dossiers_in, ext_dossiers_out, ext_count_in, ext_count_out, msg_sent_in, msg_sent_out, msg_failed_sending_in, msg_failed_sending_out, msg_failed_delivery_in, msg_failed_delivery_out, res_rated, res_dissatisfied, postal_orders, postal_delivered, postal_returned, postal_ms, refused, stopped, withdrawn)
    SELECT agency_code, procedure_code, date_trunc('month', day)::date, sum(recv_online)::int, sum(recv_direct_postal)::int, sum(recv_postal)::int, sum(res_early)::int, sum(res_on_time)::int, sum(res_late)::int, sum(overdue_in)::int, sum(overdue_out)::int, sum(returned)::int, sum(returned_post)::int, sum(sup_dossiers_in)::int, sum(sup_dossiers_out)::int, sum(sup_requests_in)::int, sum(sup_requests_out)::int, sum(sup_late_in)::int, sum(sup_late_out)::int, sum(ext_dossiers_in)::int, sum(ext_dossiers_out)::int, sum(ext_count_in)::int, sum(ext_count_out)::int, sum(msg_sent_in)::int, sum(msg_sent_out)::int, sum(msg_failed_sending_in)::int, sum(msg_failed_sending_out)::int, sum(msg_failed_delivery_in)::int, sum(msg_failed_delivery_out)::int, sum(res_rated)::int, sum(res_dissatisfied)::int, sum(postal_orders)::int, sum(postal_delivered)::int, sum(postal_returned)::int, sum(postal_ms)::bigint, sum(refused)::int, sum(stopped)::int, sum(withdrawn)::int
    FROM g GROUP BY 1, 2, 3
    ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET recv_online = a.recv_online + EXCLUDED.recv_online, recv_direct_postal = a.recv_direct_postal + EXCLUDED.recv_direct_postal, recv_postal = a.recv_postal + EXCLUDED.recv_postal, res_early = a.res_early + EXCLUDED.res_early, res_on_time = a.res_on_time + EXCLUDED.res_on_time, res_late = a.res_late + EXCLUDED.res_late, overdue_in = a.overdue_in + EXCLUDED.overdue_in, overdue_out = a.overdue_out + EXCLUDED.overdue_out, returned = a.returned + EXCLUDED.returned, returned_post = a.returned_post + EXCLUDED.returned_post, sup_dossiers_in = a.sup_dossiers_in + EXCLUDED.sup_dossiers_in, sup_dossiers_out = a.sup_dossiers_out + EXCLUDED.sup_dossiers_out, sup_requests_in = a.sup_requests_in + EXCLUDED.sup_requests_in, sup_requests_out = a.sup_requests_out + EXCLUDED.sup_requests_out, sup_late_in = a.sup_late_in + EXCLUDED.sup_late_in, sup_late_out = a.sup_late_out + EXCLUDED.sup_late_out, ext_dossiers_in = a.ext_dossiers_in + EXCLUDED.ext_dossiers_in, ext_dossiers_out = a.ext_dossiers_out + EXCLUDED.ext_dossiers_out, ext_count_in = a.ext_count_in + EXCLUDED.ext_count_in, ext_count_out = a.ext_count_out + EXCLUDED.ext_count_out, msg_sent_in = a.msg_sent_in + EXCLUDED.msg_sent_in, msg_sent_out = a.msg_sent_out + EXCLUDED.msg_sent_out, msg_failed_sending_in = a.msg_failed_sending_in + EXCLUDED.msg_failed_sending_in, msg_failed_sending_out = a.msg_failed_sending_out + EXCLUDED.msg_failed_sending_out, msg_failed_delivery_in = a.msg_failed_delivery_in + EXCLUDED.msg_failed_delivery_in, msg_failed_delivery_out = a.msg_failed_delivery_out + EXCLUDED.msg_failed_delivery_out, res_rated = a.res_rated + EXCLUDED.res_rated, res_dissatisfied = a.res_dissatisfied + EXCLUDED.res_dissatisfied, postal_orders = a.postal_orders + EXCLUDED.postal_orders, postal_delivered = a.postal_delivered + EXCLUDED.postal_delivered, postal_returned = a.postal_returned + EXCLUDED.postal_returned, postal_ms = a.postal_ms + EXCLUDED.postal_ms, refused = a.refused + EXCLUDED.refused, stopped = a.stopped + EXCLUDED.stopped, withdrawn = a.withdrawn + EXCLUDED.withdrawn`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_dossiers_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_dossiers_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_requests_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_requests_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_late_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "sup_late_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "ext_dossiers_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "ext_dossiers_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "ext_count_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "ext_count_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_sent_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_sent_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_failed_sending_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_failed_sending_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_failed_delivery_in"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "msg_failed_delivery_out"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "res_rated"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "res_dissatisfied"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "postal_orders"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "postal_delivered"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "postal_returned"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "postal_ms"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "refused"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "stopped"`);
    await queryRunner.query(`ALTER TABLE "agency_month_counts" DROP COLUMN "withdrawn"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_dossiers_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_dossiers_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_requests_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_requests_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_late_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "sup_late_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "ext_dossiers_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "ext_dossiers_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "ext_count_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "ext_count_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_sent_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_sent_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_failed_sending_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_failed_sending_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_failed_delivery_in"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "msg_failed_delivery_out"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "res_rated"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "res_dissatisfied"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "postal_orders"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "postal_delivered"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "postal_returned"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "postal_ms"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "refused"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "stopped"`);
    await queryRunner.query(`ALTER TABLE "agency_day_counts" DROP COLUMN "withdrawn"`);
  }
}
