import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projector's position and unprojected-event marker on `event_log`, the per-day / per-month agency
 * counts (backfilled from the facts), the partial index of open dossiers by appointment, the fact snapshots
 * and the appending transaction of each logged event.
 */
export class ProjectionAndCounts1795700000000 implements MigrationInterface {
  name = 'ProjectionAndCounts1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projection_position" ("name" text NOT NULL, "seq" bigint NOT NULL DEFAULT '0', "events" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_projection_position" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "agency_day_counts" ("recv_online" integer NOT NULL DEFAULT '0', "recv_direct_postal" integer NOT NULL DEFAULT '0', "recv_postal" integer NOT NULL DEFAULT '0', "res_early" integer NOT NULL DEFAULT '0', "res_on_time" integer NOT NULL DEFAULT '0', "res_late" integer NOT NULL DEFAULT '0', "overdue_in" integer NOT NULL DEFAULT '0', "overdue_out" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "returned_post" integer NOT NULL DEFAULT '0', "agency_code" text NOT NULL, "day" date NOT NULL, "procedure_code" text NOT NULL, CONSTRAINT "pk_agency_day_counts" PRIMARY KEY ("agency_code", "day", "procedure_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "agency_month_counts" ("recv_online" integer NOT NULL DEFAULT '0', "recv_direct_postal" integer NOT NULL DEFAULT '0', "recv_postal" integer NOT NULL DEFAULT '0', "res_early" integer NOT NULL DEFAULT '0', "res_on_time" integer NOT NULL DEFAULT '0', "res_late" integer NOT NULL DEFAULT '0', "overdue_in" integer NOT NULL DEFAULT '0', "overdue_out" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "returned_post" integer NOT NULL DEFAULT '0', "agency_code" text NOT NULL, "month" date NOT NULL, "procedure_code" text NOT NULL, CONSTRAINT "pk_agency_month_counts" PRIMARY KEY ("agency_code", "month", "procedure_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "event_log" ADD "seq" BIGSERIAL NOT NULL`);
    await queryRunner.query(`ALTER TABLE "event_log" ADD "projected" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE INDEX "ix_event_log_unprojected_seq" ON "event_log"  ("seq") WHERE NOT projected`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_event_log_seq" ON "event_log"  ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_open_competent_appointment" ON "dossier_fact"  ("competent_agency_code", "appointment_at") WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "fact_snapshot" ("id" SERIAL NOT NULL, "cut_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pg_snapshot" text NOT NULL, "dossiers" integer NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_fact_snapshot" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "fact_snapshot_row" ("snapshot_id" integer NOT NULL, "dossier_code" text NOT NULL, "row" jsonb NOT NULL, CONSTRAINT "pk_fact_snapshot_row" PRIMARY KEY ("snapshot_id", "dossier_code"))`,
    );
    await queryRunner.query(`ALTER TABLE "fact_snapshot_row" ADD "agency_code" text`);
    await queryRunner.query(`CREATE INDEX "ix_fact_snapshot_row_agency" ON "fact_snapshot_row"  ("snapshot_id", "agency_code") `);
    await queryRunner.query(`ALTER TABLE "event_log" ADD "tx_id" bigint NOT NULL DEFAULT txid_current()`);
    await queryRunner.query(`CREATE INDEX "ix_event_log_tx_id" ON "event_log"  ("tx_id") `);
    // the events logged so far were folded into dossier_fact when they arrived
    await queryRunner.query(`UPDATE "event_log" SET "projected" = TRUE`);
    await queryRunner.query(
      `INSERT INTO "projection_position" ("name", "seq", "events") SELECT 'facts', COALESCE(max("seq"), 0), count(*) FROM "event_log"`,
    );
    // the counts of the existing facts (a frozen copy of addContributionsSql('TRUE', '1') as of this migration)
    await queryRunner.query(
      `WITH g AS (SELECT agency_code, procedure_code, day, (sum(recv_online) * 1)::int AS recv_online, (sum(recv_direct_postal) * 1)::int AS recv_direct_postal, (sum(recv_postal) * 1)::int AS recv_postal, (sum(res_early) * 1)::int AS res_early, (sum(res_on_time) * 1)::int AS res_on_time, (sum(res_late) * 1)::int AS res_late, (sum(overdue_in) * 1)::int AS overdue_in, (sum(overdue_out) * 1)::int AS overdue_out, (sum(returned) * 1)::int AS returned, (sum(returned_post) * 1)::int AS returned_post FROM (SELECT f.competent_agency_code AS agency_code, COALESCE(f.procedure_code, '') AS procedure_code, c.day, c.recv_online, c.recv_direct_postal, c.recv_postal, c.res_early, c.res_on_time, c.res_late, c.overdue_in, c.overdue_out, c.returned, c.returned_post
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
      (k.r, (f.channel = 'ONLINE')::int, (f.channel IN ('COUNTER', 'POSTAL'))::int, (f.channel = 'POSTAL')::int, 0, 0, 0, 0, 0, 0, 0),
      (k.q, 0, 0, 0, (NOT k.late_sup AND k.t = 'EARLY')::int, (NOT k.late_sup AND k.t = 'ON_TIME')::int,
        (k.late_sup OR k.t IS DISTINCT FROM 'EARLY' AND k.t IS DISTINCT FROM 'ON_TIME')::int, 0, 0, 0, 0),
      (od.o, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0),
      (CASE WHEN k.q IS NOT NULL THEN GREATEST(od.o, k.q) END, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0),
      (((f.returned_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 0, 0, 0, 1, (COALESCE(f.return_method, f.result_delivery) = 'POST')::int)
    ) c(day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post)
    WHERE f.competent_agency_code IS NOT NULL AND f.received_at IS NOT NULL AND c.day IS NOT NULL AND (TRUE)) c GROUP BY 1, 2, 3),
    d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post)
          SELECT agency_code, procedure_code, day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post FROM g
          ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET recv_online = a.recv_online + EXCLUDED.recv_online, recv_direct_postal = a.recv_direct_postal + EXCLUDED.recv_direct_postal, recv_postal = a.recv_postal + EXCLUDED.recv_postal, res_early = a.res_early + EXCLUDED.res_early, res_on_time = a.res_on_time + EXCLUDED.res_on_time, res_late = a.res_late + EXCLUDED.res_late, overdue_in = a.overdue_in + EXCLUDED.overdue_in, overdue_out = a.overdue_out + EXCLUDED.overdue_out, returned = a.returned + EXCLUDED.returned, returned_post = a.returned_post + EXCLUDED.returned_post)
    INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post)
    SELECT agency_code, procedure_code, date_trunc('month', day)::date, sum(recv_online)::int, sum(recv_direct_postal)::int, sum(recv_postal)::int, sum(res_early)::int, sum(res_on_time)::int, sum(res_late)::int, sum(overdue_in)::int, sum(overdue_out)::int, sum(returned)::int, sum(returned_post)::int
    FROM g GROUP BY 1, 2, 3
    ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET recv_online = a.recv_online + EXCLUDED.recv_online, recv_direct_postal = a.recv_direct_postal + EXCLUDED.recv_direct_postal, recv_postal = a.recv_postal + EXCLUDED.recv_postal, res_early = a.res_early + EXCLUDED.res_early, res_on_time = a.res_on_time + EXCLUDED.res_on_time, res_late = a.res_late + EXCLUDED.res_late, overdue_in = a.overdue_in + EXCLUDED.overdue_in, overdue_out = a.overdue_out + EXCLUDED.overdue_out, returned = a.returned + EXCLUDED.returned, returned_post = a.returned_post + EXCLUDED.returned_post`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_event_log_tx_id"`);
    await queryRunner.query(`ALTER TABLE "event_log" DROP COLUMN "tx_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fact_snapshot_row_agency"`);
    await queryRunner.query(`DROP TABLE "fact_snapshot_row"`);
    await queryRunner.query(`DROP TABLE "fact_snapshot"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_open_competent_appointment"`);
    await queryRunner.query(`DROP INDEX "public"."ux_event_log_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_event_log_unprojected_seq"`);
    await queryRunner.query(`ALTER TABLE "event_log" DROP COLUMN "projected"`);
    await queryRunner.query(`ALTER TABLE "event_log" DROP COLUMN "seq"`);
    await queryRunner.query(`DROP TABLE "agency_month_counts"`);
    await queryRunner.query(`DROP TABLE "agency_day_counts"`);
    await queryRunner.query(`DROP TABLE "projection_position"`);
  }
}
