import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Average processing time and intake at the counter from the counts:
 * - `working_day` (the legal clock's days, filled at start by `WorkingDaysTable`: the clock is code and data, not
 *   SQL), for working time in SQL (see working-time.sql.ts);
 * - `proc_dossiers` / `proc_ms` on both count tables (backfilled by `WorkingDaysTable` when it fills the table:
 *   every resolved dossier's span covers new days then);
 * - `intake` (received by the agency at its counter, keyed by the receiving agency), backfilled here from the facts;
 * - `agency_day_totals`, the II.06a day flows over all procedures, backfilled from `agency_day_counts`.
 */
export class ProcessingTimeAndIntake1795720000000 implements MigrationInterface {
  name = 'ProcessingTimeAndIntake1795720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "working_day" ("day" integer NOT NULL, "s1" integer, "e1" integer, "s2" integer, "e2" integer, "s3" integer, "e3" integer, "cum_before_ms" bigint NOT NULL, CONSTRAINT "pk_working_day" PRIMARY KEY ("day"))`,
    );
    for (const table of ['agency_day_counts', 'agency_month_counts']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "proc_dossiers" integer NOT NULL DEFAULT '0'`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "proc_ms" bigint NOT NULL DEFAULT '0'`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "intake" integer NOT NULL DEFAULT '0'`);
    }
    await queryRunner.query(
      `CREATE TABLE "agency_day_totals" ("agency_code" text NOT NULL, "day" date NOT NULL, "recv_online" integer NOT NULL DEFAULT '0', "recv_direct_postal" integer NOT NULL DEFAULT '0', "recv_postal" integer NOT NULL DEFAULT '0', "res_early" integer NOT NULL DEFAULT '0', "res_on_time" integer NOT NULL DEFAULT '0', "res_late" integer NOT NULL DEFAULT '0', "overdue_in" integer NOT NULL DEFAULT '0', "overdue_out" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "returned_post" integer NOT NULL DEFAULT '0', CONSTRAINT "pk_agency_day_totals" PRIMARY KEY ("agency_code", "day"))`,
    );
    await queryRunner.query(
      `INSERT INTO agency_day_totals (agency_code, day, recv_online, recv_direct_postal, recv_postal, res_early, res_on_time, res_late, overdue_in, overdue_out, returned, returned_post)
       SELECT agency_code, day, sum(recv_online)::int, sum(recv_direct_postal)::int, sum(recv_postal)::int, sum(res_early)::int, sum(res_on_time)::int, sum(res_late)::int, sum(overdue_in)::int, sum(overdue_out)::int, sum(returned)::int, sum(returned_post)::int FROM agency_day_counts GROUP BY 1, 2`,
    );
    await queryRunner.query(
      `WITH g AS (SELECT receiving_agency_code AS agency_code, COALESCE(procedure_code, '') AS procedure_code,
                         ((received_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*)::int AS intake
                  FROM dossier_fact
                  WHERE competent_agency_code IS NOT NULL AND received_at IS NOT NULL AND receiving_agency_code IS NOT NULL
                  GROUP BY 1, 2, 3),
       d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, intake) SELECT * FROM g
             ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET intake = a.intake + EXCLUDED.intake)
       INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, intake)
       SELECT agency_code, procedure_code, date_trunc('month', day)::date, sum(intake)::int FROM g GROUP BY 1, 2, 3
       ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET intake = a.intake + EXCLUDED.intake`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "agency_day_totals"`);
    for (const table of ['agency_day_counts', 'agency_month_counts']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "intake"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "proc_ms"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "proc_dossiers"`);
    }
    await queryRunner.query(`DROP TABLE "working_day"`);
  }
}
