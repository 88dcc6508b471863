import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digitization (`dossier.document-digitized`): the facts' running totals and instants, and the flows of both count
 * tables. Nothing to backfill (no event carried them before). The fact snapshots taken before would restore the new
 * NOT NULL columns as NULL (`jsonb_populate_record` of a row without them): they are dropped — a snapshot is a cache
 * of the event log, "as of" queries replay the log until the next daily snapshot.
 */
export class Digitization1795740000000 implements MigrationInterface {
  name = 'Digitization1795740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "components_received" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "components_digitized" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "components_reused" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "digitized_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossier_fact" ADD "result_digitized_at" TIMESTAMP WITH TIME ZONE`);
    for (const table of ['agency_day_counts', 'agency_month_counts']) {
      for (const column of ['recv_digitized', 'recv_reused', 'res_issued', 'res_result_digitized']) {
        await queryRunner.query(`ALTER TABLE "${table}" ADD "${column}" integer NOT NULL DEFAULT '0'`);
      }
    }
    // resolutions before this migration: res_issued on the day resolved (not before the day received), as the projector counts it
    await queryRunner.query(
      `WITH g AS (SELECT competent_agency_code AS agency_code, COALESCE(procedure_code, '') AS procedure_code,
                         ((GREATEST(resolved_at, received_at)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*)::int AS n
                  FROM dossier_fact
                  WHERE competent_agency_code IS NOT NULL AND received_at IS NOT NULL AND resolved_at IS NOT NULL
                  GROUP BY 1, 2, 3),
       d AS (INSERT INTO agency_day_counts AS a (agency_code, procedure_code, day, res_issued) SELECT * FROM g
             ON CONFLICT (agency_code, day, procedure_code) DO UPDATE SET res_issued = a.res_issued + EXCLUDED.res_issued)
       INSERT INTO agency_month_counts AS a (agency_code, procedure_code, month, res_issued)
       SELECT agency_code, procedure_code, date_trunc('month', day)::date, sum(n)::int FROM g GROUP BY 1, 2, 3
       ON CONFLICT (agency_code, month, procedure_code) DO UPDATE SET res_issued = a.res_issued + EXCLUDED.res_issued`,
    );
    await queryRunner.query(`DELETE FROM "fact_snapshot_row"`);
    await queryRunner.query(`DELETE FROM "fact_snapshot"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['agency_day_counts', 'agency_month_counts']) {
      for (const column of ['recv_digitized', 'recv_reused', 'res_issued', 'res_result_digitized']) {
        await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
      }
    }
    for (const column of ['result_digitized_at', 'digitized_at', 'components_reused', 'components_digitized', 'components_received']) {
      await queryRunner.query(`ALTER TABLE "dossier_fact" DROP COLUMN "${column}"`);
    }
  }
}
