import { MigrationInterface, QueryRunner } from 'typeorm';

const CLOSED_AT = `COALESCE(resolved_at, LEAST(refused_at, stopped_at, withdrawn_at))`;

/**
 * The indexes of the Decision 766 lost-point pages (`LostPointsRepository`), written by hand (TypeORM cannot
 * express them: `synchronize: false` on the entity):
 * - `ix_dossier_fact_lost_closed`: the dossiers that may lose points when they close (late — by the timeliness,
 *   a second supplement request or closing after the appointment — or rated dissatisfied), by competent agency
 *   and `CLOSED_AT`: RESOLVED_LATE, DISSATISFIED and the IN_PROGRESS_OVERDUE dossiers closed after the period
 *   read only those rows, not every dossier received before the end;
 * - `ix_dossier_fact_open_lost`: the dossiers still open (not resolved, refused, stopped nor withdrawn) by
 *   competent agency and appointment, covering what IN_PROGRESS_OVERDUE filters on (index-only scan);
 * - `ix_dossier_fact_not_online`: the dossiers received other than online by competent agency and receipt, with
 *   their code (NOT_ONLINE, index-only: a province-year is several hundred thousand of them).
 */
export class LostPointsIndex1795730000000 implements MigrationInterface {
  name = 'LostPointsIndex1795730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_lost_closed" ON "dossier_fact" ("competent_agency_code", (${CLOSED_AT}))
       WHERE (CASE WHEN resolved_at IS NOT NULL THEN timeliness
                   WHEN ${CLOSED_AT} IS NULL THEN NULL
                   WHEN ${CLOSED_AT} <= appointment_at THEN 'ON_TIME' ELSE 'LATE' END) = 'LATE'
          OR supplement_requests >= 2
          OR evaluation_level IN ('DISSATISFIED', 'VERY_DISSATISFIED')
          OR appointment_at < ${CLOSED_AT}`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_open_lost" ON "dossier_fact" ("competent_agency_code", "appointment_at")
       INCLUDE ("dossier_code", "received_at", "supplement_requests")
       WHERE resolved_at IS NULL AND refused_at IS NULL AND stopped_at IS NULL AND withdrawn_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_dossier_fact_not_online" ON "dossier_fact" ("competent_agency_code", "received_at")
       INCLUDE ("dossier_code") WHERE channel <> 'ONLINE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_not_online"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_open_lost"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dossier_fact_lost_closed"`);
  }
}
